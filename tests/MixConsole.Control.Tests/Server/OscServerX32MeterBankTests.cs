using System.Buffers.Binary;
using MixConsole.Control.Meters;
using MixConsole.Control.Tests.Transport;
using MixConsole.Engine.Configuration;
using NumberedMeters = MixConsole.Control.Tests.Server.OscServerMeterTests.NumberedMeters;

namespace MixConsole.Control.Tests.Server;

/// <summary>
/// The X32's meter banks 3 to 16 as Maillot's protocol document lists them (fw 4.06): each blob's word count,
/// banks 5 and 6 chosen by their arguments, banks 15 and 16 of little-endian short integers; a console of
/// 6 channels and 4 buses fed distinct values shows where its values land and where silence stands in.
/// </summary>
public class OscServerX32MeterBankTests
{
    // Bank and the count of 32-bit words the document gives it.
    [Theory]
    [InlineData(3, 22)]
    [InlineData(4, 82)]
    [InlineData(5, 27)]
    [InlineData(6, 4)]
    [InlineData(7, 16)]
    [InlineData(8, 6)]
    [InlineData(9, 32)]
    [InlineData(10, 32)]
    [InlineData(11, 5)]
    [InlineData(12, 4)]
    [InlineData(13, 48)]
    [InlineData(14, 80)]
    [InlineData(15, 50)]
    [InlineData(16, 48)]
    public void Bank_StreamsTheDocumentsWordCount_UnderItsOwnAddress(int bank, int words)
    {
        byte[] blob = Blob(out _, out _, $"/meters/{bank}");
        Assert.Equal(words, BinaryPrimitives.ReadInt32LittleEndian(blob));
        Assert.Equal(4 + 4 * words, blob.Length);
    }

