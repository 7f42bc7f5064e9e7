using MixConsole.Control.Meters;
using MixConsole.Control.Server;
using MixConsole.Engine.Configuration;

namespace MixConsole.Control.Tests.Server;

public class OscServerMeterTests
{
    [Fact]
    public void Meters0_StreamsEveryFiftyMilliseconds_ForTenSeconds()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/meters/0"));
        int blobs = RunFor(h, TimeSpan.FromSeconds(12));

        // t = 0, 50 ms, ..., 9.95 s: 200 blobs, then the request lapses.
        Assert.Equal(200, blobs);
        Assert.Equal(0, h.Server.MeterStreamCount);
    }

    [Fact]
    public void Renewal_KeepsTheStreamGoing()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/meters/2"));
        RunFor(h, TimeSpan.FromSeconds(9));
        h.Send(ServerHarness.A, Osc.Message("/meters/2"));
        h.Link.Clear();
        RunFor(h, TimeSpan.FromSeconds(5));
        Assert.Equal(100, h.Link.SentTo(ServerHarness.A).Count);
    }

    [Fact]
    public void X32Form_WithTimeFactor_StreamsAtTheSlowerRate()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/meters", "/meters/1", 4));
        Assert.Equal(50, RunFor(h, TimeSpan.FromSeconds(10)));
        Assert.All(h.Link.Sent, s => Assert.Equal("/meters/1", Osc.Read(s.Packet).Address));
    }

    [Fact]
    public void Bank0_IsTheX32Overview_70Values_WithSilenceWhereThisConsoleHasNoStrip()
    {
        float[] values = SmallConsoleBank(0, out var layout, out var source);
        float[] expected =
        [
            .. Enumerable.Range(0, 32).Select(c => c < 6 ? source.ValueAt(layout.ChannelPostFader(c)) : 0f),
            .. new float[8 + 8],
            .. Enumerable.Range(0, 16).Select(b => b < 4 ? source.ValueAt(layout.BusPostFader(b)) : 0f),
            .. new float[6],
        ];
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Bank1_CarriesPreFaderLevels_ThenGateGains_ThenCompressorGains_Of32Channels()
    {
        float[] values = SmallConsoleBank(1, out var layout, out var source);
        Assert.Equal(96, values.Length);
        for (int c = 0; c < 32; c++)
        {
            Assert.Equal(c < 6 ? source.ValueAt(layout.ChannelPreFader(c)) : 0f, values[c]);
            Assert.Equal(c < 6 ? source.ValueAt(layout.ChannelGateGain(c)) : 1f, values[32 + c]);
            Assert.Equal(c < 6 ? source.ValueAt(layout.ChannelCompressorGain(c)) : 1f, values[64 + c]);
        }
    }

    [Fact]
    public void Bank2_CarriesBuses_Matrices_Mains_ThenTheirGains_49Values()
    {
        float[] values = SmallConsoleBank(2, out var layout, out var source);
        float[] expected =
        [
            .. Enumerable.Range(0, 16).Select(b => b < 4 ? source.ValueAt(layout.BusPostFader(b)) : 0f),
            .. new float[6],
            source.ValueAt(layout.MainLeft), source.ValueAt(layout.MainRight), source.ValueAt(layout.MainMono),
            // The buses' and main's compressor gains; matrices and mono have none metered.
            .. Enumerable.Range(0, 16).Select(b => b < 4 ? source.ValueAt(layout.BusCompressorGain(b)) : 1f),
            .. Enumerable.Repeat(1f, 6),
            source.ValueAt(layout.MainCompressorGain), 1f,
        ];
        Assert.Equal(expected, values);
    }

    [Fact]
    public void SilentConsole_ReportsZeroLevels_AndUnityGains()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/meters/1"));
        h.Server.Tick();
        float[] values = Osc.MeterValues((byte[])Osc.Read(Assert.Single(h.Link.Sent).Packet).Arguments[0]);
        Assert.Equal([.. new float[32], .. Enumerable.Repeat(1f, 64)], values);
    }

    [Fact]
    public void Bank20_IsTheMasterChain_10Values_OnlyWhereTheLayoutHasIt()
    {
        var layout = new OscMeterLayout(channels: 6, buses: 4, masterChain: true);
        var source = new NumberedMeters(layout);
        using var h = new ServerHarness(meters: source, config: ConsoleConfig.Pi4Cs42448);
        h.Send(ServerHarness.A, Osc.Message("/meters/20"));
        h.Server.Tick();
        var (address, arguments) = Osc.Read(Assert.Single(h.Link.SentTo(ServerHarness.A)));
        Assert.Equal("/meters/20", address);
        float[] expected =
        [
            source.ValueAt(layout.MasterInputPeak(0)), source.ValueAt(layout.MasterInputPeak(1)),
            source.ValueAt(layout.MasterOutputPeak(0)), source.ValueAt(layout.MasterOutputPeak(1)),
            source.ValueAt(layout.MasterLimiterGain),
            .. Enumerable.Range(0, 4).Select(b => source.ValueAt(layout.MasterBandGain(b))),
            source.ValueAt(layout.MasterCorrelation),
        ];
        Assert.Equal(expected, Osc.MeterValues(Assert.IsType<byte[]>(Assert.Single(arguments))));
        Assert.Equal(layout.FirstScreenValue - 10, layout.MasterInputPeak(0));

        // A console without the chain's section serves no bank 20.
        using var console = new ServerHarness();
        console.Send(ServerHarness.A, Osc.Message("/meters/20"));
        console.Server.Tick();
        Assert.Empty(console.Link.Sent);
        Assert.Equal(0, console.Server.MeterStreamCount);
    }

    [Theory]
    [InlineData("/meters/17")]
    [InlineData("/meters/19")]
    [InlineData("/meters/21")]
    [InlineData("/meters/007")]
    [InlineData("/meters/x")]
    [InlineData("/meters/")]
    public void UndefinedBank_StartsNoStream(string address)
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message(address));
        h.Server.Tick();
        Assert.Empty(h.Link.Sent);
        Assert.Equal(0, h.Server.MeterStreamCount);
    }

    [Fact]
    public void MeterStreams_AreBounded()
    {
        using var h = new ServerHarness(new OscServerOptions { MaxMeterStreams = 2 });
        h.Send(ServerHarness.A, Osc.Message("/meters/0"));
        h.Send(ServerHarness.A, Osc.Message("/meters/1"));
        h.Send(ServerHarness.A, Osc.Message("/meters/2"));
        Assert.Equal(2, h.Server.MeterStreamCount);
        Assert.Equal(1, h.Server.Counters.SubscriberLimitRefusals);
    }

    private static int RunFor(ServerHarness h, TimeSpan duration)
    {
        int before = h.Link.Sent.Count;
        for (TimeSpan t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(10))
        {
            h.Server.Tick();
            h.Clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        return h.Link.Sent.Count - before;
    }

    // One blob of bank N from the 6-channel, 4-bus console fed distinct values.
    private static float[] SmallConsoleBank(int bank, out OscMeterLayout layout, out NumberedMeters source)
    {
        layout = new OscMeterLayout(channels: 6, buses: 4);
        source = new NumberedMeters(layout);
        using var h = new ServerHarness(meters: source, config: ConsoleConfig.Pi4Cs42448);
        h.Send(ServerHarness.A, Osc.Message($"/meters/{bank}"));
        h.Server.Tick();
        var (address, arguments) = Osc.Read(Assert.Single(h.Link.SentTo(ServerHarness.A)));
        Assert.Equal($"/meters/{bank}", address);
        return Osc.MeterValues(Assert.IsType<byte[]>(Assert.Single(arguments)));
    }

    /// <summary>Meters whose every value is distinct, so a misplaced index shows.</summary>
    internal sealed class NumberedMeters(OscMeterLayout layout) : IMeterSource
    {
        public OscMeterLayout Layout => layout;

        public float ValueAt(int index) => (index + 1) / 1024f;

        public bool TryReadLatest(Span<float> linear)
        {
            for (int i = 0; i < layout.Count; i++)
            {
                linear[i] = ValueAt(i);
            }

            return true;
        }
    }
}
