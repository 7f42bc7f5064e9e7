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
    public void Bank0_CarriesPostFaderChannels_Buses_AndMains_AsLittleEndianBlob()
    {
        var layout = new OscMeterLayout(channels: 6, buses: 4);
        var source = new NumberedMeters(layout);
        using var h = new ServerHarness(meters: source, config: ConsoleConfig.Pi4Cs42448);
        h.Send(ServerHarness.A, Osc.Message("/meters/0"));
        h.Server.Tick();

        var (address, arguments) = Osc.Read(Assert.Single(h.Link.SentTo(ServerHarness.A)));
        Assert.Equal("/meters/0", address);
        float[] values = Osc.MeterValues(Assert.IsType<byte[]>(Assert.Single(arguments)));
        float[] expected =
        [
            .. Enumerable.Range(0, 6).Select(c => source.ValueAt(layout.ChannelPostFader(c))),
            .. Enumerable.Range(0, 4).Select(b => source.ValueAt(layout.BusPostFader(b))),
            source.ValueAt(layout.MainLeft), source.ValueAt(layout.MainRight), source.ValueAt(layout.MainMono),
        ];
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Bank1_CarriesPreFaderPostFaderGateAndCompressorPerChannel()
    {
        var layout = new OscMeterLayout(channels: 6, buses: 4);
        var source = new NumberedMeters(layout);
        using var h = new ServerHarness(meters: source, config: ConsoleConfig.Pi4Cs42448);
        h.Send(ServerHarness.A, Osc.Message("/meters/1"));
        h.Server.Tick();

        float[] values = Osc.MeterValues((byte[])Osc.Read(Assert.Single(h.Link.Sent).Packet).Arguments[0]);
        Assert.Equal(24, values.Length);
        for (int c = 0; c < 6; c++)
        {
            Assert.Equal(source.ValueAt(layout.ChannelPreFader(c)), values[4 * c]);
            Assert.Equal(source.ValueAt(layout.ChannelPostFader(c)), values[4 * c + 1]);
            Assert.Equal(source.ValueAt(layout.ChannelGateGain(c)), values[4 * c + 2]);
            Assert.Equal(source.ValueAt(layout.ChannelCompressorGain(c)), values[4 * c + 3]);
        }
    }

    [Fact]
    public void SilentConsole_ReportsZeroLevels_AndUnityGains()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/meters/1"));
        h.Server.Tick();
        float[] values = Osc.MeterValues((byte[])Osc.Read(Assert.Single(h.Link.Sent).Packet).Arguments[0]);
        Assert.Equal(4 * 32, values.Length);
        Assert.Equal(Enumerable.Range(0, 32).SelectMany(_ => new[] { 0f, 0f, 1f, 1f }), values);
    }

    [Theory]
    [InlineData("/meters/3")]
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

    /// <summary>Meters whose every value is distinct, so a misplaced index shows.</summary>
    private sealed class NumberedMeters(OscMeterLayout layout) : IMeterSource
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
