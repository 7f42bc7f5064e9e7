using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>The X32's solo switches <c>/-stat/solosw/NN</c>, heard on the engine's solo bus.</summary>
public class SoloSwitchTests
{
    private static double GainDb(float[] y, float[] x, int start) => EngineHarness.Db(EngineHarness.Rms(y, start) / EngineHarness.Rms(x, start));

    [Fact]
    public void SoloSwitch01_PutsChannel1_OnTheSoloBus_AtTheSoloLevel_AndNoOtherChannel()
    {
        var x = EngineHarness.Sine(500, 0.1, 9600);
        var h = new EngineHarness();
        var o = h.Engine.Outputs;
        Assert.Equal(0, EngineHarness.Rms(h.Render([x, x])[o.SoloLeft]));

        h.Real("/-stat/solosw/01", 1);
        var y = h.Render([x]);
        Assert.Equal(h.RealOf("/config/solo/level"), GainDb(y[o.SoloLeft], x, 4800), 2);
        Assert.Equal(h.RealOf("/config/solo/level"), GainDb(y[o.SoloRight], x, 4800), 2);
        Assert.Equal(0, EngineHarness.Rms(h.Render([null, x])[o.SoloLeft], 4800));
    }

    [Fact]
    public void SoloSwitch49_PutsBus1_OnTheSoloBus()
    {
        var x = EngineHarness.Sine(500, 0.1, 9600);
        var h = new EngineHarness().Real("/ch/01/mix/01/on", 1).Real("/ch/01/mix/01/level", -6).Real("/ch/01/mix/st", 0);
        var o = h.Engine.Outputs;
        Assert.Equal(0, EngineHarness.Rms(h.Render([x])[o.SoloLeft], 4800));

        h.Real("/-stat/solosw/49", 1);
        var y = h.Render([x]);
        // PFL on a bus: the send's level, before the bus fader, at the solo level; channel 1 itself is not soloed.
        double expected = h.RealOf("/ch/01/mix/01/level") + h.RealOf("/config/solo/level");
        Assert.Equal(expected, GainDb(y[o.SoloLeft], x, 4800), 1);
        Assert.Equal(expected, GainDb(y[o.SoloRight], x, 4800), 1);
        Assert.Equal(0, EngineHarness.Rms(h.Render([null, x])[o.SoloLeft], 4800));
    }

    [Fact]
    public void AChannelPast32_SolosThroughItsSwitchPast80()
    {
        var config = new ConsoleConfig(Channels: 40, Buses: 2, FxSlots: 1, Dcas: 2, MuteGroups: 2);
        var h = new EngineHarness(config);
        int number = StripSelection.SoloSwitch(StripSelection.Channel(config, 33));
        Assert.Equal(81, number);
        var x = EngineHarness.Sine(500, 0.1, 9600);
        var inputs = new float[]?[33];
        inputs[32] = x;

        h.Real(StripSelection.SoloSwitchPath(number), 1);
        var y = h.Render(inputs);
        Assert.Equal(h.RealOf("/config/solo/level"), GainDb(y[h.Engine.Outputs.SoloLeft], x, 4800), 2);
        Assert.Equal(0, EngineHarness.Rms(h.Render([x])[h.Engine.Outputs.SoloLeft], 4800));
    }

    [Fact]
    public void DcaSoloSwitch_SolosTheDcasMemberChannels_Only()
    {
        var x = EngineHarness.Sine(500, 0.1, 9600);
        var h = new EngineHarness().Real("/ch/03/grp/dca", 1).Real("/-stat/solosw/73", 1);
        var o = h.Engine.Outputs;

        Assert.Equal(h.RealOf("/config/solo/level"), GainDb(h.Render([null, null, x])[o.SoloLeft], x, 4800), 2);
        Assert.Equal(0, EngineHarness.Rms(h.Render([x, x, null, x])[o.SoloLeft], 4800));

        // DCA 2 has no members here; its solo leaves the solo bus silent once DCA 1's is off.
        h.Real("/-stat/solosw/73", 0).Real("/-stat/solosw/74", 1);
        Assert.Equal(0, EngineHarness.Rms(h.Render([x, x, x, x])[o.SoloLeft], 4800));
    }

    [Theory]
    [InlineData("/-stat/solosw/65")]
    [InlineData("/-stat/solosw/71")]
    [InlineData("/-stat/solosw/72")]
    [InlineData("/-stat/solosw/32")]
    public void KeptSoloSwitches_AreStored_AndChangeNoOutputSample(string path)
    {
        // Matrices, main and mono are kept; so is a switch of a channel this 4-channel console lacks.
        var x = EngineHarness.Sine(500, 0.1, 4800);
        var plain = new EngineHarness().Real("/ch/01/mix/01/on", 1).Real("/ch/01/mix/mono", 1);
        var soloing = new EngineHarness().Real("/ch/01/mix/01/on", 1).Real("/ch/01/mix/mono", 1).Real(path, 1);
        Assert.Equal(1f, soloing.RealOf(path));
        var without = plain.Render([x, x]);
        var with = soloing.Render([x, x]);
        for (int output = 0; output < without.Length; output++) Assert.Equal(without[output], with[output]);
    }
}
