using System.Buffers.Binary;
using MixConsole.Control.Osc;

namespace MixConsole.Control.Tests.Server;

/// <summary>
/// Makes OSC packets that are invalid by construction, each from a valid set or bundle so they look like
/// real traffic: bad padding, unknown type tags, truncation, blob sizes past the end or negative, bundle
/// element sizes that lie, bundles nested past the limit, a valid set wrapped with one bad sibling,
/// giant random datagrams, and plain noise. Seeded, so a failure reproduces.
/// </summary>
internal sealed class InvalidPacketGenerator(int seed)
{
    public const int Kinds = 10;

    private static readonly byte[][] Valid =
    [
        Osc.Message("/ch/01/mix/fader", 0.25f),
        Osc.Message("/ch/12/mix/on", 0),
        Osc.Message("/ch/07/config/name", "Vox"),
        Osc.Message("/ch/02/eq/3/type", "HShv"),
        Osc.Message("/bus/03/mix/fader", 0.9),
        Osc.Message("/ch/0[1-8]/mix/pan", 0.1f),
        Osc.Message("/main/st/mix/fader", 0.3f, 7),
        Osc.Message("/ch/05/preamp/trim", 3L),
        Osc.Message("/config/name", new byte[] { 1, 2, 3, 4, 5 }),
        Osc.Bundle(OscTimeTag.Immediate, Osc.Message("/ch/09/mix/fader", 0.6f), Osc.Message("/ch/10/mix/on", 0)),
    ];

    private readonly Random _random = new(seed);

    public int Generated { get; private set; }

    /// <summary>Writes one invalid packet into <paramref name="buffer"/> and returns its length.</summary>
    public int Next(byte[] buffer)
    {
        Generated++;
        int kind = _random.Next(Kinds);
        byte[] basis = Valid[_random.Next(Valid.Length)];
        int length = kind switch
        {
            0 => BadPadding(basis, buffer),
            1 => UnknownTag(buffer),
            2 => Truncated(basis, buffer),
            3 => BadBlob(buffer),
            4 => LyingElementSize(buffer),
            5 => TooDeep(buffer),
            6 => ValidSetBesideABadOne(buffer),
            7 => Giant(buffer),
            8 => Misaligned(basis, buffer),
            _ => Noise(buffer),
        };
        return length;
    }

    // The address "/ch/01/mix/on" (13 chars) leaves two padding bytes; make one non-zero.
    private int BadPadding(byte[] basis, byte[] buffer)
    {
        byte[] packet = Osc.Message("/ch/01/mix/on", _random.Next(2));
        packet[14 + _random.Next(2)] = (byte)_random.Next(1, 256);
        return Copy(packet, buffer);
    }

    private int UnknownTag(byte[] buffer)
    {
        byte[] packet = Osc.Message("/ch/01/mix/fader", 0.5f);
        const string known = "ifsbhdtTFNI";
        byte tag;
        do
        {
            tag = (byte)_random.Next(0x21, 0x7F);
        }
        while (known.Contains((char)tag, StringComparison.Ordinal));

        packet[21] = tag;
        return Copy(packet, buffer);
    }

    // Cut inside the arguments (never at the end of the address, which would leave a valid query).
    private int Truncated(byte[] basis, byte[] buffer)
    {
        byte[] packet = Osc.Message("/ch/01/mix/fader", 0.5f, 1);
        int cut = 24 + _random.Next(1, packet.Length - 24);
        return Copy(packet.AsSpan(0, cut), buffer);
    }

    private int BadBlob(byte[] buffer)
    {
        byte[] packet = Osc.Message("/config/name", new byte[8]);
        int[] sizes = [int.MaxValue, int.MinValue, -1, 9, 64, 1 << 20, _random.Next(9, int.MaxValue)];
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(20), sizes[_random.Next(sizes.Length)]);
        return Copy(packet, buffer);
    }

    private int LyingElementSize(byte[] buffer)
    {
        byte[] packet = Osc.Bundle(OscTimeTag.Immediate, Osc.Message("/ch/01/mix/on", 0));
        int[] sizes = [0, -4, 3, packet.Length, int.MaxValue, 4096];
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(16), sizes[_random.Next(sizes.Length)]);
        return Copy(packet, buffer);
    }

    private int TooDeep(byte[] buffer)
    {
        byte[] packet = Osc.Message("/ch/01/mix/on", 0);
        int depth = OscLimits.MaxBundleDepth + 1 + _random.Next(4);
        for (int d = 0; d < depth; d++)
        {
            packet = Osc.Bundle(OscTimeTag.Immediate, packet);
        }

        return Copy(packet, buffer);
    }

    private int ValidSetBesideABadOne(byte[] buffer)
    {
        byte[] bad = Osc.Message("/ch/02/mix/on", 0);
        bad[^5] = 0x20;
        return Copy(Osc.Bundle(OscTimeTag.Immediate, Osc.Message("/ch/01/mix/on", 0), bad), buffer);
    }

    // A datagram near the UDP maximum: a bundle whose last element claims more bytes than remain.
    private int Giant(byte[] buffer)
    {
        int length = 60_000 + 4 * _random.Next(1000);
        Osc.Bundle(OscTimeTag.Immediate).CopyTo(buffer, 0);
        _random.NextBytes(buffer.AsSpan(16, length - 16));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(16), length);
        return length;
    }

    private int Misaligned(byte[] basis, byte[] buffer)
    {
        int length = Copy(basis, buffer);
        buffer[length] = 0;
        return length + 1 + _random.Next(3);
    }

    // Noise that starts like an address, and never contains the NUL that would end one.
    private int Noise(byte[] buffer)
    {
        int length = 4 * _random.Next(1, 64);
        buffer[0] = (byte)'/';
        for (int i = 1; i < length; i++)
        {
            buffer[i] = (byte)_random.Next(1, 256);
        }

        return length;
    }

    private static int Copy(ReadOnlySpan<byte> packet, byte[] buffer)
    {
        packet.CopyTo(buffer);
        return packet.Length;
    }
}
