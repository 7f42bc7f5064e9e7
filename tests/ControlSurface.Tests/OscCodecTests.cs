using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Osc;

namespace MixConsole.ControlSurface.Tests;

public class OscCodecTests
{
    [Fact]
    public void OscFloat_BitPatterns_MatchIeee754_ForNormalsSubnormalsAndSpecials()
    {
        var rng = new Random(7);
        var samples = new List<float> { 0f, 1f, 0.75f, -2.5f, float.Epsilon, 1.1754942E-38f, float.MaxValue, float.MinValue, 1e-40f, 3.3e-44f };
        for (int i = 0; i < 20000; i++)
        {
            samples.Add(BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31)));
        }

        foreach (float f in samples)
        {
            if (float.IsNaN(f))
            {
                Assert.True(float.IsNaN(OscFloat.FromBits(OscFloat.ToBits(f))));
                continue;
            }

            Assert.Equal(BitConverter.SingleToInt32Bits(f), OscFloat.ToBits(f));
            Assert.Equal(f, OscFloat.FromBits(BitConverter.SingleToInt32Bits(f)));
        }

        Assert.Equal(float.PositiveInfinity, OscFloat.FromBits(0x7F800000));
        Assert.Equal(0x7F800000, OscFloat.ToBits(float.PositiveInfinity));
    }

    [Fact]
    public void OscWriter_FloatMessage_HasOsc10Layout()
    {
        byte[] buffer = new byte[64];
        int n = OscWriter.WriteFloat(buffer, OscWriter.EncodeString("/ch/01/mix/fader"), 0.75f);

        byte[] expected = [.. "/ch/01/mix/fader"u8, 0, 0, 0, 0, (byte)',', (byte)'f', 0, 0, 0x3F, 0x40, 0, 0];
        Assert.Equal(expected, buffer[..n]);
    }

    [Fact]
    public void OscMessage_ReadsIntFloatString_FromHandBuiltPacket()
    {
        byte[] p = [.. "/x"u8, 0, 0, .. ",ifs"u8, 0, 0, 0, 0, 0, 0, 0, 42, 0x3F, 0x80, 0, 0, .. "Kick"u8, 0, 0, 0, 0];
        var m = new OscMessage();

        Assert.True(m.TryParse(p, 0, p.Length));
        Assert.Equal(3, m.ArgumentCount);
        Assert.True(m.TryGetInt(0, out int i));
        Assert.Equal(42, i);
        Assert.True(m.TryGetFloat(1, out float f));
        Assert.Equal(1f, f);
        char[] name = new char[12];
        Assert.True(m.TryGetString(2, name, out int len));
        Assert.Equal("Kick", new string(name, 0, len));
    }

    [Fact]
    public void OscPacketReader_RandomGarbage_NeverThrows_AndRejectsMalformed()
    {
        var rng = new Random(11);
        var reader = new OscPacketReader();
        var sink = new CountingSink();
        byte[] buffer = new byte[256];
        for (int i = 0; i < 20000; i++)
        {
            int n = rng.Next(1, 64) * 4;
            rng.NextBytes(buffer.AsSpan(0, n));
            if (i % 3 == 0)
            {
                buffer[0] = (byte)'/';
            }

            if (i % 7 == 0)
            {
                "#bundle\0"u8.CopyTo(buffer);
            }

            reader.Read(buffer, 0, n, sink);
        }

        Assert.True(reader.MalformedCount > 10000);
    }

    [Fact]
    public void OscPacketReader_Bundle_DeliversEachElement()
    {
        byte[] tx = new byte[64];
        int m1 = OscWriter.WriteInt(tx, OscWriter.EncodeString("/ch/01/mix/on"), 0);
        byte[] first = tx[..m1];
        int m2 = OscWriter.WriteFloat(tx, OscWriter.EncodeString("/ch/02/mix/fader"), 0.5f);
        byte[] second = tx[..m2];
        byte[] bundle = [.. "#bundle"u8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, (byte)first.Length, .. first, 0, 0, 0, (byte)second.Length, .. second];
        var sink = new CountingSink();

        int delivered = new OscPacketReader().Read(bundle, 0, bundle.Length, sink);

        Assert.Equal(2, delivered);
        Assert.Equal(["/ch/01/mix/on", "/ch/02/mix/fader"], sink.Addresses);
    }

    [Fact]
    public void Slip_FramesWithEndAndEscBytes_RoundTripThroughSerialTransport()
    {
        var wire = new PipeStream();
        var sender = new SlipOscTransport(wire, 256);
        var receiver = new SlipOscTransport(wire, 256);
        Assert.True(sender.Open());
        byte[] packet = new byte[40];
        for (int i = 0; i < packet.Length; i++)
        {
            packet[i] = (byte)(i % 2 == 0 ? SlipFraming.End : SlipFraming.Esc);
        }

        Assert.True(sender.Send(packet, packet.Length));
        Assert.True(sender.Send(packet, 8));
        byte[] buffer = new byte[256];

        Assert.Equal(40, receiver.Receive(buffer));
        Assert.Equal(packet, buffer[..40]);
        Assert.Equal(8, receiver.Receive(buffer));
        Assert.Equal(0, receiver.Receive(buffer));
    }

    private sealed class CountingSink : IOscMessageSink
    {
        public List<string> Addresses { get; } = new();

        public void OnMessage(OscMessage message) =>
            Addresses.Add(System.Text.Encoding.ASCII.GetString(message.Buffer, message.AddressOffset, message.AddressLength));
    }

    private sealed class PipeStream : IByteStream
    {
        private readonly Queue<byte> _bytes = new();

        public bool IsOpen { get; private set; }

        public bool Open() => IsOpen = true;

        public void Close() => IsOpen = false;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _bytes.Count > 0)
            {
                buffer[offset + n++] = _bytes.Dequeue();
            }

            return n;
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _bytes.Enqueue(buffer[offset + i]);
            }

            return true;
        }
    }
}
