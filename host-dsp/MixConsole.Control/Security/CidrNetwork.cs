using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Security;

/// <summary>
/// An IPv4 or IPv6 network in CIDR form, held as a 128-bit prefix (IPv4 as IPv4-mapped IPv6, its prefix length
/// plus 96) so membership is one mask and compare with no allocation.
/// </summary>
public readonly record struct CidrNetwork
{
    private const int MappedBits = 96;
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;

    private CidrNetwork(UInt128 prefix, int prefixLength)
    {
        PrefixLength = prefixLength;
        Prefix = prefix & Mask(prefixLength);
    }

    /// <summary>The network address (host bits cleared), IPv6 or IPv4-mapped.</summary>
    public UInt128 Prefix { get; }

    /// <summary>Prefix length in the 128-bit space (an IPv4 /24 is 120).</summary>
    public int PrefixLength { get; }

    /// <summary>True when this is an IPv4 network.</summary>
    public bool IsIPv4 => PrefixLength >= MappedBits && (Prefix >> 32) == 0xFFFF;

    /// <summary>
    /// The network containing <paramref name="address"/> with <paramref name="prefixLength"/> bits in the address's
    /// own family (an IPv4-mapped IPv6 address counts in IPv6 bits: ::ffff:192.168.0.0/112 is 192.168.0.0/16).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The prefix length is out of range for the family.</exception>
    public static CidrNetwork Create(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)prefixLength, 32u, nameof(prefixLength));
            address.TryWriteBytes(bytes, out _);
            return new CidrNetwork(MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(bytes), prefixLength + MappedBits);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)prefixLength, 128u, nameof(prefixLength));
        address.TryWriteBytes(bytes, out _);
        return new CidrNetwork(BinaryPrimitives.ReadUInt128BigEndian(bytes), prefixLength);
    }

    /// <summary>Parses "192.168.1.0/24", "fd00::/8" or a bare address (a single host); host bits are cleared.</summary>
    public static bool TryParse(string? text, out CidrNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string addressText = slash < 0 ? text.Trim() : text[..slash].Trim();
        if (!IPAddress.TryParse(addressText, out IPAddress? address))
        {
            return false;
        }

        bool v4 = address.AddressFamily == AddressFamily.InterNetwork;
        int length = v4 ? 32 : 128;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > (v4 ? 32 : 128)))
        {
            return false;
        }

        network = Create(address, length);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not an address or CIDR network.</exception>
    public static CidrNetwork Parse(string text) =>
        TryParse(text, out CidrNetwork network) ? network : throw new FormatException($"'{text}' is not a CIDR network.");

    /// <summary>True when the 128-bit (IPv6 or IPv4-mapped) address lies in this network.</summary>
    public bool Contains(UInt128 address) => (address & Mask(PrefixLength)) == Prefix;

    /// <summary>True when a UDP or web peer's address lies in this network.</summary>
    public bool Contains(in OscPeer peer) => peer.HasIPAddress && Contains(peer.Address);

    /// <summary>"192.168.1.0/24" or "fd00::/8".</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Prefix);
        return IsIPv4
            ? $"{new IPAddress(bytes.Slice(12, 4))}/{PrefixLength - MappedBits}"
            : $"{new IPAddress(bytes)}/{PrefixLength}";
    }

    private static UInt128 Mask(int prefixLength) => prefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefixLength);
}
