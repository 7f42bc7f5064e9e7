using MixConsole.Dsp.Mastering;
using Xunit;

namespace MixConsole.Dsp.Tests.Mastering;

public class ImagerTests
{
    private static double Correlation(float[] l, float[] r, int start)
    {
        double lr = 0, ll = 0, rr = 0;
        for (int i = start; i < l.Length; i++) { lr += l[i] * r[i]; ll += l[i] * l[i]; rr += r[i] * r[i]; }
        return lr / Math.Sqrt(ll * rr);
    }

    private static (float[] L, float[] R) PartlyCorrelated(int frames)
    {
        float[] common = Signals.Noise(frames, 11, 0.5), a = Signals.Noise(frames, 12, 0.3), b = Signals.Noise(frames, 13, 0.3);
        float[] l = new float[frames], r = new float[frames];
        for (int i = 0; i < frames; i++) { l[i] = common[i] + a[i]; r[i] = common[i] + b[i]; }
        return (l, r);
    }

    [Fact]
    public void Imager_MonoFoldDown_IsUnchangedAtAnyWidth()
    {
        var (l, r) = PartlyCorrelated(24000);
        var imager = new StereoImager { BassMono = true };
        imager.SetWidthPercent(1, 180);
        imager.SetWidthPercent(2, 40);
        float[][] y = Signals.Run(imager, [l, r], 512);
        // The mid is the allpass-filtered input mid: compare magnitudes through the unity-width network.
        var reference = new StereoImager { BassMono = false };
        float[][] flat = Signals.Run(reference, [l, r], 512);
        for (int i = 0; i < l.Length; i++) Assert.InRange(y[0][i] + y[1][i] - (flat[0][i] + flat[1][i]), -1e-5, 1e-5);
    }

    [Fact]
    public void Imager_ZeroWidth_IsMono_AndBassMonoRemovesLowSide()
    {
        var (l, r) = PartlyCorrelated(24000);
        var imager = new StereoImager { BassMono = false };
        for (int b = 0; b < 3; b++) imager.SetWidthPercent(b, 0);
        float[][] y = Signals.Run(imager, [l, r], 256);
        for (int i = 0; i < l.Length; i++) Assert.Equal(y[0][i], y[1][i]);

        // Side-only 30 Hz with bass mono at 120 Hz: down by the LR4 slope (> 34 dB); side-only 1 kHz: kept.
        float[] low = Signals.Sine(24000, 30, 48000, 0.5), high = Signals.Sine(24000, 1000, 48000, 0.5);
        float[] lowNeg = [.. low.Select(v => -v)], highNeg = [.. high.Select(v => -v)];
        var bassMono = new StereoImager { BassMono = true, MonoBelowHz = 120 };
        float[][] yl = Signals.Run(bassMono, [low, lowNeg], 256);
        float[][] yh = Signals.Run(new StereoImager { BassMono = true, MonoBelowHz = 120 }, [high, highNeg], 256);
        Assert.True(Signals.Rms(yl[0], 12000, 24000) < 0.5 * 0.707 * 0.02, "30 Hz side survived bass mono");
        Assert.Equal(0.5 * Math.Sqrt(0.5), Signals.Rms(yh[0], 12000, 24000), 2);
    }

    [Fact]
    public void Imager_Widening_IsCorrelationSafe()
    {
        var (l, r) = PartlyCorrelated(48000);
        double before = Correlation(l, r, 0);
        var imager = new StereoImager { BassMono = false };
        for (int b = 0; b < 3; b++) imager.SetWidthPercent(b, 200);
        float[][] y = Signals.Run(imager, [l, r], 256);
        double after = Correlation(y[0], y[1], 4800);
        Assert.True(after < before - 0.1, $"not wider: {before:F2} -> {after:F2}");
        Assert.True(after >= -0.02, $"correlation went negative: {after:F3}");

        // Independent noise in L and R (correlation ~0): widening must not push it negative.
        float[] a = Signals.Noise(48000, 21, 0.5), b2 = Signals.Noise(48000, 22, 0.5);
        var wide = new StereoImager { BassMono = false };
        for (int b = 0; b < 3; b++) wide.SetWidthPercent(b, 200);
        float[][] z = Signals.Run(wide, [a, b2], 256);
        Assert.True(Correlation(z[0], z[1], 4800) >= -0.05);
    }

    [Fact]
    public void Imager_Output_IsIdenticalForAnyBlockSize()
    {
        var (l, r) = PartlyCorrelated(9000);
        static StereoImager Make() { var m = new StereoImager(); m.SetWidthPercent(1, 150); m.SetWidthPercent(2, 70); return m; }
        float[][] reference = Signals.Run(Make(), [l, r], 4096);
        foreach (int block in new[] { 1, 7, 32 })
            Signals.AssertIdentical(reference, Signals.Run(Make(), [l, r], block), $"block {block}");
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void Imager_SteadyPath_IsBitIdenticalToTheGeneralLoop_ThroughNarrowingGlidesAndWidening(int bands, bool bassMono)
    {
        var rng = new Random(bands);
        const int n = 48000;
        float[] l = new float[n], r = new float[n];
        for (int i = 0; i < n; i++) { l[i] = (float)(rng.NextDouble() - 0.5); r[i] = (float)(0.1 * l[i] + (rng.NextDouble() - 0.5)); } // nearly uncorrelated: the widening limit binds, so the tracked powers shape it
        float[][] Run(bool steady)
        {
            var imager = new StereoImager { BandCount = bands, BassMono = bassMono, SteadyPath = steady };
            var output = new float[2][] { new float[n], new float[n] };
            imager.Prepare(new Dsp.Core.ProcessSpec(48000, 64, 2));
            var buffer = new Dsp.Core.AudioBuffer(2, 64);
            for (int start = 0, block = 0; start < n; start += 64, block++)
            {
                // Steady at 100 %, narrowed, widened (the powers tracked on the steady path then shape the output), back.
                if (block == 100) imager.SetWidthPercent(bands - 1, 40);
                if (block == 250) imager.SetWidthPercent(1, 180);
                if (block == 450) imager.SetWidthPercent(1, 100);
                l.AsSpan(start, 64).CopyTo(buffer.Channel(0, 64));
                r.AsSpan(start, 64).CopyTo(buffer.Channel(1, 64));
                imager.Process(buffer, 64);
                buffer.Channel(0, 64).CopyTo(output[0].AsSpan(start));
                buffer.Channel(1, 64).CopyTo(output[1].AsSpan(start));
            }
            return output;
        }
        Signals.AssertIdentical(Run(steady: false), Run(steady: true), $"{bands} bands, bass mono {bassMono}");
    }

    [Fact]
    public void Imager_ProcessAllocatesNothing() => Signals.AssertProcessAllocatesNothing(new StereoImager());
}
