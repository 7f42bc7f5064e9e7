using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Output;
using MixConsole.ControlSurface.Virtual;

namespace MixConsole.ControlSurface.Tests;

/// <summary>The desk against a console of a given size, sends on fader, and the selected channel on the encoders.</summary>
public class DeskFeaturesTests
{
    private static readonly PinMap Pins = SurfaceConfig.CreateFaderDesk(true).Pins;

    [Fact]
    public void SixChannelConsole_ShowsSixStrips_AndTheBlankOnesSendNothing()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Size = [6, 4, 8];
        h.Connect();
        FaderDeskSurface desk = h.Engine.FaderDesk!;

        Assert.Equal(6, desk.LayerSize(Layer.Channels));
        Assert.Equal(1, desk.BankCount);
        Assert.Equal(new[] { true, true, true, true, true, true, false, false }, Enumerable.Range(0, 8).Select(desk.HasTarget));
        Assert.Equal("05      06", h.Surface.Display.LineText(3).TrimEnd());
        Assert.Equal("", h.Surface.Display.LineText(4).Trim());

        h.Surface.Press(Pins.MuteButtons[6], 60);
        h.Surface.MoveFader(7, 0.6f, 100, 40);
        h.Surface.Press(Pins.BankNextButton, 60);
        Assert.Equal(0, desk.Bank);
        Assert.DoesNotContain(h.Host.Received, r => r.Value is not null && (r.Address.StartsWith("/ch/07/", StringComparison.Ordinal) || r.Address.StartsWith("/ch/08/", StringComparison.Ordinal)));

