using MixConsole.Engine.Compiler;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>The transfer curves screens draw (<see cref="ChannelDynamicsDesign"/>) against what the channel plays at steady levels.</summary>
public sealed class ChannelDynamicsDesignTests
{
    public static TheoryData<string, (string Path, float Real)[]> Settings => new()
    {
        { "compressor 4:1, 6 dB knee, make-up, 70 % wet", [("/ch/01/dyn/on", 1), ("/ch/01/dyn/thr", -30), ("/ch/01/dyn/ratio", 6), ("/ch/01/dyn/knee", 3), ("/ch/01/dyn/mgain", 5), ("/ch/01/dyn/mix", 70), ("/ch/01/dyn/attack", 0)] },
        { "compressor 10:1, hard knee", [("/ch/01/dyn/on", 1), ("/ch/01/dyn/thr", -18), ("/ch/01/dyn/ratio", 9), ("/ch/01/dyn/knee", 0), ("/ch/01/dyn/attack", 0)] },
        { "expander 1:3", [("/ch/01/gate/on", 1), ("/ch/01/gate/mode", 1), ("/ch/01/gate/thr", -35), ("/ch/01/gate/range", 40), ("/ch/01/gate/attack", 0), ("/ch/01/gate/hold", 0.02f), ("/ch/01/gate/release", 5)] },
        { "gate", [("/ch/01/gate/on", 1), ("/ch/01/gate/mode", 3), ("/ch/01/gate/thr", -42), ("/ch/01/gate/range", 25), ("/ch/01/gate/attack", 0), ("/ch/01/gate/hold", 0.02f), ("/ch/01/gate/release", 5)] },
        { "gate in DUCK mode passes", [("/ch/01/gate/on", 1), ("/ch/01/gate/mode", 4), ("/ch/01/gate/thr", -20)] },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void TheCurves_MatchTheChannelsSteadyGain_Within0p1dB_At20Levels(string name, (string Path, float Real)[] settings)
    {
        var h = new EngineHarness();
        foreach ((string path, float real) in settings) h.Real(path, real);
        double pathDb = -3.0103 + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader");
        var inputDb = new float[20];
        for (int n = 0; n < 20; n++) inputDb[n] = -59f + 3f * n + 0.25f; // off the thresholds' grid: a level on one is a coin toss
        var gateDb = new float[20];
        var compressorDb = new float[20];
        ChannelDynamicsDesign.Curves(h.Store, 1, EngineHarness.Rate, inputDb, gateDb, compressorDb);

        for (int n = 0; n < 20; n++)
        {
            float amplitude = (float)Math.Pow(10, inputDb[n] / 20);
            var y = h.Render([EngineHarness.Constant(amplitude, 9600)])[0];
            double played = EngineHarness.Db(y[^1] / amplitude) - pathDb;
            double drawn = gateDb[n] - inputDb[n] + compressorDb[n] - inputDb[n]; // one section is at work, the other passes
            Assert.True(Math.Abs(played - drawn) <= 0.1, $"{name} at {inputDb[n]} dB: plays {played:0.000} dB, curve says {drawn:0.000} dB");
        }
    }
}
