using System.Net.NetworkInformation;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Security;

/// <summary>
/// The networks whose hosts may talk to the console. Serial peers are always allowed: a wire plugged into the
/// host is not a network anyone can reach from elsewhere.
/// </summary>
public sealed class AccessAllowlist
{
    private readonly CidrNetwork[] _networks;

    /// <summary>Allows exactly <paramref name="networks"/>.</summary>
    public AccessAllowlist(IEnumerable<CidrNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        _networks = [.. networks];
    }

    /// <summary>The allowed networks.</summary>
    public IReadOnlyList<CidrNetwork> Networks => _networks;

    /// <summary>Loopback (127.0.0.0/8, ::1/128): the host's own tools only.</summary>
    public static IReadOnlyList<CidrNetwork> Loopback { get; } =
        [CidrNetwork.Parse("127.0.0.0/8"), CidrNetwork.Parse("::1/128")];

    /// <summary>The default: loopback plus every subnet the host has an address on.</summary>
    public static AccessAllowlist CreateDefault() => new([.. Loopback, .. LocalSubnets()]);

    /// <summary>Subnets of the host's operational interfaces, from their unicast addresses and prefix lengths.</summary>
    public static IReadOnlyList<CidrNetwork> LocalSubnets()
    {
        var subnets = new List<CidrNetwork>();
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus is not (OperationalStatus.Up or OperationalStatus.Unknown))
            {
                continue;
            }

            foreach (UnicastIPAddressInformation unicast in nic.GetIPProperties().UnicastAddresses)
            {
                CidrNetwork subnet = CidrNetwork.Create(unicast.Address, unicast.PrefixLength);
                if (!subnets.Contains(subnet))
                {
                    subnets.Add(subnet);
                }
            }
        }

        return subnets;
    }

    /// <summary>True when the peer may talk to the console.</summary>
    public bool IsAllowed(in OscPeer peer)
    {
        if (peer.Kind is OscPeerKind.Serial or OscPeerKind.Local)
        {
            return true;
        }

        foreach (CidrNetwork network in _networks)
        {
            if (network.Contains(in peer))
            {
                return true;
            }
        }

        return false;
    }
}
