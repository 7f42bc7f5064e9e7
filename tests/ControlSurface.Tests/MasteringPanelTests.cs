using MixConsole.ControlSurface.Config;

namespace MixConsole.ControlSurface.Tests;

public class MasteringPanelTests
{
    private static readonly PinMap Pins = SurfaceConfig.CreateMasteringPanel().Pins;

    [Fact]
    public void Resync_OnConnect_QueriesAllMasterChainControls()
    {
        var h = SurfaceHarness.MasteringPanel().Connect();

        string[] expected = ["/master/input", "/master/tilt", "/master/lowshelf", "/master/highshelf", "/master/comp",
            "/master/width", "/master/target", "/master/ceiling", "/master/ab", "/master/bypass"];
        Assert.Equal(expected.ToHashSet(), h.Host.Queries.Where(q => q.StartsWith("/master")).ToHashSet());
    }

    [Fact]
    public void Encoder_TurnsMoveTheirParameter_FromTheHostValue_AndRingFollows()
    {
        var h = SurfaceHarness.MasteringPanel();
        h.Host.Set("/master/ceiling", 0.5f);
        h.Connect();

        h.Surface.TurnEncoder(7, 4, 40);
        h.Run(10);

        var sent = h.Sent("/master/ceiling");
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

        Assert.Empty(h.Sent("/master/input"));
        Assert.Contains("/master/input", h.Host.Queries);
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
