using MixConsole.Dsp.Tests.Loudness;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;
using static MixConsole.Engine.Tests.LiveMastering.MasterSound;

namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>
/// Learn loudness (/master/loudness/mode LEARN, then HOLD): the box integrates one play of the song, sets the gain
/// that meets /master/loudness/target and holds it; a repeat of the song, measured by libebur128, lands on the target.
/// Targets above the song push it into the limiter: the learned gain includes what a probe limiter took while learning
/// (without it, -14 LUFS here landed 0.7 LU short, -11 LUFS 1.2 LU short).
/// </summary>
public sealed class LiveMasterLearnTests(Xunit.Abstractions.ITestOutputHelper log)
{
    /// <summary>A song with a quiet verse, a loud chorus and a quiet outro (20 s).</summary>
    private static float[][] Song()
    {
        float[][] song = Programme.Create(Rate, 20, 1.0, seed: 11);
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < song[c].Length; i++)
            {
                double t = (double)i / Rate;
                song[c][i] *= t < 8 ? 0.18f : t < 16 ? 0.45f : 0.12f;
            }
        return song;
    }

    [Theory]
    [InlineData(-11f)]
    [InlineData(-14f)]
    [InlineData(-16f)]
    [InlineData(-23f)]
    public void LearnLoudness_OnePlay_ThenTheRepeatLandsOnTheTarget_WithinHalfAnLu(float targetLufs)
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        Set(store, "/master/loudness/target", targetLufs);
        Set(store, "/master/comp/amount", 30f);
        Set(store, "/master/loudness/mode", (float)LoudnessMode.Learn);
        LiveMasterChain live = Prepared(store);
        float[][] song = Song();
        float[][] learning = Run(live, song);
        double heldWhileLearning = live.LoudnessGainDb;

        Set(store, "/master/loudness/mode", (float)LoudnessMode.Hold);
        float[][] repeat = Run(live, song);
        double learned = live.LoudnessGainDb;
        float[][] again = Run(live, song);

        double input = LibEbur128.Measure(song, Rate).IntegratedLufs;
        double first = LibEbur128.Measure(learning, Rate).IntegratedLufs;
        double second = LibEbur128.Measure(repeat, Rate).IntegratedLufs;
        double third = LibEbur128.Measure(again, Rate).IntegratedLufs;
        log.WriteLine($"target {targetLufs} LUFS; song {input:0.00} LUFS; learning pass {first:0.00} LUFS (gain held at {heldWhileLearning:0.00} dB); " +
            $"learned gain {learned:+0.00;-0.00} dB; repeat {second:0.000} LUFS, once more {third:0.000} LUFS (libebur128)");
        Assert.Equal(0.0, heldWhileLearning);
        Assert.True(Math.Abs(second - targetLufs) <= 0.5, $"repeat at {second:0.00} LUFS for a {targetLufs} LUFS target");
        Assert.True(Math.Abs(third - targetLufs) <= 0.5, $"third play at {third:0.00} LUFS for a {targetLufs} LUFS target");
        Assert.Equal(learned, live.LoudnessGainDb); // held
    }
}
