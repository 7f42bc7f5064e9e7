using System.Buffers.Binary;
using MixConsole.Control.Osc;

namespace MixConsole.Control.Tests.Osc;

public class OscMalformedInputTests
{
    public static TheoryData<string, byte[], OscParseError> MalformedPackets()
    {
        var data = new TheoryData<string, byte[], OscParseError>
        {
            { "empty", [], OscParseError.Empty },
            { "length not a multiple of 4", B("/ab"), OscParseError.LengthNotAligned },
            { "address without terminator", B("/abc"), OscParseError.AddressNotTerminated },
            { "address padding not zero", B("/a\0\x01"), OscParseError.BadPadding },
            { "address without slash", B("ab\0\0"), OscParseError.InvalidAddress },
            { "address with a space", B("/a b\0\0\0\0"), OscParseError.InvalidAddress },
            { "address with a control byte", B("/a\x01\0"), OscParseError.InvalidAddress },
            { "no comma before tags", B("/a\0\0xf\0\0\0\0\0\0"), OscParseError.MissingTypeTags },
            { "tags without terminator", B("/a\0\0,fff"), OscParseError.TypeTagsNotTerminated },
            { "tag padding not zero", B("/a\0\0,f\0\x07\0\0\0\0"), OscParseError.BadPadding },
            { "unknown tag", B("/a\0\0,r\0\0\0\0\0\0"), OscParseError.UnknownTypeTag },
            { "array tag (not supported)", B("/a\0\0,[]\0"), OscParseError.UnknownTypeTag },
            { "float missing", B("/a\0\0,f\0\0"), OscParseError.TruncatedArgument },
            { "double cut short", B("/a\0\0,d\0\0\0\0\0\0"), OscParseError.TruncatedArgument },
            { "string without terminator", B("/a\0\0,s\0\0abcd"), OscParseError.StringNotTerminated },
            { "string padding not zero", B("/a\0\0,s\0\0ab\0x"), OscParseError.BadPadding },
            { "blob size header cut", B("/a\0\0,b\0\0"), OscParseError.TruncatedArgument },
            { "blob larger than packet", Concat(B("/a\0\0,b\0\0"), Int(1000), B("abcd")), OscParseError.InvalidBlobSize },
            { "giant blob size", Concat(B("/a\0\0,b\0\0"), Int(int.MaxValue), B("abcd")), OscParseError.InvalidBlobSize },
            { "negative blob size", Concat(B("/a\0\0,b\0\0"), Int(-4), B("abcd")), OscParseError.InvalidBlobSize },
            { "blob padding not zero", Concat(B("/a\0\0,b\0\0"), Int(1), B("a\0\0\x01")), OscParseError.BadPadding },
            { "bytes after last argument", B("/a\0\0,\0\0\0junk"), OscParseError.TrailingBytes },
            { "too many arguments", Concat(B("/a\0\0,"), Repeat((byte)'N', 300), B("\0\0\0")), OscParseError.TooManyArguments },
            { "huge packet", Concat(B("/a\0\0,b\0\0"), Int(70_000), new byte[70_000]), OscParseError.TooLarge },
            { "bundle header only", B("#bundle\0"), OscParseError.InvalidBundleHeader },
            { "misspelt bundle header", B("#bundlX\0\0\0\0\0\0\0\0\x01"), OscParseError.InvalidBundleHeader },
            { "bundle element larger than bundle", Concat(BundleHeader(), Int(1000), B("/a\0\0")), OscParseError.InvalidElementSize },
            { "bundle element of size zero", Concat(BundleHeader(), Int(0)), OscParseError.InvalidElementSize },
            { "bundle element size unaligned", Concat(BundleHeader(), Int(3), B("/a\0\0")), OscParseError.InvalidElementSize },
            { "bundle element negative size", Concat(BundleHeader(), Int(-8), B("/a\0\0")), OscParseError.InvalidElementSize },
            { "bundle holding a bad message", Concat(BundleHeader(), Int(8), B("/a\0\0,r\0\0")), OscParseError.UnknownTypeTag },
            { "bundles nested too deep", Nest(B("/a\0\0"), OscLimits.MaxBundleDepth + 1), OscParseError.BundleTooDeep },
            { "too many messages", ManyMessages(OscLimits.MaxMessagesPerPacket + 1), OscParseError.TooManyMessages },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedPackets))]
    public void MalformedPacket_IsRejectedWithItsReason_WithoutThrowing(string name, byte[] packet, OscParseError expected)
    {
        Assert.Equal(expected, OscPacket.Validate(packet, out _));
        var visitor = new CountingVisitor();
        Assert.Equal(expected, OscPacket.Visit(packet, ref visitor));
        Assert.True(visitor.Count == 0, $"{name}: a rejected packet delivered {visitor.Count} message(s)");
    }

    [Fact]
    public void NestingAtTheDepthLimit_IsAccepted()
    {
        Assert.Equal(OscParseError.None, OscPacket.Validate(Nest(B("/a\0\0"), OscLimits.MaxBundleDepth), out int count));
        Assert.Equal(1, count);
    }

    [Fact]
    public void BundleWithOneBadElement_DeliversNone_OfItsGoodElements()
    {
        byte[] good = B("/ch/01/mix/on\0\0\0,i\0\0\0\0\0\x01");
        byte[] packet = Concat(BundleHeader(), Int(good.Length), good, Int(8), B("/a\0\0,r\0\0"));
        var visitor = new CountingVisitor();
        Assert.Equal(OscParseError.UnknownTypeTag, OscPacket.Visit(packet, ref visitor));
        Assert.Equal(0, visitor.Count);
    }

    [Fact]
    public void MutatedPackets_NeverThrow_AndValidOnesStayReadable()
    {
        var random = new Random(6);
        byte[][] seeds = [
            B("/ch/01/mix/fader\0\0\0\0,f\0\0\x3f\x40\0\0"),
            Concat(B("/a\0\0,sbihdtTFNI\0\0\0\0"), B("name\0\0\0\0"), Int(3), B("xyz\0"), Int(7), new byte[24]),
            Nest(Concat(B("/b\0\0,s\0\0"), B("abc\0")), 3),
        ];
        int valid = 0;
        for (int round = 0; round < 20_000; round++)
        {
            byte[] packet = Mutate(seeds[round % seeds.Length], random);
            if (OscPacket.Validate(packet, out _) == OscParseError.None)
            {
                valid++;
                var reader = new ReadingVisitor();
                Assert.Equal(OscParseError.None, OscPacket.Visit(packet, ref reader));
            }
        }

        // Some mutations (a changed float byte, a changed letter) stay valid; most must not.
        Assert.InRange(valid, 1, 19_999);
    }

    [Fact]
    public void Reader_AllocatesNothing_OnValidOrMalformedPackets()
    {
        byte[] valid = Concat(B("/ch/01/config/name\0\0,sfib\0\0\0"), B("Kick\0\0\0\0"), new byte[8], Int(2), B("ab\0\0"));
        byte[][] bad = [.. MalformedPackets().Select(row => (byte[])row[1])];
        Span<char> text = stackalloc char[16];
        long checksum = 0;
        for (int warm = 0; warm < 2; warm++)
        {
            // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
            // collection started by another thread can bill to it as "allocated" on a busy machine.
            GC.Collect(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                if (OscMessage.TryParse(valid, out OscMessage m, out _) &&
                    m.TryGetString(0, text, out int chars) && m.TryGetFloat32(1, out float f) &&
                    m.TryGetInt32(2, out int n) && m.TryGetBlob(3, out ReadOnlySpan<byte> blob))
                {
                    checksum += chars + (int)f + n + blob.Length;
                }

                checksum += (int)OscPacket.Validate(bad[i % bad.Length], out _);
                var visitor = new CountingVisitor();
                checksum += (int)OscPacket.Visit(valid, ref visitor) + visitor.Count;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (warm == 1)
            {
                Assert.Equal(0, allocated);
            }
        }

        Assert.NotEqual(0, checksum);
    }

    internal static byte[] B(string latin1) => [.. latin1.Select(c => (byte)c)];

    internal static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    internal static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    private static byte[] BundleHeader() => Concat(B("#bundle\0"), B("\0\0\0\0\0\0\0\x01"));

    private static byte[] Nest(byte[] message, int depth)
    {
        byte[] packet = message;
        for (int i = 0; i < depth; i++)
        {
            packet = Concat(BundleHeader(), Int(packet.Length), packet);
        }

        return packet;
    }

    private static byte[] ManyMessages(int count)
    {
        byte[] element = Concat(Int(4), B("/a\0\0"));
        return Concat([BundleHeader(), .. Enumerable.Repeat(element, count)]);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] packet = (byte[])seed.Clone();
        switch (random.Next(4))
        {
            case 0:
                packet[random.Next(packet.Length)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                packet = packet[..(random.Next(packet.Length / 4) * 4)];
                break;
            case 2:
                int at = random.Next(packet.Length / 4) * 4;
                BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(at), random.Next(2) == 0 ? random.Next() : -random.Next(64));
                break;
            default:
                packet[random.Next(packet.Length)] = (byte)random.Next(256);
                packet[random.Next(packet.Length)] = (byte)random.Next(256);
                break;
        }

        return packet;
    }

    private struct CountingVisitor : IOscMessageVisitor
    {
        public int Count;

        public void OnMessage(in OscMessage message, OscTimeTag timeTag) => Count++;
    }

    private struct ReadingVisitor : IOscMessageVisitor
    {
        public readonly void OnMessage(in OscMessage message, OscTimeTag timeTag)
        {
            Span<char> text = stackalloc char[64];
            for (int i = 0; i < message.ArgumentCount; i++)
            {
                message.TryGetNumber(i, out _);
                message.TryGetString(i, text, out _);
                message.TryGetBlob(i, out _);
                message.TryGetTimeTag(i, out _);
            }
        }
    }
}
