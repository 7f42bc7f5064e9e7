using System.Text;
using MixConsole.Control.Osc;

namespace MixConsole.Control.Tests.Osc;

public class OscCodecTests
{
    // OSC 1.0 specification, "Examples": /oscillator/4/frequency ,f 440.0
    private static readonly byte[] SpecFrequencyMessage = Convert.FromHexString(
        "2f6f7363696c6c61746f722f342f6672657175656e6379002c66000043dc0000");

    // OSC 1.0 specification, "Examples": /foo ,iisff 1000 -1 "hello" 1.234 5.678
    private static readonly byte[] SpecFooMessage = Convert.FromHexString(
        "2f666f6f000000002c69697366660000000003e8ffffffff68656c6c6f0000003f9df3b640b5b22d");

    [Fact]
    public void Reader_DecodesSpecExample_OscillatorFrequency()
    {
        Assert.True(OscMessage.TryParse(SpecFrequencyMessage, out OscMessage message, out OscParseError error), error.ToString());
        Assert.True(message.AddressEquals("/oscillator/4/frequency"u8));
        Assert.Equal("f"u8.ToArray(), message.TypeTags.ToArray());
        Assert.True(message.TryGetFloat32(0, out float hz));
        Assert.Equal(440.0f, hz);
    }

    [Fact]
    public void Reader_DecodesSpecExample_FooWithFiveArguments()
    {
        Assert.True(OscMessage.TryParse(SpecFooMessage, out OscMessage message, out OscParseError error), error.ToString());
        Assert.Equal(5, message.ArgumentCount);
        Assert.True(message.TryGetInt32(0, out int a));
        Assert.True(message.TryGetInt32(1, out int b));
        Assert.True(message.TryGetString(2, out ReadOnlySpan<byte> s));
        Assert.True(message.TryGetFloat32(3, out float c));
        Assert.True(message.TryGetFloat32(4, out float d));
        Assert.Equal((1000, -1, "hello", 1.234f, 5.678f), (a, b, Encoding.ASCII.GetString(s), c, d));
    }

    [Fact]
    public void Writer_ReproducesSpecExamplesByteForByte()
    {
        var buffer = new byte[128];
        Assert.True(OscWriter.TryWriteMessage(buffer, "/oscillator/4/frequency"u8, 440.0f, out int length));
        Assert.Equal(SpecFrequencyMessage, buffer[..length]);

        var writer = new OscWriter(buffer);
        writer.BeginMessage("/foo"u8, "iisff"u8);
        writer.WriteInt32(1000);
        writer.WriteInt32(-1);
        writer.WriteString("hello"u8);
        writer.WriteFloat32(1.234f);
        writer.WriteFloat32(5.678f);
        Assert.True(writer.TryComplete(out length));
        Assert.Equal(SpecFooMessage, buffer[..length]);
    }

