using MixConsole.Control.Osc;

namespace MixConsole.Control.Tests.Osc;

public class SlipTests
{
    [Fact]
    public void Encode_FramesWithDoubleEnd_AndEscapesEndAndEsc()
    {
        byte[] packet = [0x01, Slip.End, 0x02, Slip.Esc, 0x03];
        var frame = new byte[Slip.MaxEncodedLength(packet.Length)];
        Assert.True(Slip.TryEncode(packet, frame, out int length));
        Assert.Equal(new byte[] { 0xC0, 0x01, 0xDB, 0xDC, 0x02, 0xDB, 0xDD, 0x03, 0xC0 }, frame[..length]);
    }

    [Fact]
    public void Encode_DestinationTooSmall_ReturnsFalse()
    {
        byte[] packet = [Slip.End, Slip.End];
        Assert.False(Slip.TryEncode(packet, new byte[5], out int length));
        Assert.Equal(0, length);
        Assert.True(Slip.TryEncode(packet, new byte[6], out length));
        Assert.Equal(6, length);
    }

    [Fact]
    public void Decode_RoundTripsAnyBytes_FedOneByteAtATime()
    {
        var random = new Random(1055);
        var decoder = new SlipDecoder(512);
        for (int n = 0; n < 200; n++)
        {
            var packet = new byte[random.Next(1, 300)];
            random.NextBytes(packet);
            packet[0] = Slip.End;
            var frame = new byte[Slip.MaxEncodedLength(packet.Length)];
            Assert.True(Slip.TryEncode(packet, frame, out int length));
            byte[]? decoded = null;
            for (int i = 0; i < length; i++)
            {
                ReadOnlySpan<byte> one = frame.AsSpan(i, 1);
                if (decoder.TryReadFrame(ref one, out ReadOnlySpan<byte> got))
                {
                    Assert.Null(decoded);
                    decoded = got.ToArray();
                }
            }

            Assert.Equal(packet, decoded);
        }
    }

    [Fact]
    public void Decode_SeveralFramesInOneChunk_ArriveInOrder_AndEmptyFramesAreIgnored()
    {
        byte[] stream = [0xC0, 0xC0, 0x01, 0xC0, 0xC0, 0xC0, 0x02, 0x03, 0xC0, 0x04];
        var decoder = new SlipDecoder(16);
        ReadOnlySpan<byte> input = stream;
        var frames = new List<byte[]>();
        while (decoder.TryReadFrame(ref input, out ReadOnlySpan<byte> frame))
        {
            frames.Add(frame.ToArray());
        }

        Assert.Equal([[0x01], [0x02, 0x03]], frames);
        ReadOnlySpan<byte> end = [0xC0];
        Assert.True(decoder.TryReadFrame(ref end, out ReadOnlySpan<byte> last));
        Assert.Equal(new byte[] { 0x04 }, last.ToArray());
    }

    [Fact]
    public void Decode_OversizedFrame_IsDroppedAndCounted_NextFrameStillArrives()
    {
        var decoder = new SlipDecoder(4);
        byte[] stream = [0xC0, 1, 2, 3, 4, 5, 6, 0xC0, 7, 8, 0xC0];
        ReadOnlySpan<byte> input = stream;
        Assert.True(decoder.TryReadFrame(ref input, out ReadOnlySpan<byte> frame));
        Assert.Equal(new byte[] { 7, 8 }, frame.ToArray());
        Assert.Equal(1, decoder.OversizedFrames);
        Assert.False(decoder.TryReadFrame(ref input, out _));
    }

    [Fact]
    public void Decode_FrameOfExactlyMaxSize_IsAccepted()
    {
        var decoder = new SlipDecoder(4);
        ReadOnlySpan<byte> input = [0xC0, 1, 0xDB, 0xDC, 3, 4, 0xC0];
        Assert.True(decoder.TryReadFrame(ref input, out ReadOnlySpan<byte> frame));
        Assert.Equal(new byte[] { 1, 0xC0, 3, 4 }, frame.ToArray());
        Assert.Equal(0, decoder.OversizedFrames);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 1, 0xDB, 0x05, 2, 0xC0, 9, 0xC0 })] // ESC then an unknown byte
    [InlineData(new byte[] { 0xC0, 1, 0xDB, 0xC0, 9, 0xC0 })] // ESC then END
    public void Decode_BadEscape_DropsThatFrameOnly(byte[] stream)
    {
        var decoder = new SlipDecoder(16);
        ReadOnlySpan<byte> input = stream;
        Assert.True(decoder.TryReadFrame(ref input, out ReadOnlySpan<byte> frame));
        Assert.Equal(new byte[] { 9 }, frame.ToArray());
        Assert.Equal(1, decoder.MalformedFrames);
    }

    [Fact]
    public void Decode_FrameSplitAcrossChunks_IsReassembled()
    {
        var decoder = new SlipDecoder(16);
        ReadOnlySpan<byte> first = [0xC0, 1, 2, 0xDB];
        Assert.False(decoder.TryReadFrame(ref first, out _));
        ReadOnlySpan<byte> second = [0xDD, 3, 0xC0];
        Assert.True(decoder.TryReadFrame(ref second, out ReadOnlySpan<byte> frame));
        Assert.Equal(new byte[] { 1, 2, 0xDB, 3 }, frame.ToArray());
    }

    [Fact]
    public void EncodeAndDecode_AllocateNothing()
    {
        var decoder = new SlipDecoder(64);
        byte[] packet = [.. Enumerable.Range(0, 48).Select(i => (byte)(0xC0 + i % 32))];
        var frame = new byte[Slip.MaxEncodedLength(packet.Length)];
        int total = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
            // collection started by another thread can bill to it as "allocated" on a busy machine.
            GC.Collect(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                Slip.TryEncode(packet, frame, out int length);
                ReadOnlySpan<byte> input = frame.AsSpan(0, length);
                while (decoder.TryReadFrame(ref input, out ReadOnlySpan<byte> decoded))
                {
                    total += decoded.Length;
                }
            }

            if (pass == 1)
            {
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        Assert.Equal(2 * 10_000 * packet.Length, total);
    }
}
