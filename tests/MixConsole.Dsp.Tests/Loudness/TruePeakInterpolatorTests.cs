using MixConsole.Dsp.Oversampling;
using Xunit;

namespace MixConsole.Dsp.Tests.Loudness;

public class TruePeakInterpolatorTests
{
    private static TruePeakInterpolator Prepared(double fs = 48000, int maxBlock = 4096)
    {
        var tp = new TruePeakInterpolator();
        tp.Prepare(fs, maxBlock);
        return tp;
    }

    private static float[] Sine(int length, double cyclesPerSample, double amplitude, double phase)
    {
        var x = new float[length];
        for (int n = 0; n < length; n++)
            x[n] = (float)(amplitude * Math.Sin(2 * Math.PI * cyclesPerSample * n + phase));
        return x;
    }

    [Fact]
    public void WorstCaseUnderRead_SinesFrom005To045Fs_IsBelowTwoTenthsDb()
    {
        // Short windows (~70 periods of steady state at most) so lucky phases do not hide the worst case.
        var rng = new Random(2024);
        double worstUnder = 0, worstOver = 0;
        var tp = Prepared(maxBlock: 256);
        var peaks = new float[160];
        for (double f = 0.05; f <= 0.4500001; f += 0.005)
        {
            for (int trial = 0; trial < 24; trial++)
            {
                tp.Reset();
                var x = Sine(160, f, 0.5, rng.NextDouble() * 2 * Math.PI);
                tp.Process(x, peaks);
                float max = 0;
                for (int n = TruePeakInterpolator.TapsPerPhase + 8; n < 140; n++)
                    max = Math.Max(max, peaks[n]);
                double db = 20 * Math.Log10(max / 0.5);
                worstUnder = Math.Min(worstUnder, db);
                worstOver = Math.Max(worstOver, db);
            }
        }
        Assert.True(worstUnder > -0.2, $"worst under-read {worstUnder:F3} dB");
        Assert.True(worstOver < 0.05, $"worst over-read {worstOver:F3} dB");
    }

    [Fact]
    public void PeakPerSample_CoversTheIntervalEndingAtTheSampleLatencyAgo()
    {
        const double F = 0.31, A = 0.8, Phase = 0.4;
        var x = Sine(400, F, A, Phase);
        var peaks = new float[400];
        Prepared().Process(x, peaks);
        int latency = TruePeakInterpolator.LatencyFrames;
        for (int n = 80; n < 380; n++)
        {
            // The analytic maximum of |x(t)| over [n - latency - 7/8, n - latency], the span the
            // eight points (seven interpolated, one sample) of this interval cover.
            double exact = 0;
            for (int i = 0; i <= 350; i++)
            {
                double t = n - latency - 0.875 + i / 400.0;
                exact = Math.Max(exact, Math.Abs(A * Math.Sin(2 * Math.PI * F * t + Phase)));
            }
            double db = 20 * Math.Log10(peaks[n] / exact);
            Assert.InRange(db, -0.2, 0.05);
        }
    }

    [Fact]
    public void ExactSamples_AreAlwaysIncluded()
    {
        var rng = new Random(5);
        var x = new float[3000];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        var peaks = new float[x.Length];
        Prepared().Process(x, peaks);
        int latency = TruePeakInterpolator.LatencyFrames;
        for (int n = latency; n < x.Length; n++)
            Assert.True(peaks[n] >= Math.Abs(x[n - latency]));
    }

    [Fact]
    public void Output_DoesNotDependOnBlockSplitOrVectorWidthPath()
    {
        var rng = new Random(9);
        var x = new float[5000];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)(Math.Sin(i * 0.37) * 0.7 + (rng.NextDouble() - 0.5) * 0.2);
        var whole = new float[x.Length];
        Prepared(maxBlock: 1024).Process(x, whole);
        foreach (int block in new[] { 1, 3, 7, 64, 333 })
        {
            var tp = Prepared(maxBlock: 500);
            var split = new float[x.Length];
            for (int off = 0; off < x.Length; off += block)
            {
                int n = Math.Min(block, x.Length - off);
                tp.Process(x.AsSpan(off, n), split.AsSpan(off, n));
            }
            Assert.Equal(whole, split);
        }
    }

    [Fact]
    public void ProcessMax_EqualsTheLargestPerSamplePeak()
    {
        var x = Sine(2000, 0.43, 0.9, 1.1);
        var peaks = new float[x.Length];
        Prepared().Process(x, peaks);
        Assert.Equal(peaks.Max(), Prepared().ProcessMax(x));
    }

    [Fact]
    public void NoInterpolatedPoint_ExceedsTheL1NormBound()
    {
        // Alternating full-scale signs excite the largest sum of |coefficients| the bound promises.
        var x = new float[400];
        for (int i = 0; i < x.Length; i++)
            x[i] = (i * 7 % 5) < 2 ? 1f : -1f;
        float max = Prepared().ProcessMax(x);
        Assert.True(max <= TruePeakInterpolator.MaxPhaseL1Norm * 1.00001f, $"{max} > {TruePeakInterpolator.MaxPhaseL1Norm}");
        Assert.True(max > 1.0f);
    }

    [Fact]
    public void Skip_KeepsHistorySoLaterOutputIsUnchanged()
    {
        var x = Sine(3000, 0.21, 0.6, 0.3);
        var a = Prepared();
        var b = Prepared();
        var pa = new float[1000];
        var pb = new float[1000];
        a.ProcessMax(x.AsSpan(0, 2000));
        b.Skip(x.AsSpan(0, 1990));
        b.Skip(x.AsSpan(1990, 10));
        a.Process(x.AsSpan(2000), pa);
        b.Process(x.AsSpan(2000), pb);
        Assert.Equal(pa, pb);
    }
}
