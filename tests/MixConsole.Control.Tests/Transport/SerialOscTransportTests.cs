using System.Collections.Concurrent;
using MixConsole.Control.Osc;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Transport;

public class SerialOscTransportTests
{
    [Fact]
    public void SlipFramedOsc_OverAPseudoTerminalAt921600_ArrivesAndIsAnswered()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using var serial = new SerialOscTransport(pty.SubordinatePath, 921600);
        var received = new BlockingCollection<byte[]>();
        serial.Start((ReadOnlySpan<byte> packet, in OscPeer sender) =>
        {
            received.Add(packet.ToArray());
            Assert.Equal(OscPeerKind.Serial, sender.Kind);
            Span<byte> reply = stackalloc byte[64];
            if (OscMessage.TryParse(packet, out OscMessage m, out _) && m.TryGetFloat32(0, out float value) &&
                OscWriter.TryWriteMessage(reply, m.Address, value, out int length))
            {
                serial.Send(reply[..length], in sender);
            }
        });

        // Two frames in one write, then a third split across writes, with 0xC0/0xDB bytes inside the floats.
        var surface = new byte[64];
        var frames = new byte[512];
        int framed = 0;
        float[] values = [0.75f, -6.0217e-39f, 1.0f];
        foreach (float value in values)
        {
            Assert.True(OscWriter.TryWriteMessage(surface, "/ch/01/mix/fader"u8, value, out int length));
            Assert.True(Slip.TryEncode(surface.AsSpan(0, length), frames.AsSpan(framed), out int written));
            framed += written;
        }

        int split = framed - 7;
        Assert.True(pty.Write(frames.AsSpan(0, split)));
        Thread.Sleep(20);
        Assert.True(pty.Write(frames.AsSpan(split, framed - split)));

        foreach (float expected in values)
        {
            Assert.True(received.TryTake(out byte[]? packet, 30_000), "frame never arrived");
            Assert.True(OscMessage.TryParse(packet, out OscMessage m, out OscParseError error), error.ToString());
            Assert.True(m.TryGetFloat32(0, out float got));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(got));
        }

        // The replies come back SLIP-framed on the line.
        var decoder = new SlipDecoder(256);
        var replies = new List<float>();
        var chunk = new byte[256];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (replies.Count < values.Length && clock.ElapsedMilliseconds < 30_000)
        {
            int n = pty.Read(chunk, 100);
            ReadOnlySpan<byte> input = chunk.AsSpan(0, n);
            while (decoder.TryReadFrame(ref input, out ReadOnlySpan<byte> frame))
            {
                Assert.True(OscMessage.TryParse(frame, out OscMessage reply, out _));
                Assert.True(reply.TryGetFloat32(0, out float v));
                replies.Add(v);
            }
        }

        Assert.Equal(values, replies);
        Assert.Equal(0, serial.MalformedFrames);
    }

    [Theory]
    [InlineData(115200)]
    [InlineData(460800)]
    [InlineData(921600)]
    public void Configure_StandardSpeeds_AreAcceptedByTheTty(int baud)
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using var serial = new SerialOscTransport(pty.SubordinatePath, baud);
        Assert.Equal(baud, serial.BaudRate);
        Assert.Equal($"serial {pty.SubordinatePath} {baud}", serial.Name);
    }

    [Fact]
    public void Configure_NonStandardSpeed_FailsFast()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        Assert.Throws<ArgumentOutOfRangeException>(() => new SerialOscTransport(pty.SubordinatePath, 123456));
    }

    [Fact]
    public void Open_MissingDevice_ThrowsIOExceptionNamingIt()
    {
        var e = Assert.Throws<IOException>(() => new SerialOscTransport("/dev/does-not-exist-osc", 115200));
        Assert.Contains("/dev/does-not-exist-osc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LineNoiseAndOversizedFrames_AreDropped_NextFrameStillArrives()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        using var serial = new SerialOscTransport(pty.SubordinatePath, 921600, maxFrameBytes: 64);
        var received = new BlockingCollection<byte[]>();
        serial.Start((ReadOnlySpan<byte> packet, in OscPeer _) => received.Add(packet.ToArray()));

        var noise = new byte[300];
        new Random(3).NextBytes(noise);
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = noise[i] is Slip.End or Slip.Esc ? (byte)0 : noise[i];
        }

        var good = new byte[64];
        Assert.True(OscWriter.TryWriteMessage(good, "/ch/02/mix/on"u8, 1, out int length));
        var frame = new byte[200];
        Assert.True(Slip.TryEncode(good.AsSpan(0, length), frame, out int framed));
        Assert.True(pty.Write(noise));
        Assert.True(pty.Write(frame.AsSpan(0, framed)));

        Assert.True(received.TryTake(out byte[]? packet, 30_000), "good frame never arrived");
        Assert.Equal(good[..length], packet);
        Assert.Equal(1, serial.OversizedFrames);
    }
}
