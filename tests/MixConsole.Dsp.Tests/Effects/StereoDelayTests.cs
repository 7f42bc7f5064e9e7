using MixConsole.Dsp.Core;
using MixConsole.Dsp.Effects;
using MixConsole.Dsp.Filters;
using Xunit;

namespace MixConsole.Dsp.Tests.Effects;

public class StereoDelayTests
{
    private const double Fs = 48000;

    private static (float[] Left, float[] Right) Run(StereoDelay delay, float[] left, float[] right, int block = 32)
    {
        float[] outL = new float[left.Length], outR = new float[right.Length];
        for (int start = 0; start < left.Length; start += block)
        {
            int n = Math.Min(block, left.Length - start);
            delay.Process(left.AsSpan(start, n), right.AsSpan(start, n), outL.AsSpan(start, n), outR.AsSpan(start, n));
        }
        return (outL, outR);
    }

    private static StereoDelay Make(Action<StereoDelay> configure)
    {
        var delay = new StereoDelay();
        configure(delay);
        delay.Prepare(new ProcessSpec(Fs, 32, 2));
        return delay;
    }

    private static double BurstLevelAt(float[] x, int centre, double f) => TestSignals.AmplitudeAt(x.AsSpan(centre - 960, 1920), f, Fs, 0);

    [Fact]
    public void Echoes_ArriveAtTheSetTimes_AndFallByTheFeedback_TimesTheLoopFilters()
    {
        var delay = Make(d => { d.SetTimesMs(250, 400); d.Feedback = 0.5f; d.LowCutHz = 100; d.HighCutHz = 10000; });
        var burst = new float[96000];
        TestSignals.Sine(1000, Fs, 4800, 0.5).CopyTo(burst, 0);
        var (left, right) = Run(delay, burst, burst);
        double loop = BiquadDesign.HighPass(Fs, 100, Math.Sqrt(0.5)).Magnitude(1000, Fs) * BiquadDesign.LowPass(Fs, 10000, Math.Sqrt(0.5)).Magnitude(1000, Fs);
        Assert.True(TestSignals.Peak(left.AsSpan(0, 12000)) < 1e-6);
        Assert.Equal(0.5 * loop, BurstLevelAt(left, 12000 + 2400, 1000), 3);
        Assert.Equal(0.5 * 0.5 * loop * loop, BurstLevelAt(left, 24000 + 2400, 1000), 3);
        Assert.Equal(0.5 * loop, BurstLevelAt(right, 19200 + 2400, 1000), 3);
        Assert.True(TestSignals.Peak(right.AsSpan(4800, 14000)) < 1e-6);
    }

    [Fact]
    public void HighCut_DarkensEachRepeat()
    {
        var delay = Make(d => { d.SetTimesMs(200, 200); d.Feedback = 0.7f; d.LowCutHz = 20; d.HighCutHz = 3000; });
        var burst = new float[48000];
        TestSignals.Sine(8000, Fs, 2400, 0.5).CopyTo(burst, 0);
        var (left, _) = Run(delay, burst, burst);
        double cut = BiquadDesign.LowPass(Fs, 3000, Math.Sqrt(0.5)).Magnitude(8000, Fs);
        double first = BurstLevelAt(left, 9600 + 1200, 8000), second = BurstLevelAt(left, 19200 + 1200, 8000);
        Assert.Equal(TestSignals.Db(0.7 * cut), TestSignals.Db(second / first), 1);
    }

    [Fact]
    public void TempoSync_SetsNoteLengths()
    {
        Assert.Equal(500, TempoSync.NoteMs(120, NoteValue.Quarter), 9);
        Assert.Equal(375, TempoSync.NoteMs(120, NoteValue.DottedEighth), 9);
        Assert.Equal(1000.0 / 3, TempoSync.NoteMs(120, NoteValue.QuarterTriplet), 9);
        var delay = Make(d => d.SetTempoSync(120, NoteValue.DottedEighth, NoteValue.Quarter));
        Assert.Equal(375f, delay.TimeLeftMs);
        Assert.Equal(500f, delay.TimeRightMs);
    }

    [Fact]
    public void PingPong_AlternatesLeftRightLeft()
    {
        var delay = Make(d => { d.SetTimesMs(100, 100); d.Feedback = 0.6f; d.PingPong = true; d.LowCutHz = 20; d.HighCutHz = 20000; });
        var burst = new float[24000];
        TestSignals.Sine(1000, Fs, 960, 0.5).CopyTo(burst, 0);
        var (left, right) = Run(delay, burst, new float[burst.Length]);
        // The mono sum (half of the left-only burst) goes left first.
        double l1 = TestSignals.Rms(left.AsSpan(4800, 960)), r1 = TestSignals.Rms(right.AsSpan(4800, 960));
        double l2 = TestSignals.Rms(left.AsSpan(9600, 960)), r2 = TestSignals.Rms(right.AsSpan(9600, 960));
        double l3 = TestSignals.Rms(left.AsSpan(14400, 960)), r3 = TestSignals.Rms(right.AsSpan(14400, 960));
        Assert.True(l1 > 0.1 && r1 < 1e-4, $"first echo L {l1} R {r1}");
        Assert.True(r2 > 0.05 && l2 < 1e-4, $"second echo L {l2} R {r2}");
        Assert.True(l3 > 0.03 && r3 < 1e-4, $"third echo L {l3} R {r3}");
    }

