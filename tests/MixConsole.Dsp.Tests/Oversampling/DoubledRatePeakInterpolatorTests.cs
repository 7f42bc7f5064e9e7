using MixConsole.Dsp.Oversampling;
using MixConsole.Dsp.Tests.Mastering;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Oversampling;

public class DoubledRatePeakInterpolatorTests(ITestOutputHelper output)
{
    // The limiter's sharper half-band is flat to 0.4925 of the base rate: the detector must be accurate up to there.
    private const double PassbandEdge = 0.4925;

    private static DoubledRatePeakInterpolator Prepared(int maxBlock = 4096)
    {
        var d = new DoubledRatePeakInterpolator();
        d.Prepare(maxBlock);
        return d;
    }

    /// <summary>A sine of <paramref name="cyclesPerSample"/> (base rate) sampled exactly at the doubled rate, as even and odd streams.</summary>
    private static (float[] Even, float[] Odd) DoubledSine(int frames, double cyclesPerSample, double amplitude, double phase)
    {
        float[] even = new float[frames], odd = new float[frames];
        for (int i = 0; i < frames; i++)
        {
            even[i] = (float)(amplitude * Math.Sin(2 * Math.PI * cyclesPerSample * i + phase));
            odd[i] = (float)(amplitude * Math.Sin(2 * Math.PI * cyclesPerSample * (i + 0.5) + phase));
        }
        return (even, odd);
    }

    [Fact]
    public void WorstUnderRead_OnSinesUpToTheHalfBandPassbandEdge_ErrsByUnderAHundredthOfADb()
    {
        // Reference: the sine itself at the same 16 points per base interval (so only the interpolation error counts),
        // and its true amplitude (which adds the 16-point grid's own under-read, the same for any 16x detector).
        var rng = new Random(2025);
        const int Frames = 96;
        double worstVsPoints = 0, worstOverVsPoints = 0, worstVsAmplitude = 0;
        var detector = Prepared();
        var peaks = new float[Frames];
        for (double f = 0.01; f <= PassbandEdge + 1e-9; f += 0.0025)
        {
            for (int trial = 0; trial < 16; trial++)
            {
                double phase = rng.NextDouble() * 2 * Math.PI;
                var (even, odd) = DoubledSine(Frames, f, 0.5, phase);
                detector.Reset();
                detector.Process(even, odd, peaks, accumulate: false);
                for (int i = 24; i < Frames; i++)
                {
                    // peaks[i] covers (m - 1, m] of the base rate, m = i - latency: the 16 points m - 15/16 .. m.
                    int m = i - DoubledRatePeakInterpolator.LatencyFrames;
                    double exact = 0;
                    for (int p = 0; p < 16; p++)
                        exact = Math.Max(exact, Math.Abs(0.5 * Math.Sin(2 * Math.PI * f * (m - p / 16.0) + phase)));
                    // Error as a share of the amplitude: what moves a limiter's gain when this interval is the loudest.
                    double db = 20 * Math.Log10(1 + (peaks[i] - exact) / 0.5);
                    worstVsPoints = Math.Min(worstVsPoints, db);
                    worstOverVsPoints = Math.Max(worstOverVsPoints, db);
                }
                float max = 0;
                for (int i = 24; i < Frames; i++) max = Math.Max(max, peaks[i]);
                worstVsAmplitude = Math.Min(worstVsAmplitude, 20 * Math.Log10(max / 0.5));
            }
        }
        output.WriteLine($"per interval vs the exact 16 points: {worstVsPoints:F4} .. +{worstOverVsPoints:F4} dB; block peak vs amplitude: worst {worstVsAmplitude:F4} dB");
        Assert.True(worstVsPoints > -0.012, $"under-read {worstVsPoints:F4} dB");
        Assert.True(worstOverVsPoints < 0.012, $"over-read {worstOverVsPoints:F4} dB");
        Assert.True(worstVsAmplitude > -0.05, $"under-read against the amplitude {worstVsAmplitude:F4} dB");
    }

    [Fact]
    public void OnHalfBandUpsampledNoise_ReadsAsThe32TapInterpolatorDoes()
    {
        // Full-band noise through the limiter's sharp half-band, then both detectors on the doubled signal.
        const int Frames = 20000;
        float[] x = Signals.Noise(Frames, 11, 0.9);
        var upsampler = new HalfBandUpsampler(0.015);
        upsampler.Prepare(1, Frames);
        float[] even = new float[Frames], odd = new float[Frames], doubled = new float[2 * Frames];
        upsampler.Process(0, x, even, odd);
        for (int i = 0; i < Frames; i++) { doubled[2 * i] = even[i]; doubled[2 * i + 1] = odd[i]; }

        var shortPeaks = new float[Frames];
        Prepared().Process(even, odd, shortPeaks, accumulate: false);
        var longInterpolator = new TruePeakInterpolator();
        longInterpolator.Prepare(96000, 2 * Frames);
        var longPeaks = new float[2 * Frames];
        longInterpolator.Process(doubled, longPeaks);

        // The 32-tap interpolator's pair (2n, 2n + 1) covers the same base interval as the short one's output n - shift.
        int shift = (TruePeakInterpolator.Latency - 1) / 2 - DoubledRatePeakInterpolator.LatencyFrames;
        double worstUnder = 0, worstOver = 0, loudest = 0;
        for (int n = 800; n < 2 * Frames; n++) loudest = Math.Max(loudest, longPeaks[n]);
        for (int n = 400; n < Frames; n++)
        {
            // Difference as a share of the programme's peak: what a limiter at that level would see.
            double reference = Math.Max(longPeaks[2 * n], longPeaks[2 * n + 1]);
            double db = 20 * Math.Log10(1 + (shortPeaks[n - shift] - reference) / loudest);
            worstUnder = Math.Min(worstUnder, db);
            worstOver = Math.Max(worstOver, db);
        }
        output.WriteLine($"8-tap vs 32-tap per base interval on half-band noise: {worstUnder:F4} .. +{worstOver:F4} dB");
        Assert.InRange(worstUnder, -0.012, 0);
        Assert.InRange(worstOver, 0, 0.012);
    }