    [Fact]
    public void RoundTrip_EveryType_ReadsBackWhatWasWritten()
    {
        var buffer = new byte[512];
        byte[] blob = [1, 2, 3, 4, 5];
        var time = OscTimeTag.FromDateTimeOffset(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var writer = new OscWriter(buffer);
        writer.BeginMessage("/every/type"u8, "ifsbhdtTFNIs"u8);
        writer.WriteInt32(int.MinValue);
        writer.WriteFloat32(-0.125f);
        writer.WriteString("Kick"u8);
        writer.WriteBlob(blob);
        writer.WriteInt64(long.MaxValue - 7);
        writer.WriteFloat64(Math.PI);
        writer.WriteTimeTag(time);
        writer.WriteString("Vocals – Lead".AsSpan());
        Assert.True(writer.TryComplete(out int length));
        Assert.Equal(0, length % 4);

        Assert.True(OscMessage.TryParse(buffer.AsSpan(0, length), out OscMessage m, out OscParseError error), error.ToString());
        Assert.Equal(12, m.ArgumentCount);
        Assert.True(m.TryGetInt32(0, out int i) && i == int.MinValue);
        Assert.True(m.TryGetFloat32(1, out float f) && f == -0.125f);
        Assert.True(m.TryGetString(2, out ReadOnlySpan<byte> s) && s.SequenceEqual("Kick"u8));
        Assert.True(m.TryGetBlob(3, out ReadOnlySpan<byte> b) && b.SequenceEqual(blob));
        Assert.True(m.TryGetInt64(4, out long h) && h == long.MaxValue - 7);
        Assert.True(m.TryGetFloat64(5, out double d) && d == Math.PI);
        Assert.True(m.TryGetTimeTag(6, out OscTimeTag t) && t == time);
        Assert.True(m.TryGetBoolean(7, out bool yes) && yes);
        Assert.True(m.TryGetBoolean(8, out bool no) && !no);
        Assert.Equal(OscType.Nil, m.GetArgumentType(9));
        Assert.Equal(OscType.Impulse, m.GetArgumentType(10));
        Span<char> text = stackalloc char[32];
        Assert.True(m.TryGetString(11, text, out int chars));
        Assert.Equal("Vocals – Lead", text[..chars].ToString());
    }

    [Fact]
    public void Accessors_RefuseWrongTypeAndOutOfRange()
    {
        var buffer = new byte[64];
        Assert.True(OscWriter.TryWriteMessage(buffer, "/ch/01/mix/on"u8, 1, out int length));
        Assert.True(OscMessage.TryParse(buffer.AsSpan(0, length), out OscMessage m, out _));
        Assert.False(m.TryGetFloat32(0, out _));
        Assert.False(m.TryGetString(0, out ReadOnlySpan<byte> _));
        Assert.False(m.TryGetInt32(1, out _));
        Assert.False(m.TryGetInt32(-1, out _));
        Assert.Equal(OscType.None, m.GetArgumentType(1));
        Assert.True(m.TryGetNumber(0, out double number) && number == 1.0);
    }

    [Fact]
    public void StringIntoCallerBuffer_TooSmall_ReturnsFalse()
    {
        var buffer = new byte[64];
        var writer = new OscWriter(buffer);
        writer.BeginMessage("/ch/01/config/name"u8, "s"u8);
        writer.WriteString("Overheads"u8);
        Assert.True(writer.TryComplete(out int length));
        Assert.True(OscMessage.TryParse(buffer.AsSpan(0, length), out OscMessage m, out _));
        Span<char> small = stackalloc char[4];
        Assert.False(m.TryGetString(0, small, out _));
    }

    [Fact]
    public void Query_WithoutTypeTagString_IsAMessageWithNoArguments()
    {
        byte[] bare = "/xremote\0\0\0\0"u8.ToArray();
        Assert.True(OscMessage.TryParse(bare, out OscMessage m, out _));
        Assert.True(m.AddressEquals("/xremote"u8));
        Assert.Equal(0, m.ArgumentCount);

        var buffer = new byte[32];
        Assert.True(OscWriter.TryWriteMessage(buffer, "/info"u8, out int length));
        Assert.Equal("/info\0\0\0,\0\0\0"u8.ToArray(), buffer[..length]);
    }

    [Fact]
    public void Writer_TooSmallBuffer_ReportsOverflowInsteadOfWritingPastTheEnd()
    {
        var buffer = new byte[40];
        var writer = new OscWriter(buffer.AsSpan(0, 16));
        writer.BeginMessage("/ch/01/mix/fader"u8, "f"u8);
        writer.WriteFloat32(0.75f);
        Assert.True(writer.Overflowed);
        Assert.False(writer.TryComplete(out int length));
        Assert.Equal(0, length);
        Assert.All(buffer[16..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Writer_ArgumentNotDeclaredByTags_Throws()
    {
        var buffer = new byte[64];
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new OscWriter(buffer);
            writer.BeginMessage("/x"u8, "f"u8);
            writer.WriteInt32(3);
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new OscWriter(buffer);
            writer.BeginMessage("/x"u8, "fi"u8);
            writer.WriteFloat32(3);
            writer.TryComplete(out _);
        });
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new OscWriter(buffer);
            writer.BeginMessage("/x"u8, "r"u8);
        });
    }

    [Fact]
    public void Bundle_RoundTrip_NestedWithTimeTags_VisitsEveryMessageInOrder()
    {
        var buffer = new byte[512];
        var future = OscTimeTag.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddYears(60));
        var writer = new OscWriter(buffer);
        writer.BeginBundle(OscTimeTag.Immediate);
        int first = writer.BeginElement();
        writer.BeginMessage("/ch/01/mix/fader"u8, "f"u8);
        writer.WriteFloat32(0.5f);
        writer.EndElement(first);
        int inner = writer.BeginElement();
        writer.BeginBundle(future);
        int second = writer.BeginElement();
        writer.BeginMessage("/ch/02/mix/on"u8, "i"u8);
        writer.WriteInt32(0);
        writer.EndElement(second);
        writer.EndElement(inner);
        Assert.True(writer.TryComplete(out int length));

        ReadOnlySpan<byte> packet = buffer.AsSpan(0, length);
        Assert.Equal(OscParseError.None, OscPacket.Validate(packet, out int count));
        Assert.Equal(2, count);
        var recorder = new RecordingVisitor();
        Assert.Equal(OscParseError.None, OscPacket.Visit(packet, ref recorder));
        Assert.Equal(["/ch/01/mix/fader@1", $"/ch/02/mix/on@{future.Raw}"], recorder.Seen);
    }

    [Fact]
    public void Bundle_Empty_IsValidAndDeliversNothing()
    {
        var buffer = new byte[16];
        var writer = new OscWriter(buffer);
        writer.BeginBundle(OscTimeTag.Immediate);
        Assert.True(writer.TryComplete(out int length));
        Assert.Equal(OscParseError.None, OscPacket.Validate(buffer.AsSpan(0, length), out int count));
        Assert.Equal(0, count);
        Assert.True(OscBundle.TryParse(buffer, out OscBundle bundle, out _));
        Assert.True(bundle.TimeTag.IsImmediate);
    }

    [Fact]
    public void TimeTag_DateRoundTrip_WithinOneTick()
    {
        var when = new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);
        OscTimeTag tag = OscTimeTag.FromDateTimeOffset(when);
        Assert.InRange((tag.ToDateTimeOffset() - when).Ticks, -1, 0);
        // NTP seconds of the Unix epoch: 2,208,988,800.
        Assert.Equal(2_208_988_800u, OscTimeTag.FromDateTimeOffset(DateTimeOffset.UnixEpoch).Seconds);
    }

    private struct RecordingVisitor : IOscMessageVisitor
    {
        public RecordingVisitor()
        {
        }

        public List<string> Seen { get; } = [];

        public readonly void OnMessage(in OscMessage message, OscTimeTag timeTag) =>
            Seen.Add($"{Encoding.ASCII.GetString(message.Address)}@{timeTag.Raw}");
    }
}
