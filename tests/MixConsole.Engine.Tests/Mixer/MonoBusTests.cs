namespace MixConsole.Engine.Tests.Mixer;

/// <summary>The mono (centre) bus /main/m: fed per strip by /mix/mono and /mix/mlevel, with the X32's dynamics and 6-band EQ.</summary>
public sealed class MonoBusTests
{
    [Fact]
    public void MonoBus_CarriesTheSumOfTheStripsByTheirMlevel_AndNothingOfAStripWithMonoOff()
    {
        // The same sine on three channels: 1 and 2 feed the mono bus at -6 and -12 dB, 3 has mono off.
        var h = new EngineHarness().Real("/ch/01/mix/mono", 1).Real("/ch/01/mix/mlevel", -6)
            .Real("/ch/02/mix/mono", 1).Real("/ch/02/mix/mlevel", -12).Real("/ch/03/mix/mlevel", 0);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        var y = h.Render([x, x, x]);
        double expected = Math.Pow(10, h.RealOf("/ch/01/mix/mlevel") / 20) + Math.Pow(10, h.RealOf("/ch/02/mix/mlevel") / 20);
        double gain = EngineHarness.Rms(y[h.Engine.Outputs.Mono], 4800) / EngineHarness.Rms(x, 4800);
        Assert.Equal(EngineHarness.Db(expected) + h.RealOf("/main/m/mix/fader"), EngineHarness.Db(gain), 0.05);
    }

    [Fact]
    public void MonoBusEq_HasSixBands_AndItsCompressorActs()
    {
        var h = new EngineHarness().Real("/ch/01/mix/mono", 1).Real("/ch/01/mix/mlevel", 0)
            .Real("/main/m/eq/on", 1).Real("/main/m/eq/6/f", 1000).Real("/main/m/eq/6/g", 6);
        var x = EngineHarness.Sine(1000, 0.1, 9600);
        int mono = h.Engine.Outputs.Mono;
        double eqDb = EngineHarness.Db(EngineHarness.Rms(h.Render([x])[mono], 4800) / EngineHarness.Rms(x, 4800));
        Assert.Equal(6 + h.RealOf("/main/m/mix/fader"), eqDb, 0.3);

        // A -40 dB threshold at 4:1 well under the sine's level pulls the bus down by many dB.
        h.Real("/main/m/dyn/on", 1).Real("/main/m/dyn/thr", -40).Label("/main/m/dyn/ratio", "4.0");
        double compressedDb = EngineHarness.Db(EngineHarness.Rms(h.Render([x])[mono], 4800) / EngineHarness.Rms(x, 4800));
        Assert.True(compressedDb < eqDb - 10, $"{compressedDb} dB");
    }
}
