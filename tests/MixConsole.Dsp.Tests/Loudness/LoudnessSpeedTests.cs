using System.Diagnostics;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Loudness;

/// <summary>Side-by-side throughput with libebur128 on ten minutes of stereo 48 kHz (soak: not in the default run).</summary>
public class LoudnessSpeedTests(ITestOutputHelper output)
{
    [Fact, Trait("Category", "Soak")]
    public void TenMinutesStereo48k_WithTruePeak_IsFasterThanLibebur128()
    {
        const int Fs = 48000, Seconds = 600, Block = 4096;
        float[][] x = TestSignals.Programme(Fs, 2, Seconds, seed: 21);

        double Best(Action run)
        {
            double best = double.MaxValue;
            for (int i = 0; i < 3; i++)
            {
                var sw = Stopwatch.StartNew();
                run();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            return best;
        }

        LoudnessMeter? meter = null;
        double ours = Best(() => meter = TestSignals.Measure(Fs, x, Block));
        double oursEveryBlock = Best(() => TestSignals.Measure(Fs, x, Block,
            options: new LoudnessMeterOptions { SkipBlocksThatCannotRaiseTruePeak = false }));
        double oursLoudnessOnly = Best(() => TestSignals.Measure(Fs, x, Block, options: LoudnessMeterOptions.LoudnessOnly));
        LibEbur128.Result? reference = null;
        double theirs = Best(() => reference = LibEbur128.Measure(x, Fs));

        output.WriteLine($"meter (true peak, skip):    {Seconds / ours:F0}x realtime ({ours:F3} s)");
        output.WriteLine($"meter (true peak, no skip): {Seconds / oursEveryBlock:F0}x realtime ({oursEveryBlock:F3} s)");
        output.WriteLine($"meter (loudness only):      {Seconds / oursLoudnessOnly:F0}x realtime ({oursLoudnessOnly:F3} s)");
        output.WriteLine($"libebur128 (all modes):     {Seconds / theirs:F0}x realtime ({theirs:F3} s)");
        output.WriteLine($"ratio: {theirs / ours:F2}x (skip), {theirs / oursEveryBlock:F2}x (no skip)");
        output.WriteLine($"integrated {meter!.IntegratedLufs:F3} vs {reference!.IntegratedLufs:F3}; blocks skipped {meter.TruePeakBlocksSkipped}, interpolated {meter.TruePeakBlocksInterpolated}");
        Assert.True(ours < theirs, $"ours {ours:F3} s, libebur128 {theirs:F3} s");
        Assert.True(oursEveryBlock < theirs, $"ours without skip {oursEveryBlock:F3} s, libebur128 {theirs:F3} s");
    }
}
