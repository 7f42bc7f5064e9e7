using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class RoutingTests
{
    private static EngineHarness ThreeBuses() => new(new ConsoleConfig(Channels: 4, Buses: 3, FxSlots: 1, Dcas: 2, MuteGroups: 2));

    private static double GainDb(float[] y, float[] x, int start) => EngineHarness.Db(EngineHarness.Rms(y, start) / EngineHarness.Rms(x, start));

    [Theory]
    [InlineData(0, 2, 4)] // IN/LC, EQ->, POST
    [InlineData(1, 3, 5)] // <-EQ, PRE, GRP
    public void SendTypes_BeforeEq_BeforeFader_AfterFader_SeeEqAndFaderAsTheX32Says(int beforeEq, int beforeFader, int afterFader)
    {
        // Sends 1, 3 and 5 each lead a bus pair (the X32 keeps the tap on the odd send); 2 follows 1.
        var h = new EngineHarness(new ConsoleConfig(Channels: 4, Buses: 6, FxSlots: 1, Dcas: 2, MuteGroups: 2))
            .Real("/ch/01/eq/on", 1).Real("/ch/01/eq/2/type", 2).Real("/ch/01/eq/2/f", 1000).Real("/ch/01/eq/2/g", 12)
            .Real("/ch/01/mix/fader", -10);
        for (int b = 1; b <= 5; b++) h.Wire($"/ch/01/mix/{b:00}/level", 0.75f);
        h.Real("/ch/01/mix/01/type", beforeEq).Real("/ch/01/mix/03/type", beforeFader).Real("/ch/01/mix/05/type", afterFader);
        double eqDb = h.SineGainDb(1000) - (-3.0103 + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader"));
        // The band's centre snaps to the 990.9 Hz grid point: 1 kHz, a hundredth of an octave off, sees a few hundredths under 12 dB.
        Assert.Equal(12, eqDb, 0.05);

        var x = EngineHarness.Sine(1000, 0.05, 24000);
        var y = h.Render([x]);
        double send = h.RealOf("/ch/01/mix/01/level"), bus = h.RealOf("/bus/01/mix/fader"), fader = h.RealOf("/ch/01/mix/fader");
        var outputs = h.Engine.Outputs;
        Assert.Equal(send + bus, GainDb(y[outputs.Bus(0)], x, 12000), 1);
        Assert.Equal(send + bus, GainDb(y[outputs.Bus(1)], x, 12000), 1);
        Assert.Equal(eqDb + send + bus, GainDb(y[outputs.Bus(2)], x, 12000), 1);
        Assert.Equal(eqDb + fader + send + bus, GainDb(y[outputs.Bus(4)], x, 12000), 1);
    }

    [Fact]
    public void BusAndMainEq_HaveSixBands_AsTheX32_AndBandsFiveAndSixAct()
    {
        // +6 dB at 1 kHz in bus 1's band 6, -6 dB in the main bus's band 5 (the bell's centre snaps to 990.9 Hz).
        var h = ThreeBuses().Wire("/ch/01/mix/01/level", 0.75f)
            .Real("/bus/01/eq/on", 1).Real("/bus/01/eq/6/f", 1000).Real("/bus/01/eq/6/g", 6)
            .Real("/main/st/eq/on", 1).Real("/main/st/eq/5/f", 1000).Real("/main/st/eq/5/g", -6);
        var x = EngineHarness.Sine(1000, 0.05, 24000);
        var y = h.Render([x]);
        double send = h.RealOf("/ch/01/mix/01/level"), bus = h.RealOf("/bus/01/mix/fader");
        Assert.Equal(send + bus + 6, GainDb(y[h.Engine.Outputs.Bus(0)], x, 12000), 0.3);
        Assert.Equal(-3.0103 + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader") - 6, GainDb(y[0], x, 12000), 0.3);
    }

    [Fact]
    public void SendOn_Off_SilencesThatSendOnly()
    {
        var h = ThreeBuses().Wire("/ch/01/mix/01/level", 0.75f).Wire("/ch/01/mix/02/level", 0.75f).Real("/ch/01/mix/01/on", 0);
        var x = EngineHarness.Sine(1000, 0.05, 9600);
        var y = h.Render([x]);
        Assert.Equal(0, EngineHarness.Rms(y[h.Engine.Outputs.Bus(0)], 4800));
        Assert.Equal(h.RealOf("/ch/01/mix/02/level") + h.RealOf("/bus/02/mix/fader"), GainDb(y[h.Engine.Outputs.Bus(1)], x, 4800), 1);
    }

    [Fact]
    public void Dca_AddsItsLevelToTheFader_AndItsSwitchMutes()
    {
        var x = EngineHarness.Sine(500, 0.1, 9600);
        double Through(EngineHarness h) => GainDb(h.Render([x])[0], x, 4800);
        double plain = Through(new EngineHarness().Real("/ch/01/mix/fader", 0));
        var member = new EngineHarness().Real("/ch/01/mix/fader", 0).Real("/ch/01/grp/dca", 0b10).Real("/dca/2/fader", -10);
        Assert.Equal(plain + member.RealOf("/dca/2/fader"), Through(member), 2);
        var notMember = new EngineHarness().Real("/ch/01/mix/fader", 0).Real("/ch/01/grp/dca", 0b01).Real("/dca/2/fader", -10);
        Assert.Equal(plain + notMember.RealOf("/dca/1/fader"), Through(notMember), 2);
        var off = new EngineHarness().Real("/ch/01/grp/dca", 0b10).Real("/dca/2/on", 0);
        Assert.Equal(0, EngineHarness.Rms(off.Render([x])[0], 4800));
    }

    [Fact]
    public void MuteGroup_MutesItsMembersOnly()
    {
        var h = new EngineHarness().Real("/ch/01/grp/mute", 0b10).Real("/ch/02/grp/mute", 0b01).Real("/config/mute/2", 1);
        var x = EngineHarness.Sine(500, 0.1, 9600);
        var y = h.Render([x, null, null, null]);
        Assert.Equal(0, EngineHarness.Rms(y[0], 4800));
        var y2 = h.Render([null, x, null, null]);
        Assert.True(EngineHarness.Rms(y2[0], 4800) > 0.03);
        h.Real("/config/mute/2", 0);
        Assert.True(EngineHarness.Rms(h.Render([x])[0], 4800) > 0.03);
    }

    [Fact]
    public void Solo_Pfl_TapsBeforeFader_Afl_AfterFaderAndPan()
    {
        var x = EngineHarness.Sine(500, 0.1, 9600);
        var h = new EngineHarness().Real("/-stat/solosw/02", 1).Real("/ch/02/mix/fader", -20).Real("/ch/02/mix/pan", 100);
        var o = h.Engine.Outputs;
        var y = h.Render([x, x]);
        double level = h.RealOf("/config/solo/level");
        Assert.Equal(level, GainDb(y[o.SoloLeft], x, 4800), 2);   // PFL: pre-fader, both sides, channel 1 not heard
        Assert.Equal(level, GainDb(y[o.SoloRight], x, 4800), 2);

        h.Real("/config/solo/chmode", 1);
        y = h.Render([x, x]);
        Assert.True(EngineHarness.Rms(y[o.SoloLeft], 4800) < 1e-6);  // AFL: hard right pan
        Assert.Equal(level - 20 + h.RealOf("/ch/02/mix/fader") + 20, GainDb(y[o.SoloRight], x, 4800), 2);
    }

    [Fact]
    public void LinkedPair_IsABalancedStereoSource_OddLeftEvenRight()
    {
        var h = new EngineHarness().Real("/config/chlink/1-2", 1).Real("/ch/01/mix/fader", 0).Real("/ch/02/mix/fader", -40);
        var l = EngineHarness.Sine(300, 0.1, 9600);
        var r = EngineHarness.Sine(700, 0.1, 9600);
        var y = h.Render([l, r]);
        double unity = h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader");
        Assert.Equal(unity, GainDb(y[0], l, 4800), 2); // the odd channel's fader drives both
        Assert.Equal(unity, GainDb(y[1], r, 4800), 2);
        h.Real("/ch/01/mix/pan", 100);
        y = h.Render([l, r]);
        Assert.True(EngineHarness.Rms(y[0], 4800) < 1e-6);
        Assert.Equal(unity, GainDb(y[1], r, 4800), 2);
    }

    [Fact]
    public void InputDelay_DelaysByWholeFrames()
    {
        var h = new EngineHarness().Real("/ch/01/delay/on", 1).Real("/ch/01/delay/time", 10);
        var x = new float[2400];
        x[100] = 1;
        var y = h.Render([x])[0];
        int peak = Array.IndexOf(y, y.Max());
        Assert.Equal(100 + 480, peak);
    }

    [Fact]
    public void BusesFeedMain_OnlyWhenTheirStereoSwitchIsOn_AndMonoBusTakesItsLevel()
    {
        var x = EngineHarness.Sine(500, 0.1, 9600);
        var h = new EngineHarness().Real("/ch/01/mix/st", 0).Wire("/ch/01/mix/01/level", 0.75f).Real("/ch/01/mix/mono", 1).Real("/ch/01/mix/mlevel", -6);
        var y = h.Render([x]);
        Assert.Equal(0, EngineHarness.Rms(y[0], 4800));
        Assert.Equal(h.RealOf("/ch/01/mix/mlevel") + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/m/mix/fader"), GainDb(y[h.Engine.Outputs.Mono], x, 4800), 2);
        h.Real("/bus/01/mix/st", 1);
        y = h.Render([x]);
        double expected = h.RealOf("/ch/01/mix/fader") + h.RealOf("/ch/01/mix/01/level") + h.RealOf("/bus/01/mix/fader") - 3.0103 + h.RealOf("/main/st/mix/fader");
        Assert.Equal(expected, GainDb(y[0], x, 4800), 2);
    }

    [Fact]
    public void ReverbSend_AddsATailToMain_ThatTheReturnFaderControls()
    {
        var x = new float[48000];
        x[0] = 1;
        var h = new EngineHarness().Real("/ch/01/mix/st", 0).Wire("/ch/01/mix/fx/1/level", 0.75f).Wire("/fx/1/par/02", X32EffectTypes.Send[0].Parameters[1].ToNormalized(2));
        var y = h.Render([x]);
        double tail = EngineHarness.Rms(y[0], 9600);
        Assert.True(tail > 1e-4, $"tail rms {tail}");
        h.Engine.Reset();
        h.Real("/fxrtn/01/mix/on", 0);
        Assert.Equal(0, EngineHarness.Rms(h.Render([x])[0]));
    }
}
