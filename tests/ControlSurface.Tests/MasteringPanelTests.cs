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

    [Fact]
    public void EncoderPush_HeldWhileTurning_GivesFineSteps()
    {
        SurfaceConfig config = SurfaceConfig.CreateMasteringPanel();
        config.Pins.EncoderPushButtons = [20, -1, -1, -1, -1, -1, -1, -1];
        var h = new SurfaceHarness(config);
        h.Host.Set("/master/input/gain", 0.5f);
        h.Connect();

        h.Surface.Inputs.Set(20, true);
        h.Surface.TurnEncoder(0, 2, 40);
        h.Surface.Inputs.Set(20, false);
        h.Surface.TurnEncoder(0, 1, 40);
        h.Run(10);

        // Two fine detents of a fifth of the 0.005 step, then one whole step.
        Assert.Equal([0.501f, 0.502f, 0.507f], h.Sent("/master/input/gain").Select(s => (float)s.Value!), new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Pot_PicksUpTheHostValueBeforeItSends_AndAgainAfterAnotherClientMovesIt()
    {
        SurfaceConfig config = SurfaceConfig.CreateMasteringPanel();
        config.Pins.EncoderA[5] = -1;
        config.Pins.EncoderB[5] = -1;
        config.Pins.PotAdcChannels = [-1, -1, -1, -1, -1, 3, -1, -1];
        var h = new SurfaceHarness(config);
        h.Host.Set("/master/width", 0.5f);
        h.Surface.Faders.SetPosition(3, 0.1f);
        h.Connect();

        MovePot(h, 3, 0.1f, 0.4f);
        Assert.Empty(h.Sent("/master/width"));
        MovePot(h, 3, 0.4f, 0.8f);
        Assert.Equal(0.8f, (float)h.Sent("/master/width")[^1].Value!, 2);

        // Past the echo hold (a value within 300 ms of the surface's own send is taken for its echo).
        h.Run(400);
        h.Host.Received.Clear();
        h.Host.Push("/master/width", 0.3f);
        h.Run(400);
        MovePot(h, 3, 0.8f, 0.5f);
        Assert.Empty(h.Sent("/master/width"));
        MovePot(h, 3, 0.5f, 0.2f);
        Assert.Equal(0.2f, (float)h.Sent("/master/width")[^1].Value!, 2);
    }

    [Fact]
    public void ControlWithEncoderAndPot_IsRefused()
    {
        SurfaceConfig config = SurfaceConfig.CreateMasteringPanel();
        config.Pins.PotAdcChannels = [0, -1, -1, -1, -1, -1, -1, -1];
        var e = Assert.Throws<SurfaceConfigException>(() => new SurfaceHarness(config));
        Assert.Contains("control 1 has both an encoder and a pot", e.Message);
    }

    [Fact]
    public void PresetsPage_ShowsTheHostsPresetNames_AndRecallsThePickedOneByItsWholeName()
    {
        var h = SurfaceHarness.MasteringPanel();
        h.Host.Set("/master/preset/list", ["transparent", "warm", "Night Drive Master v2"]);
        h.Connect();
        Assert.DoesNotContain("/master/preset/list", h.Host.Queries);

        h.Surface.Press(Pins.EncoderPageButton, 50);
        h.Surface.Press(Pins.EncoderPageButton, 50);
        h.Run(100);

        Assert.Equal(Engine.MasteringPanelSurface.PagePresets, h.Engine.MasteringPanel.Page);
        Assert.Contains("/master/preset/list", h.Host.Queries);
        Assert.Equal("PRESET 01/03", h.Surface.Display.LineText(0).TrimEnd());
        Assert.Equal("TRANSPARENT", h.Surface.Display.LineText(1).TrimEnd());

        h.Surface.TurnEncoder(0, 1, 200);
        h.Run(100);
        Assert.Equal("WARM", h.Surface.Display.LineText(1).TrimEnd());
        h.Surface.TurnEncoder(0, 5, 200);
        h.Run(100);
        Assert.Equal("PRESET 03/03", h.Surface.Display.LineText(0).TrimEnd());
        Assert.Equal("NIGHT DRIVE MAST", h.Surface.Display.LineText(1));

        // Any encoder picks (the Pi's box has pots first); a long press recalls and stays on the page.
        h.Surface.TurnEncoder(3, -1, 200);
        h.Run(100);
        Assert.Equal("WARM", h.Surface.Display.LineText(1).TrimEnd());
        h.Surface.TurnEncoder(1, 1, 200);
        h.Surface.Press(Pins.EncoderPageButton, 700);
        h.Run(100);

        var recall = Assert.Single(h.Host.Commands, c => c.Address == "/master/preset");
        Assert.Equal(["Night Drive Master v2"], recall.Arguments);
        Assert.Empty(h.Sent("/master/eq/tilt"));
        Assert.Empty(h.Sent("/master/eq/highshelf/g"));
        Assert.Equal(Engine.MasteringPanelSurface.PagePresets, h.Engine.MasteringPanel.Page);
        Assert.Equal("IN: NIGHT DRIVE ", h.Surface.Display.LineText(4));
    }

    [Fact]
    public void PresetsPage_WithAnEmptyList_ShowsNone_AndSendsNothing()
    {
        var h = SurfaceHarness.MasteringPanel();
        h.Host.Set("/master/preset/list", Array.Empty<string>());
        h.Connect();

        h.Surface.Press(Pins.EncoderPageButton, 50);
        h.Surface.Press(Pins.EncoderPageButton, 50);
        h.Run(100);
        h.Surface.TurnEncoder(0, 1, 200);
        h.Surface.Press(Pins.EncoderPageButton, 700);
        h.Run(100);

        Assert.Equal("PRESET NONE", h.Surface.Display.LineText(0).TrimEnd());
        Assert.DoesNotContain(h.Host.Commands, c => c.Address == "/master/preset");
    }

    [Fact]
    public void MultibandPage_EncodersMoveEachBandsThresholdMakeupAndCrossovers_AndThePageButtonCyclesBack()
    {
        var h = SurfaceHarness.MasteringPanel();
        h.Host.Set("/master/comp/2/thr", 0.5f);
        h.Host.Set("/master/comp/3/mgain", 0.25f);
        h.Host.Set("/master/eq/tilt", 0.5f);
        h.Connect();

        h.Surface.Press(Pins.EncoderPageButton, 50);
        h.Run(100);

        string[] band = ["/master/comp/1/thr", "/master/comp/2/thr", "/master/comp/3/thr", "/master/comp/1/mgain",
            "/master/comp/2/mgain", "/master/comp/3/mgain", "/master/comp/xover/1", "/master/comp/xover/2"];
        Assert.Equal(Engine.MasteringPanelSurface.PageBands, h.Engine.MasteringPanel.Page);
        Assert.Subset(h.Host.Queries.ToHashSet(), band.ToHashSet());
        h.Surface.TurnEncoder(1, 2, 40);
        h.Surface.TurnEncoder(5, -1, 40);
        h.Run(10);

        Assert.Equal(0.51f, (float)h.Sent("/master/comp/2/thr")[^1].Value!, 4);
        Assert.Equal(0.245f, (float)h.Sent("/master/comp/3/mgain")[^1].Value!, 4);
        Assert.Empty(h.Sent("/master/eq/tilt"));
        Assert.Empty(h.Sent("/master/eq/highshelf/g"));
        Assert.Equal("MD THR     51.0%", h.Surface.Display.LineText(1));
        Assert.Equal("HI MUP     24.5%", h.Surface.Display.LineText(5));

        h.Surface.Press(Pins.EncoderPageButton, 50);
        h.Surface.Press(Pins.EncoderPageButton, 50);
        h.Surface.TurnEncoder(1, 2, 40);
        h.Run(10);
        Assert.Equal(Engine.MasteringPanelSurface.PageMain, h.Engine.MasteringPanel.Page);
        Assert.Equal(0.51f, (float)h.Sent("/master/eq/tilt")[^1].Value!, 4);
        Assert.Equal("TILT       51.0%", h.Surface.Display.LineText(1));
    }

    [Fact]
    public void PageButton_OnAnInputAlreadyInUse_IsRefused()
    {
        SurfaceConfig config = SurfaceConfig.CreateMasteringPanel();
        config.Pins.EncoderPageButton = config.Pins.AbButton;
        var e = Assert.Throws<SurfaceConfigException>(() => new SurfaceHarness(config));
        Assert.Contains("page button", e.Message);
    }

    private static void MovePot(SurfaceHarness h, int channel, float from, float to)
    {
        for (int i = 1; i <= 100; i++)
        {
            h.Surface.Faders.SetPosition(channel, from + ((to - from) * i / 100));
            h.Run(2);
        }

        h.Run(100);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
