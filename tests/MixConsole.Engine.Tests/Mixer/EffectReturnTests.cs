using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>
/// Effect returns (/fxrtn/NN) as strips: slot 1's left and right wet outputs are returns 1 and 2, each with the
/// channel strip's EQ, fader, pan and sends to the buses; /config/fxlink/1-2 pairs them as a stereo strip.
/// Effects are the slot's reverb, fed from channel 1's send and measured through main and the buses.
/// </summary>
public sealed class EffectReturnTests
{
    private static readonly ConsoleConfig Config = new(Channels: 2, Buses: 4, FxSlots: 1, Dcas: 2, MuteGroups: 2, Matrices: 0, AuxInputs: 0);
    private const int Frames = 36000;

    // Channel 1 feeds only the reverb of slot 1 (short, so a steady sine is steady at the returns by half way); everything heard comes through the returns.
    private static EngineHarness Reverb() => new EngineHarness(Config).Real("/ch/01/mix/st", 0).Real("/ch/01/mix/fx/1/level", 0)
        .Wire("/fx/1/par/02", X32EffectTypes.Send[0].Parameters[1].ToNormalized(0.3f)); // HALL's decay

    private static float[][] RenderFresh(EngineHarness h, float[] x, int block = 64)
    {
        h.Engine.Reset();
        return h.Render([x], block);
    }

    private static void AssertSame(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f, $"sample {i}: {expected[i]} vs {actual[i]}");
    }

    private static double LevelDb(float[] y, int start = Frames / 2) => EngineHarness.Db(EngineHarness.Rms(y, start));

    [Fact]
    public void ReturnFader_ChangesTheEffectsLevelOnMain_ByItsDecibels()
    {
        var x = EngineHarness.Sine(700, 0.2, Frames);
        var h = Reverb();
        var unity = RenderFresh(h, x);
        double before = h.RealOf("/fxrtn/01/mix/fader");
        h.Real("/fxrtn/01/mix/fader", -10);
        var down = RenderFresh(h, x);
        double change = h.RealOf("/fxrtn/01/mix/fader") - before;
        Assert.True(EngineHarness.Rms(unity[0]) > 1e-3, "the reverb reaches main");
        // Linked (the X32's default), the odd return's fader leads the pair: both sides move.
        Assert.Equal(change, LevelDb(down[0], 0) - LevelDb(unity[0], 0), 0.1);
        Assert.Equal(change, LevelDb(down[1], 0) - LevelDb(unity[1], 0), 0.1);
    }

    [Fact]
    public void ReturnSentToBus3_ReachesItAtTheSendLevel_AndItsEqCutShowsThere()
    {
        // Unlinked, return 2 muted: main left carries return 1 alone, panned centre (-3 dB).
        var h = Reverb().Real("/config/fxlink/1-2", 0).Real("/fxrtn/02/mix/on", 0).Real("/fxrtn/01/mix/03/level", -6)
            .Real("/fxrtn/01/eq/on", 1).Real("/fxrtn/01/eq/2/type", 2).Real("/fxrtn/01/eq/2/f", 1000).Real("/fxrtn/01/eq/2/q", 2);
        double f = h.RealOf("/fxrtn/01/eq/2/f");
        var x = EngineHarness.Sine(f, 0.2, Frames);
        int bus3 = h.Engine.Outputs.Bus(2);
        var flat = RenderFresh(h, x);
        double expected = h.RealOf("/fxrtn/01/mix/03/level") + h.RealOf("/bus/03/mix/fader") - (h.RealOf("/main/st/mix/fader") - 3.0103);
        Assert.Equal(expected, LevelDb(flat[bus3]) - LevelDb(flat[0]), 0.1);
        Assert.Equal(0, EngineHarness.Rms(flat[h.Engine.Outputs.Bus(1)]));

        h.Real("/fxrtn/01/eq/2/g", -12);
        var cut = RenderFresh(h, x);
        Assert.Equal(h.RealOf("/fxrtn/01/eq/2/g"), LevelDb(cut[bus3]) - LevelDb(flat[bus3]), 0.1);
        Assert.Equal(h.RealOf("/fxrtn/01/eq/2/g"), LevelDb(cut[0]) - LevelDb(flat[0]), 0.1);
    }

    [Fact]
    public void LinkedPair_IsHardLeftAndRight_AndItsPanIsTheBalance()
    {
        var x = EngineHarness.Sine(700, 0.2, Frames);
        // Unlinked reference: return 1 hard left alone, then return 2 hard right alone, each at unity.
        var h = Reverb().Real("/config/fxlink/1-2", 0).Real("/fxrtn/01/mix/pan", -100).Real("/fxrtn/02/mix/pan", 100);
        var left = RenderFresh(h.Real("/fxrtn/02/mix/on", 0), x);
        var right = RenderFresh(h.Real("/fxrtn/02/mix/on", 1).Real("/fxrtn/01/mix/on", 0), x);

        var linked = Reverb();
        Assert.Equal(1, linked.RealOf("/config/fxlink/1-2"));
        var centre = RenderFresh(linked, x);
        AssertSame(left[0], centre[0]);
        AssertSame(right[1], centre[1]);

        // The odd return's pan is the pair's balance: towards the left keeps the left side, lowers the right.
        var balanced = RenderFresh(linked.Real("/fxrtn/01/mix/pan", -50), x);
        Assert.Equal(LevelDb(centre[0], 0), LevelDb(balanced[0], 0), 3);
        double expectedRight = EngineHarness.Db(Math.Sqrt(2) * Math.Sin(Math.PI / 4 * (1 - 0.5)));
        Assert.Equal(expectedRight, LevelDb(balanced[1], 0) - LevelDb(centre[1], 0), 0.1);
    }

    [Fact]
    public void Return_FeedsTheMonoBus_AtItsLevel_AndSolo()
    {
        var x = EngineHarness.Sine(700, 0.2, Frames);
        var h = Reverb().Real("/config/fxlink/1-2", 0).Real("/fxrtn/02/mix/on", 0).Real("/fxrtn/01/mix/pan", -100);
        var main = RenderFresh(h, x);
        var mono = RenderFresh(h.Real("/fxrtn/01/mix/mono", 1).Real("/fxrtn/01/mix/mlevel", -8), x);
        var outputs = h.Engine.Outputs;
        Assert.Equal(h.RealOf("/fxrtn/01/mix/mlevel") + h.RealOf("/main/m/mix/fader") - h.RealOf("/main/st/mix/fader"),
            LevelDb(mono[outputs.Mono]) - LevelDb(main[0]), 0.1);
        Assert.Equal(0, EngineHarness.Rms(main[outputs.SoloLeft]));
        var solo = RenderFresh(h.Real("/-stat/solosw/41", 1), x);
        Assert.True(EngineHarness.Rms(solo[outputs.SoloLeft]) > 1e-4, "return 1 reaches the solo bus");
    }
}