    [Fact]
    public void ExtremeSettings_StayFiniteAndBounded()
    {
        var delay = Make(d => { d.SetTimesMs(1, 4000); d.Feedback = 5f; d.LowCutHz = 1; d.HighCutHz = 96000; });
        float[] noise = TestSignals.Noise(480000, 17, 1.0);
        var (left, right) = Run(delay, noise, noise);
        Assert.All(left, v => Assert.True(float.IsFinite(v)));
        Assert.True(TestSignals.Peak(left) < 60 && TestSignals.Peak(right) < 60);
        Assert.Equal(StereoDelay.MaxFeedback, delay.Feedback);
    }

    [Fact]
    public void StereoDelay_BlockSplitAnywhere_GivesTheSameOutput_AndAllocatesNothing()
    {
        float[] input = TestSignals.Noise(24000, 2);
        StereoDelay Configure() => Make(d => { d.SetTimesMs(33.3f, 71.9f); d.Feedback = 0.8f; d.PingPong = true; d.Mix = 0.6f; });
        var (expectedL, expectedR) = Run(Configure(), input, input, 32);
        var split = Configure();
        float[] outL = new float[input.Length], outR = new float[input.Length];
        var random = new Random(4);
        for (int start = 0; start < input.Length;)
        {
            int n = Math.Min(random.Next(1, 64), input.Length - start);
            split.Process(input.AsSpan(start, n), input.AsSpan(start, n), outL.AsSpan(start, n), outR.AsSpan(start, n));
            start += n;
        }
        Assert.Equal(expectedL, outL);
        Assert.Equal(expectedR, outR);

        float[] l = new float[32], r = new float[32];
        Allocations.AssertNone(() => split.Process(l, r, l, r), calls: 10_000, what: "StereoDelay.Process (32 stereo frames)");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BlockPath_MatchesTheSampleLoop_ThroughGlidesAndPingPong(bool pingPong)
    {
        // 2048-frame blocks are longer than the 20 ms delay, so they take the sample-by-sample loop; 32-frame blocks
        // read every tap before writing. Both must give the same samples, also while the time glides.
        float[] left = TestSignals.Noise(48000, 5), right = TestSignals.Noise(48000, 6);
        StereoDelay Configure()
        {
            var d = new StereoDelay();
            d.SetTimesMs(20f, 27.5f);
            d.Feedback = 0.7f;
            d.PingPong = pingPong;
            d.Mix = 0.5f;
            d.Prepare(new ProcessSpec(Fs, 2048, 2));
            return d;
        }

        (float[], float[]) Render(int block)
        {
            var d = Configure();
            float[] outL = new float[left.Length], outR = new float[left.Length];
            for (int start = 0; start < left.Length; start += block)
            {
                if (start == 24576) d.SetTimesMs(45f, 21f);
                int n = Math.Min(block, left.Length - start);
                d.Process(left.AsSpan(start, n), right.AsSpan(start, n), outL.AsSpan(start, n), outR.AsSpan(start, n));
            }

            return (outL, outR);
        }

        var (sampleL, sampleR) = Render(2048);
        var (blockL, blockR) = Render(32);
        Assert.Equal(sampleL, blockL);
        Assert.Equal(sampleR, blockR);
    }

    [Fact]
    public void MonoInPlace_BlockPath_MatchesTheSampleLoop()
    {
        float[] x = TestSignals.Noise(9600, 7);
        float[] Render(int block)
        {
            var d = Make(d => { d.SetTimesMs(20f, 30f); d.Feedback = 0.5f; d.Mix = 0.7f; });
            d.Prepare(new ProcessSpec(Fs, 2048, 1));
            var buffer = new AudioBuffer(1, 2048);
            var y = new float[x.Length];
            for (int start = 0; start < x.Length; start += block)
            {
                int n = Math.Min(block, x.Length - start);
                x.AsSpan(start, n).CopyTo(buffer.Channel(0));
                d.Process(buffer, n);
                buffer.Channel(0, n).CopyTo(y.AsSpan(start));
            }

            return y;
        }

        Assert.Equal(Render(2048), Render(32));
    }
}
