using MixConsole.ControlSurface.Config;

namespace MixConsole.ControlSurface.Tests;

public class MasteringPanelTests
{
    private static readonly PinMap Pins = SurfaceConfig.CreateMasteringPanel().Pins;

    [Fact]
    public void Resync_OnConnect_QueriesAllMasterChainControls()
    {
        var h = SurfaceHarness.MasteringPanel().Connect();

        string[] expected = ["/master/input/gain", "/master/eq/tilt", "/master/eq/lowshelf/g", "/master/eq/highshelf/g", "/master/comp/amount",
            "/master/width", "/master/loudness/target", "/master/limiter/ceiling", "/master/ab", "/master/bypass"];
        Assert.Equal(expected.ToHashSet(), h.Host.Queries.Where(q => q.StartsWith("/master")).ToHashSet());
    }

    [Fact]
    public void Encoder_TurnsMoveTheirParameter_FromTheHostValue_AndRingFollows()
    {
        var h = SurfaceHarness.MasteringPanel();
        h.Host.Set("/master/limiter/ceiling", 0.5f);
        h.Connect();

        h.Surface.TurnEncoder(7, 4, 40);
        h.Run(10);

        var sent = h.Sent("/master/limiter/ceiling");
        Assert.Equal(4, sent.Count);
        Assert.Equal(0.52f, (float)sent[^1].Value!, 4);
        Assert.Equal((1 << 8) - 1, h.Surface.Leds.Ring(Pins.EncoderRings[7]));
        Assert.Equal("CEIL       52.0%", h.Surface.Display.LineText(7));
    }

    [Fact]
    public void Encoder_BeforeTheHostValueIsKnown_QueriesInsteadOfInventingOne()
    {
        var h = SurfaceHarness.MasteringPanel().Connect();
        h.Host.Received.Clear();

        h.Surface.TurnEncoder(0, 2, 40);

        Assert.Empty(h.Sent("/master/input/gain"));
        Assert.Contains("/master/input/gain", h.Host.Queries);
    }

    [Fact]
    public void AbAndBypassButtons_Toggle_AndLightTheirLeds()
    {
        var h = SurfaceHarness.MasteringPanel();
        h.Host.Set("/master/ab", 0);
        h.Host.Set("/master/bypass", 0);
        h.Connect();

        h.Surface.Press(Pins.AbButton, 50);
        h.Surface.Press(Pins.BypassButton, 50);
        h.Surface.Press(Pins.BypassButton, 50);

        Assert.Equal([1], h.Sent("/master/ab").Select(s => (int)s.Value!));
        Assert.Equal([1, 0], h.Sent("/master/bypass").Select(s => (int)s.Value!));
        Assert.True(h.Surface.Leds.IsLit(Pins.AbLed));
        Assert.False(h.Surface.Leds.IsLit(Pins.BypassLed));
        Assert.True(h.Surface.Leds.IsLit(Pins.LinkLed));
    }
}
