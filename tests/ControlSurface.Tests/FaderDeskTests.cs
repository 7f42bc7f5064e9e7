using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Mapping;

namespace MixConsole.ControlSurface.Tests;

public class FaderDeskTests
{
    private static readonly PinMap Pins = SurfaceConfig.CreateFaderDesk(true).Pins;

    [Fact]
    public void Resync_OnConnect_QueriesEveryVisibleControl()
    {
        var h = SurfaceHarness.FaderDesk().Connect();

        // The size probes first (the host answers each once per channel, bus or DCA it has), then the strips.
        var expected = new HashSet<string> { "/ch/*/mix/fader", "/bus/*/mix/fader", "/dca/*/fader", "/-stat/selidx", "/main/st/mix/fader" };
        for (int c = 1; c <= 8; c++)
        {
            expected.Add($"/ch/{c:00}/mix/fader");
            expected.Add($"/ch/{c:00}/mix/on");
            expected.Add($"/ch/{c:00}/mix/pan");
            expected.Add($"/ch/{c:00}/config/name");
            expected.Add($"/-stat/solosw/{c:00}");
        }

        var queried = h.Host.Queries.Where(q => q != "/info" && q != "/xremote").ToList();
        Assert.Equal(expected.Count, queried.Count);
        Assert.Equal(expected, queried.ToHashSet());
        Assert.Equal(0, h.Engine.PendingResync);
    }

    [Fact]
    public void XRemote_IsRenewedEveryNineSeconds_WhileConnected()
    {
        var h = SurfaceHarness.FaderDesk();
        var times = new List<long>();
        h.Surface.Start();
        for (int i = 0; i < 40000; i++)
        {
            int before = h.Host.Received.Count;
            h.Step();
            if (h.Host.Received.Skip(before).Any(r => r.Address == "/xremote"))
            {
                times.Add(h.Surface.Clock.NowMs);
            }
        }

        Assert.True(h.Engine.Link.IsConnected);
        Assert.True(times.Count >= 5, $"only {times.Count} subscriptions");
        for (int i = 1; i < times.Count; i++)
        {
            Assert.InRange(times[i] - times[i - 1], 8990, 9010);
        }
    }

    [Fact]
    public void Link_SilentHost_BacksOffDoubling_ThenResyncsWhenItAnswers()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Answers = false;
        h.Surface.Start();
        var attempts = new List<long>();
        for (int i = 0; i < 30000; i++)
        {
            int before = h.Host.Received.Count;
            h.Step();
            if (h.Host.Received.Skip(before).Any(r => r.Address == "/info"))
            {
                attempts.Add(h.Surface.Clock.NowMs);
            }
        }