        desk.SelectLayer(Layer.Buses);
        h.Run(300);
        Assert.Equal(4, desk.LayerSize(Layer.Buses));
        Assert.False(desk.HasTarget(4));
        Assert.Equal(8, desk.LayerSize(Layer.Dcas));
    }

    [Fact]
    public void ScenesPage_PicksASlot_ShowsItsName_Recalls_SavesOnlyWhenHeld_AndUndoes()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/-show/prepos/current", 2);
        h.Host.Set("/-show/showfile/scene/003/name", "Chorus");
        h.Host.Set("/-show/showfile/scene/004/name", "");
        h.Connect();
        FaderDeskSurface desk = h.Engine.FaderDesk!;
        for (int i = 0; i < 5; i++) h.Surface.Press(Pins.EncoderPageButton, 60);
        h.Run(300);
        Assert.Equal(5, desk.EncoderPage);
        Assert.StartsWith("SCENES", h.Surface.Display.LineText(0), StringComparison.Ordinal);
        Assert.Equal("NOW 002", h.Surface.Display.LineText(1).Trim());
        Assert.Equal("SEL 000", h.Surface.Display.LineText(2).Trim());

        h.Surface.TurnEncoder(0, 3, 20);
        h.Run(300);
        Assert.Equal(3, desk.SceneSlot);
        Assert.Equal("SEL 003 CHORUS", h.Surface.Display.LineText(2).Trim());
        Assert.Contains("/-show/showfile/scene/003/name", h.Host.Queries);

        // Select 1 recalls the pick; the host's echo of the recall shows as the current scene.
        h.Surface.Press(Pins.SelectButtons[0], 60);
        h.Run(100);
        Assert.Equal(3, Assert.Single(h.Sent("/-action/goscene")).Value);
        h.Host.Push("/-show/prepos/current", 3);
        h.Run(100);
        Assert.Equal("NOW 003", h.Surface.Display.LineText(1).Trim());
        Assert.Empty(h.Sent("/-stat/selidx"));

        // A press of select 2 only says how to save; holding it saves, keeping the slot's name.
        h.Surface.Press(Pins.SelectButtons[1], 60);
        h.Run(100);
        Assert.Equal("HOLD 2 TO SAVE", h.Surface.Display.LineText(4).Trim());
        Assert.Empty(h.Host.Commands);
        h.Surface.Press(Pins.SelectButtons[1], h.Surface.Config.Tuning.LongPressMs + 100);
        h.Run(100);
        var save = Assert.Single(h.Host.Commands);
        Assert.Equal("/save", save.Address);
        Assert.Equal(new object[] { "scene", 3, "Chorus", "" }, save.Arguments);

        // An unnamed slot is saved under a name that says where it is.
        h.Surface.TurnEncoder(0, 1, 20);
        h.Run(300);
        h.Surface.Press(Pins.SelectButtons[1], h.Surface.Config.Tuning.LongPressMs + 100);
        h.Run(100);
        Assert.Equal(new object[] { "scene", 4, "SCENE 04", "" }, h.Host.Commands[^1].Arguments);

        // Select 3 takes the last recall back; the slot stays at the ends of 0-99.
        h.Surface.Press(Pins.SelectButtons[2], 60);
        h.Run(100);
        Assert.Contains("/-action/undoscene", h.Host.Queries);
        h.Surface.TurnEncoder(0, -10, 5);
        h.Run(100);
        Assert.Equal(0, desk.SceneSlot);

        // The page button comes round to the pans again.
        h.Surface.Press(Pins.EncoderPageButton, 60);
        h.Run(100);
        Assert.Equal(0, desk.EncoderPage);
    }

    [Fact]
    public void SendsOnFader_MovesTheBusSend_NotTheChannelFader_MotorsFollowSends_AndFlipBackRestores()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/01/mix/fader", 0.7f);
        h.Host.Set("/ch/02/mix/fader", 0.6f);
        h.Host.Set("/ch/02/mix/03/level", 0.25f);
        h.Connect();
        FaderDeskSurface desk = h.Engine.FaderDesk!;
        h.Host.Push("/-stat/selidx", 50);  // bus 3 selected (X32 numbering: buses from 48)
        h.Run(50);

        h.Surface.Press(Pins.SendsOnFaderButton, 60);
        h.Run(800);
        Assert.Equal(3, desk.SendsBus);
        Assert.True(h.Surface.Leds.IsLit(Pins.SendsOnFaderLed));
        Assert.InRange(h.Surface.Faders.Position(1), 0.245f, 0.255f);
        Assert.StartsWith("B03 CH 01-08", h.Surface.Display.LineText(0), StringComparison.Ordinal);

        h.Surface.MoveFader(0, 0.4f, 100, 40);
        h.Run(600);
        Assert.InRange((float)h.Sent("/ch/01/mix/03/level")[^1].Value!, 0.39f, 0.41f);
        Assert.Empty(h.Sent("/ch/01/mix/fader"));

        h.Host.Push("/ch/02/mix/03/level", 0.8f);  // another client moves channel 2's send to bus 3
        h.Run(800);
        Assert.InRange(h.Surface.Faders.Position(1), 0.795f, 0.805f);

        h.Surface.Press(Pins.SendsOnFaderButton, 60);
        h.Run(800);
        Assert.Equal(0, desk.SendsBus);
        Assert.InRange(h.Surface.Faders.Position(0), 0.695f, 0.705f);
        Assert.InRange(h.Surface.Faders.Position(1), 0.595f, 0.605f);
        Assert.Empty(h.Sent("/ch/01/mix/fader"));
        Assert.Empty(h.Sent("/ch/02/mix/fader"));
    }

    [Fact]
    public void SendsOnFader_OnTheSecondBank_ShowsThoseChannelsSends()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/12/mix/05/level", 0.3f);
        h.Connect();
        FaderDeskSurface desk = h.Engine.FaderDesk!;
        desk.ShowSends(5);
        desk.NextBank();
        h.Run(800);

        Assert.InRange(h.Surface.Faders.Position(3), 0.295f, 0.305f);
        Assert.Contains(h.Host.Queries, q => q == "/ch/16/mix/05/level");
    }

    [Fact]
    public void SelectedChannel_EqGainFollowsTheEncoder_AndTheRingAndDisplayFollowAnotherClient()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/03/eq/1/g", 0.5f);
        h.Host.Set("/ch/03/eq/1/f", 0.235f);
        h.Connect();
        FaderDeskSurface desk = h.Engine.FaderDesk!;
        h.Surface.Press(Pins.SelectButtons[2], 60);  // select channel 3
        h.Surface.Press(Pins.EncoderPageButton, 60); // page 1: EQ
        h.Run(200);
        Assert.Equal(1, desk.EncoderPage);
        Assert.Equal(3, desk.SelectedChannel);
        Assert.StartsWith("CH03 EQ", h.Surface.Display.LineText(0), StringComparison.Ordinal);
        Assert.Equal("1G +0.0 1F 101", h.Surface.Display.LineText(1).TrimEnd());

        h.Surface.TurnEncoder(0, 4, 20);
        h.Run(100);
        Assert.Equal(0.5f + (4 / 120f), (float)h.Sent("/ch/03/eq/1/g")[^1].Value!, 5);
        Assert.Empty(h.Sent("/ch/03/mix/pan"));
        h.Run(h.Surface.Config.Tuning.Link.FeedbackHoldMs);  // later than a late echo of the surface's own turn

        h.Host.Push("/ch/03/eq/1/g", 0.75f);  // another client: +7.5 dB
        h.Run(200);
        Assert.Equal(LedRing.FromCentre(0.75f), h.Surface.Leds.Ring(Pins.EncoderRings[0]));
        Assert.StartsWith("1G +7.5", h.Surface.Display.LineText(1), StringComparison.Ordinal);
    }

    [Fact]
    public void SelectingAnotherChannel_PointsTheEncodersAtIt()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/05/dyn/thr", 0.5f);
        h.Connect();
        FaderDeskSurface desk = h.Engine.FaderDesk!;
        desk.SelectEncoderPage(4);  // compressor
        h.Host.Push("/-stat/selidx", 4);  // another client selects channel 5
        h.Run(300);

        Assert.Equal("ON --   THR -30", h.Surface.Display.LineText(1).TrimEnd());
        h.Surface.TurnEncoder(1, -2, 20);
        h.Run(100);
        Assert.Equal(0.5f - (2 / 120f), (float)h.Sent("/ch/05/dyn/thr")[^1].Value!, 5);
    }

    [Fact]
    public void CompressorRatio_IsTheX32sEnumPosition_ShownAsItsRatio_AndTheKneeStepsWhole()
    {
        var h = SurfaceHarness.FaderDesk();
        h.Host.Set("/ch/01/dyn/ratio", 6);   // the X32's 4.0
        h.Host.Set("/ch/01/dyn/knee", 0.2f); // knee 1 of 0..5
        h.Connect();
        FaderDeskSurface desk = h.Engine.FaderDesk!;
        desk.SelectEncoderPage(4);  // compressor
        h.Host.Push("/-stat/selidx", 0);
        h.Run(300);
        Assert.Equal("RAT 4.0 KNE 1.0", h.Surface.Display.LineText(2).TrimEnd());
        Assert.Equal(LedRing.Fill(6 / 11f), h.Surface.Leds.Ring(Pins.EncoderRings[2]));

        h.Surface.TurnEncoder(2, 3, 20);
        h.Surface.TurnEncoder(3, 2, 20);
        h.Run(100);
        Assert.Equal(9, h.Sent("/ch/01/dyn/ratio")[^1].Value); // an int, as the X32 takes it: 10
        Assert.Equal(0.6f, (float)h.Sent("/ch/01/dyn/knee")[^1].Value!, 5);
        Assert.Equal("RAT 10  KNE 3.0", h.Surface.Display.LineText(2).TrimEnd());

        h.Run(h.Surface.Config.Tuning.Link.FeedbackHoldMs);
        h.Host.Push("/ch/01/dyn/ratio", 11); // another client: 100:1
        h.Run(200);
        Assert.StartsWith("RAT 100", h.Surface.Display.LineText(2), StringComparison.Ordinal);
        h.Surface.TurnEncoder(2, 2, 20);
        h.Run(100);
        Assert.Equal(11, h.Sent("/ch/01/dyn/ratio")[^1].Value); // stops at the last position
    }

    [Fact]
    public void FlippingSends_AndTurningTheSelectedChannelsControls_AllocateNothing()
    {
        // A host made of packets encoded once (the fake host allocates its strings): it answers the size probe and
        // selects channels; whatever the surface sends is drained.
        var surface = new VirtualSurface(SurfaceConfig.CreateFaderDesk(true));
        LoopbackTransport link = surface.Loopback;
        byte[] drain = new byte[1536];
        byte[][] select = new byte[32][];
        for (int c = 0; c < 32; c++)
        {
            select[c] = new byte[64];
            Array.Resize(ref select[c], OscWriter.WriteInt(select[c], OscWriter.EncodeString("/-stat/selidx"), c));
        }

        byte[] info = new byte[32];
        Array.Resize(ref info, OscWriter.WriteQuery(info, OscWriter.EncodeString("/info")));
        byte[] size = new byte[64];
        Array.Resize(ref size, OscWriter.WriteFloat(size, OscWriter.EncodeString("/ch/32/mix/fader"), 0f));
        byte[] buses = new byte[64];
        Array.Resize(ref buses, OscWriter.WriteFloat(buses, OscWriter.EncodeString("/bus/16/mix/fader"), 0f));
        surface.AfterStep = () =>
        {
            while (link.HostReceive(drain) > 0)
            {
            }

            if (!surface.Engine.Link.IsConnected || surface.Clock.NowMs % 500 == 0)
            {
                link.HostSend(info, info.Length);
            }
        };
        surface.Start();
        surface.Run(100);
        link.HostSend(size, size.Length);
        link.HostSend(buses, buses.Length);
        surface.Run(100);
        FaderDeskSurface desk = surface.Engine.FaderDesk!;
        Assert.Equal(32, desk.LayerSize(Layer.Channels));
        desk.SelectEncoderPage(1);
        int step = 0;

        // Each call: flip to a bus's sends, step a bank, select another channel, turn its EQ gain, flip back.
        void Cycle()
        {
            step++;
            desk.ShowSends((step % 16) + 1);
            surface.Run(5);
            desk.NextBank();
            link.HostSend(select[step % 32], select[step % 32].Length);
            surface.Run(5);
            surface.TurnEncoder(0, (step % 2) == 0 ? 1 : -1, 2);
            desk.ShowSends(0);
            surface.Run(5);
        }

        Allocations.AssertNone(Cycle, calls: 300, what: "flipping sends, banking, following the selection and turning its controls", warmupCalls: 100);
        Assert.True(surface.Engine.Link.IsConnected);
    }
}
