using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MixConsole.Control.Transport;

/// <summary>
/// Who sent a packet and where a reply goes, as a small value (no allocation per packet). IPv4 addresses are
/// held in their IPv4-mapped IPv6 form (::ffff:a.b.c.d) so one 128-bit value covers both families.
/// </summary>
/// <param name="Kind">The link kind.</param>
/// <param name="Address">The 128-bit IPv6 (or IPv4-mapped) address, big-endian order as a number; 0 for serial.</param>
/// <param name="Port">The UDP port; 0 for serial.</param>
/// <param name="ScopeId">The IPv6 scope (interface) id for link-local addresses; 0 otherwise.</param>
public readonly record struct OscPeer(OscPeerKind Kind, UInt128 Address, ushort Port, uint ScopeId = 0)
{
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;
    private static readonly UInt128 MappedMask = ~(UInt128)uint.MaxValue;

    /// <summary>The device at the far end of the serial line.</summary>
    public static OscPeer SerialLine => new(OscPeerKind.Serial, UInt128.Zero, 0);

    /// <summary>True for a sender with an IP address (UDP, or a web page's connection).</summary>
    public bool HasIPAddress => Kind is OscPeerKind.Udp or OscPeerKind.Web;

    /// <summary>True for an IPv4 sender (stored IPv4-mapped).</summary>
    public bool IsIPv4 => HasIPAddress && (Address & MappedMask) == MappedPrefix;

    /// <summary>The sender without its port and scope: the identity access control and rate limits key on.</summary>
    public OscPeer Host => this with { Port = 0, ScopeId = 0 };

    /// <summary>A UDP peer for an IPv4 address given as a big-endian 32-bit number.</summary>
    public static OscPeer FromIPv4(uint address, ushort port) => new(OscPeerKind.Udp, MappedPrefix | address, port);

    /// <summary>A UDP peer for an endpoint (IPv4 endpoints are stored IPv4-mapped).</summary>
    public static OscPeer FromIPEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return FromIPAddress(endPoint.Address, (ushort)endPoint.Port);
    }

    /// <summary>A UDP peer for an address and port.</summary>
    public static OscPeer FromIPAddress(IPAddress address, ushort port)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes), port);
        }

        address.TryWriteBytes(bytes, out _);
        return new OscPeer(OscPeerKind.Udp, BinaryPrimitives.ReadUInt128BigEndian(bytes), port, (uint)address.ScopeId);
    }

    /// <summary>The endpoint (allocates; for logging and tools, not the packet path).</summary>
    public IPEndPoint ToIPEndPoint()
    {
        if (IsIPv4)
        {
            return new IPEndPoint(new IPAddress(BinaryPrimitives.ReverseEndianness((uint)Address)), Port);
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Address);
        return new IPEndPoint(new IPAddress(bytes, ScopeId), Port);
    }

    /// <summary>"udp 192.168.1.20:10023", "udp [fe80::1]:9000", "web 192.168.1.30:51234" or "serial".</summary>
    public override string ToString() => Kind switch
    {
        OscPeerKind.Udp => "udp " + ToIPEndPoint(),
        OscPeerKind.Serial => "serial",
        OscPeerKind.Local => "local",
        OscPeerKind.Web => "web " + ToIPEndPoint(),
        _ => "none",
    };
}