        Assert.False(h.Engine.Link.IsConnected);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Count >= 4);
        for (int i = 1; i < gaps.Count; i++)
        {
            Assert.True(gaps[i] >= gaps[i - 1], "back-off shrank");
        }

        Assert.InRange(gaps[^1], 8000, 9100);

        h.Host.Answers = true;
        h.Run(10000);
        Assert.True(h.Engine.Link.IsConnected);
        Assert.Contains(h.Host.Queries, q => q == "/ch/01/mix/fader");
    }

    [Fact]
    public void Link_HostGoesAway_DetectsLossAndReconnectsWithFullResync()
    {
        var h = SurfaceHarness.FaderDesk().Connect();
        h.Host.Answers = false;
        h.Run(12000);
        Assert.False(h.Engine.Link.IsConnected);

        h.Host.Received.Clear();
        h.Host.Answers = true;
        h.Run(3000);
        Assert.True(h.Engine.Link.IsConnected);
        Assert.Equal(2, h.Engine.Link.ConnectCount);
        Assert.Contains(h.Host.Queries, q => q == "/ch/08/config/name");
    }

    [Theory]
    [InlineData(Layer.Channels, 0, "/ch/01/mix/fader")]
    [InlineData(Layer.Channels, 1, "/ch/09/mix/fader")]
    [InlineData(Layer.Channels, 3, "/ch/25/mix/fader")]
    [InlineData(Layer.Buses, 1, "/bus/09/mix/fader")]
    [InlineData(Layer.Dcas, 0, "/dca/1/fader")]
    public void Banking_MapsStripOneToTheRightPath(Layer layer, int bank, string path)
    {
        var h = SurfaceHarness.FaderDesk().Connect();
        h.Engine.FaderDesk!.SelectLayer(layer);
        h.Engine.FaderDesk.SelectBank(bank);
        h.Run(100);

        h.Surface.MoveFader(0, 0.75f, 100, 50);

        var sent = h.Sent(path);
        Assert.NotEmpty(sent);
        Assert.Equal(767f / 1023f, (float)sent[^1].Value!, 3);
    }

    [Fact]
    public void AnotherClientsMove_ArrivingInsideTheHoldAfterTheSurfacesOwn_IsAskedForOnceTheHoldEnds()
    {
        var h = SurfaceHarness.FaderDesk().Connect();
        h.Surface.MoveFader(0, 0.75f, 100, 50);
        h.Host.Push("/ch/01/mix/fader", 0.25f); // no later echo repeats it
        h.Run(50);
        Assert.InRange(h.Surface.Faders.Position(0), 0.74f, 0.76f);

        h.Run(h.Surface.Config.Tuning.Link.FeedbackHoldMs + 1000);
        Assert.Contains(h.Host.Queries, q => q == "/ch/01/mix/fader");
        Assert.InRange(h.Surface.Faders.Position(0), 0.24f, 0.26f);
    }

    [Fact]
    public void BankButtons_StepBanks_AndLongPressJumpsToTheEnd()
    {
        var h = SurfaceHarness.FaderDesk().Connect();
        var desk = h.Engine.FaderDesk!;

        h.Surface.Press(Pins.BankNextButton, 60);
        Assert.Equal(1, desk.Bank);
        Assert.Equal(9, desk.StripTarget(0));
        h.Surface.Press(Pins.BankNextButton, 800);
        Assert.Equal(3, desk.Bank);
        h.Surface.Press(Pins.BankPrevButton, 60);
        Assert.Equal(2, desk.Bank);
        h.Surface.Press(Pins.LayerButtons[1], 60);
        Assert.Equal(Layer.Buses, desk.Layer);
        Assert.Equal(0, desk.Bank);
        h.Run(100);
        Assert.StartsWith("BUS 01-08", h.Surface.Display.LineText(0));
    }

    [Fact]
    public void MuteButton_SendsOnZero_AndLedFollowsTheHost()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/02/mix/on", 1);
        h.Connect();
        Assert.False(h.Surface.Leds.IsLit(Pins.MuteLeds[1]));

        h.Surface.Press(Pins.MuteButtons[1], 60);

        Assert.Equal(0, (int)h.Sent("/ch/02/mix/on")[^1].Value!);
        h.Run(10);
        Assert.True(h.Surface.Leds.IsLit(Pins.MuteLeds[1]));

        h.Run(400);
        h.Host.Push("/ch/02/mix/on", 1);
        h.Run(5);
        Assert.False(h.Surface.Leds.IsLit(Pins.MuteLeds[1]));
    }

    [Fact]
    public void MuteButton_ChatteringContact_TogglesOnce()
    {
        var h = SurfaceHarness.FaderDesk().Connect();
        var rng = new Random(2);
        int input = Pins.MuteButtons[0];
        for (int i = 0; i < 12; i++)
        {
            h.Surface.Inputs.Set(input, rng.Next(2) == 0);
            h.Step();
        }

        h.Surface.Inputs.Set(input, true);
        h.Run(100);
        h.Surface.Inputs.Set(input, false);
        h.Run(100);

        Assert.Single(h.Sent("/ch/01/mix/on"));
    }

    [Fact]
    public void SoloAndSelect_SendTheHostsSoloPathAndTheX32SelectIndex()
    {
        var h = SurfaceHarness.FaderDesk().Connect();
        h.Surface.Press(Pins.SoloButtons[2], 60);
        h.Surface.Press(Pins.SelectButtons[4], 60);

        Assert.Equal(1, (int)h.Sent("/-stat/solosw/03")[^1].Value!);
        Assert.Equal(4, (int)h.Sent("/-stat/selidx")[^1].Value!);
        h.Run(10);
        Assert.True(h.Surface.Leds.IsLit(Pins.SoloLeds[2]));
        Assert.True(h.Surface.Leds.IsLit(Pins.SelectLeds[4]));
    }

    [Theory]
    [InlineData(Layer.Channels, 0, 2, "/-stat/solosw/03")]
    [InlineData(Layer.Channels, 3, 7, "/-stat/solosw/32")]
    [InlineData(Layer.Buses, 0, 0, "/-stat/solosw/49")]
    [InlineData(Layer.Buses, 1, 7, "/-stat/solosw/64")]
    [InlineData(Layer.Dcas, 0, 4, "/-stat/solosw/77")]
    public void SoloButton_SendsTheX32SoloSwitchOfItsStrip_OnEveryLayer(Layer layer, int bank, int strip, string path)
    {
        var h = SurfaceHarness.FaderDesk().Connect();
        h.Engine.FaderDesk!.SelectLayer(layer);
        h.Engine.FaderDesk.SelectBank(bank);
        h.Surface.Press(Pins.SoloButtons[strip], 60);

        Assert.Equal(1, (int)h.Sent(path)[^1].Value!);
        h.Run(10);
        Assert.True(h.Surface.Leds.IsLit(Pins.SoloLeds[strip]));
    }

    [Fact]
    public void SelectLeds_FollowTheHostsSelection_MadeByAnotherClient()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/-stat/selidx", 2);
        h.Connect();
        h.Run(10);
        Assert.True(h.Surface.Leds.IsLit(Pins.SelectLeds[2]));

        // Another client selects channel 7, then bus 2: the LED moves, and off the bus layer nothing is lit.
        h.Host.Push("/-stat/selidx", 6);
        h.Run(10);
        Assert.True(h.Surface.Leds.IsLit(Pins.SelectLeds[6]));
        Assert.False(h.Surface.Leds.IsLit(Pins.SelectLeds[2]));

        h.Host.Push("/-stat/selidx", OscPaths.BusSelectBase + 1);
        h.Run(10);
        Assert.All(Pins.SelectLeds, led => Assert.False(h.Surface.Leds.IsLit(led)));
        h.Engine.FaderDesk!.SelectLayer(Layer.Buses);
        h.Run(100);
        Assert.True(h.Surface.Leds.IsLit(Pins.SelectLeds[1]));
        Assert.Empty(h.Sent("/-stat/selidx"));
    }

    [Fact]
    public void MotorFader_FollowsHostValue_AndSettlesWithMotorOff()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/03/mix/fader", 0.75f);
        h.Connect();
        h.Run(600);

        Assert.InRange(h.Surface.Faders.Position(2), 0.745f, 0.755f);
        Assert.Equal(0, h.Surface.Faders.Duty(2));
        Assert.False(h.Engine.FaderDesk!.IsMotorMoving(2));

        h.Host.Push("/ch/03/mix/fader", 0.25f);
        h.Run(600);
        Assert.InRange(h.Surface.Faders.Position(2), 0.245f, 0.255f);
        Assert.Empty(h.Sent("/ch/03/mix/fader"));
    }

    [Fact]
    public void MotorFader_StopsWhileTouched_AndTheHandWins()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/01/mix/fader", 0.2f);
        h.Connect();
        h.Run(600);

        h.Surface.Touch(0);
        h.Run(5);
        h.Host.Push("/ch/01/mix/fader", 0.9f);
        for (int i = 0; i < 300; i++)
        {
            h.Step();
            Assert.Equal(0, h.Surface.Faders.Duty(0));
        }

        Assert.InRange(h.Surface.Faders.Position(0), 0.19f, 0.21f);
        h.Surface.Faders.SetPosition(0, 0.5f);
        h.Run(100);
        h.Surface.Release(0);
        h.Run(600);

        Assert.InRange(h.Surface.Faders.Position(0), 0.49f, 0.51f);
        Assert.Equal(512f / 1023f, (float)h.Sent("/ch/01/mix/fader")[^1].Value!, 2);
    }

    [Fact]
    public void MotorFaders_MoveOnBankChange_ToTheNewTargets()
    {
        var h = SurfaceHarness.FaderDesk();
        for (int c = 9; c <= 16; c++)
        {
            h.Host.Set($"/ch/{c:00}/mix/fader", c / 20f);
        }

        h.Connect();
        h.Engine.FaderDesk!.NextBank();
        h.Run(800);

        for (int s = 0; s < 8; s++)
        {
            Assert.InRange(h.Surface.Faders.Position(s), ((s + 9) / 20f) - 0.006f, ((s + 9) / 20f) + 0.006f);
        }

        Assert.DoesNotContain(h.Host.Received, r => r.Value is not null && r.Address.EndsWith("/fader"));
    }

    [Fact]
    public void SoftTakeover_FaderDoesNothingUntilItCrossesTheHostValue()
    {
        var h = SurfaceHarness.FaderDesk(motorised: false);
        h.Host.Set("/ch/01/mix/fader", 0.6f);
        h.Surface.Faders.SetPosition(0, 0.1f);
        h.Connect();
        Assert.False(h.Engine.FaderDesk!.IsEngaged(0));

        h.Surface.MoveFader(0, 0.5f, 200, 20);
        Assert.Empty(h.Sent("/ch/01/mix/fader"));
        Assert.Contains("PICKUP ^", h.Surface.Display.LineText(5));

        h.Surface.MoveFader(0, 0.7f, 200, 20);
        var sent = h.Sent("/ch/01/mix/fader");
        Assert.NotEmpty(sent);
        Assert.All(sent, s => Assert.True((float)s.Value! >= 0.59f, $"jumped to {s.Value}"));
        Assert.Equal(716f / 1023f, (float)sent[^1].Value!, 2);
    }

    [Fact]
    public void PanEncoder_SendsStepsFromTheHostValue_AndRingShowsIt()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/01/mix/pan", 0.5f);
        h.Connect();
        Assert.Equal(1 << 7, h.Surface.Leds.Ring(0));

        h.Surface.TurnEncoder(0, -5, 30);
        h.Run(10);

        Assert.Equal(0.45f, (float)h.Sent("/ch/01/mix/pan")[^1].Value!, 3);
        Assert.Equal(5, h.Sent("/ch/01/mix/pan").Count);
        Assert.Equal((1 << 6) | (1 << 7), h.Surface.Leds.Ring(0));
    }

    [Fact]
    public void Display_ShowsBankAndChannelNamesFromTheHost()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/01/config/name", "Kick");
        h.Host.Set("/ch/02/config/name", "Snare");
        h.Connect();
        h.Run(100);

        Assert.Equal("CH 01-08    LINK", h.Surface.Display.LineText(0));
        Assert.Equal("01 KICK 02 SNARE", h.Surface.Display.LineText(1));
    }
}