    [Fact]
    public void Bank4_CarriesTheInputChannelsBeforeTheirFaders_ThenSilence()
    {
        float[] values = Osc.MeterValues(Blob(out var layout, out var source, "/meters/4"));
        float[] expected = [.. Enumerable.Range(0, 32).Select(c => c < 6 ? source.ValueAt(layout.ChannelPreFader(c)) : 0f), .. new float[50]];
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Bank5_ShowsTheChosenStrips_AndGroups_ThenTheMains()
    {
        float[] channels = Osc.MeterValues(Blob(out var layout, out var source, "/meters", "/meters/5", 0, 1));
        float[] mains = [source.ValueAt(layout.MainLeft), source.ValueAt(layout.MainRight), source.ValueAt(layout.MainMono)];
        float[] expected =
        [
            .. Enumerable.Range(0, 16).Select(c => c < 6 ? source.ValueAt(layout.ChannelPostFader(c)) : 0f),
            .. Enumerable.Range(0, 8).Select(b => b < 4 ? source.ValueAt(layout.BusPostFader(b)) : 0f),
            .. mains,
        ];
        Assert.Equal(expected, channels);

        float[] buses = Osc.MeterValues(Blob(out _, out _, "/meters", "/meters/5", 3, 2));
        Assert.Equal([.. Enumerable.Range(0, 16).Select(b => b < 4 ? source.ValueAt(layout.BusPostFader(b)) : 0f), .. new float[8], .. mains], buses);
    }

    [Fact]
    public void Bank6_IsOneStrip_TrimLevel_GateGain_CompressorGain_FaderLevel()
    {
        float[] channel = Osc.MeterValues(Blob(out var layout, out var source, "/meters", "/meters/6", 2));
        Assert.Equal(
            [source.ValueAt(layout.ChannelPreFader(2)), source.ValueAt(layout.ChannelGateGain(2)),
             source.ValueAt(layout.ChannelCompressorGain(2)), source.ValueAt(layout.ChannelPostFader(2))],
            channel);

        // Bus 2 is strip 49: a level after its fader only, no dynamics reduction.
        Assert.Equal([0f, 1f, 1f, source.ValueAt(layout.BusPostFader(1))], Osc.MeterValues(Blob(out _, out _, "/meters", "/meters/6", 49)));
        Assert.Equal([0f, 1f, 1f, source.ValueAt(layout.MainMono)], Osc.MeterValues(Blob(out _, out _, "/meters", "/meters/6", 71)));
    }

    [Fact]
    public void Bank6_TakesATimeFactorAfterTheStrip_AndRefusesAStripPastThe72()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/meters", "/meters/6", 5, 4));
        int blobs = 0;
        for (int step = 0; step < 1000; step++)
        {
            h.Server.Tick();
            h.Clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        blobs = h.Link.SentTo(ServerHarness.A).Count;
        Assert.Equal(50, blobs);

        h.Link.Clear();
        h.Send(ServerHarness.A, Osc.Message("/meters", "/meters/6", 72));
        h.Server.Tick();
        Assert.Empty(h.Link.Sent);
    }

    [Fact]
    public void Bank15_IsTheRta_100ShortsAtMinus128Db_AsNoAnalyserRunsHere()
    {
        short[] bands = Shorts(Blob(out _, out _, "/meters/15"));
        Assert.Equal(100, bands.Length);
        Assert.All(bands, b => Assert.Equal(-128.0, b / 256.0));
    }

    [Fact]
    public void Bank16_PacksGateAndCompressorGainsAsShorts_ThenNoAutomix()
    {
        short[] values = Shorts(Blob(out var layout, out var source, "/meters/16"));
        Assert.Equal(96, values.Length);
        for (int c = 0; c < 32; c++)
        {
            Assert.Equal(c < 6 ? Gain(source.ValueAt(layout.ChannelGateGain(c))) : short.MaxValue, values[c]);
            Assert.Equal(c < 6 ? Gain(source.ValueAt(layout.ChannelCompressorGain(c))) : short.MaxValue, values[32 + c]);
        }

        for (int b = 0; b < 16; b++) Assert.Equal(b < 4 ? Gain(source.ValueAt(layout.BusCompressorGain(b))) : short.MaxValue, values[64 + b]);
        Assert.All(values[80..86], v => Assert.Equal(short.MaxValue, v));
        Assert.Equal(Gain(source.ValueAt(layout.MainCompressorGain)), values[86]);
        Assert.Equal(short.MaxValue, values[87]);
        Assert.All(values[88..], v => Assert.Equal(0, v));
    }

    [Fact]
    public void Oscdump_DecodesABank6StripStream_RequestedInTheX32Form()
    {
        var clock = new ManualClock();
        using var live = new LiveServer(time: clock);
        using OscDump dump = MeterDump.Start(live, clock, Osc.Message("/meters", "/meters/6", 16), 5);
        string[] lines = dump.WaitForLines(l => l.Contains("/meters/6 b [", StringComparison.Ordinal), 5);
        Assert.All(lines, l => Assert.EndsWith($"/meters/6 b [{4 + 4 * 4} byte blob]", l, StringComparison.Ordinal));
    }

    private static short Gain(float gain) => (short)MathF.Round(gain * short.MaxValue);

    private static short[] Shorts(byte[] blob)
    {
        int words = BinaryPrimitives.ReadInt32LittleEndian(blob);
        Assert.Equal(4 + 4 * words, blob.Length);
        var values = new short[2 * words];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt16LittleEndian(blob.AsSpan(4 + 2 * i));
        }

        return values;
    }

    // One blob the 6-channel, 4-bus console streams for the request address and arguments.
    private static byte[] Blob(out OscMeterLayout layout, out NumberedMeters source, string address, params object[] arguments)
    {
        layout = new OscMeterLayout(channels: 6, buses: 4);
        source = new NumberedMeters(layout);
        using var h = new ServerHarness(meters: source, config: ConsoleConfig.Pi4Cs42448);
        h.Send(ServerHarness.A, Osc.Message(address, arguments));
        h.Server.Tick();
        var (sent, values) = Osc.Read(Assert.Single(h.Link.SentTo(ServerHarness.A)));
        Assert.Equal(address == "/meters" ? (string)arguments[0] : address, sent);
        return Assert.IsType<byte[]>(Assert.Single(values));
    }
}