    [Fact]
    public void ExactSamples_AreAlwaysIncluded()
    {
        var rng = new Random(5);
        float[] even = new float[3000], odd = new float[3000];
        for (int i = 0; i < even.Length; i++) { even[i] = (float)(rng.NextDouble() * 2 - 1); odd[i] = (float)(rng.NextDouble() * 2 - 1); }
        var peaks = new float[even.Length];
        Prepared().Process(even, odd, peaks, accumulate: false);
        int m = DoubledRatePeakInterpolator.LatencyFrames;
        for (int i = m + 1; i < even.Length; i++)
        {
            Assert.True(peaks[i] >= Math.Abs(even[i - m]));
            Assert.True(peaks[i] >= Math.Abs(odd[i - m - 1]));
        }
    }

    [Fact]
    public void Output_DoesNotDependOnBlockSplitOrVectorWidthPath_AndAccumulateTakesTheMaximum()
    {
        var rng = new Random(9);
        float[] even = new float[5000], odd = new float[5000];
        for (int i = 0; i < even.Length; i++)
        {
            even[i] = (float)(Math.Sin(i * 0.37) * 0.7 + (rng.NextDouble() - 0.5) * 0.2);
            odd[i] = (float)(Math.Sin((i + 0.5) * 0.37) * 0.7 + (rng.NextDouble() - 0.5) * 0.2);
        }
        var whole = new float[even.Length];
        Prepared(1024).Process(even, odd, whole, accumulate: false);
        foreach (int block in new[] { 1, 3, 7, 64, 333 })
        {
            var d = Prepared(500);
            var split = new float[even.Length];
            for (int off = 0; off < even.Length; off += block)
            {
                int n = Math.Min(block, even.Length - off);
                d.Process(even.AsSpan(off, n), odd.AsSpan(off, n), split.AsSpan(off, n), accumulate: false);
            }
            Assert.Equal(whole, split);
        }

        var floor = new float[even.Length];
        for (int i = 0; i < floor.Length; i++) floor[i] = (i % 3) * 0.4f;
        var raised = (float[])floor.Clone();
        Prepared(1024).Process(even, odd, raised, accumulate: true);
        for (int i = 0; i < floor.Length; i++) Assert.Equal(Math.Max(floor[i], whole[i]), raised[i]);
    }

    [Fact]
    public void NoPoint_ExceedsTheL1NormBound_WhichIsNearlyReached()
    {
        // Signs matched to each phase's taps reach that phase's sum of |coefficients|: the bound is tight, not loose.
        float bound = DoubledRatePeakInterpolator.MaxPhaseL1Norm;
        float worst = 0;
        var rng = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            float[] even = new float[64], odd = new float[64];
            for (int i = 0; i < 64; i++) { even[i] = rng.Next(2) == 0 ? 1f : -1f; odd[i] = rng.Next(2) == 0 ? 1f : -1f; }
            var peaks = new float[64];
            Prepared().Process(even, odd, peaks, accumulate: false);
            foreach (float p in peaks) worst = Math.Max(worst, p);
        }
        output.WriteLine($"L1 bound {bound:F4}, largest point on random full-scale signs {worst:F4}");
        Assert.True(worst <= bound * 1.00001f, $"{worst} > {bound}");
        Assert.True(worst > 1f + 0.5f * (bound - 1f), $"{worst} far under the bound {bound}");
    }

    [Fact]
    public void Skip_KeepsHistorySoLaterOutputIsUnchanged()
    {
        var (even, odd) = DoubledSine(3000, 0.21, 0.6, 0.3);
        var a = Prepared();
        var b = Prepared();
        var scratch = new float[2000];
        float[] pa = new float[1000], pb = new float[1000];
        a.Process(even.AsSpan(0, 2000), odd.AsSpan(0, 2000), scratch, accumulate: false);
        b.Skip(even.AsSpan(0, 1998), odd.AsSpan(0, 1998));
        b.Skip(even.AsSpan(1998, 2), odd.AsSpan(1998, 2));
        a.Process(even.AsSpan(2000), odd.AsSpan(2000), pa, accumulate: false);
        b.Process(even.AsSpan(2000), odd.AsSpan(2000), pb, accumulate: false);
        Assert.Equal(pa, pb);
    }

    [Fact]
    public void HistoryAbsMax_CoversEverySampleTheNextOutputsReadBack()
    {
        var d = Prepared();
        float[] even = new float[40], odd = new float[40];
        odd[40 - DoubledRatePeakInterpolator.TapsPerPhase / 2] = -0.8f; // the oldest odd sample still read
        even[39] = 0.3f;
        d.Process(even, odd, new float[40], accumulate: false);
        Assert.Equal(0.8f, d.HistoryAbsMax());
    }
}
