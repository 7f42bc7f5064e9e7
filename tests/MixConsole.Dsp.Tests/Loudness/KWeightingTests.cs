using MixConsole.Dsp.Loudness;
using Xunit;

namespace MixConsole.Dsp.Tests.Loudness;

public class KWeightingTests
{
    [Fact]
    public void Design_At48k_ReproducesBs1770CoefficientTable()
    {
        var c = KWeighting.Design(48000);
        const double Tol = 1e-12;
        Assert.Equal(1.53512485958697, c.ShelfB0, Tol);
        Assert.Equal(-2.69169618940638, c.ShelfB1, Tol);
        Assert.Equal(1.19839281085285, c.ShelfB2, Tol);
        Assert.Equal(-1.69065929318241, c.ShelfA1, Tol);
        Assert.Equal(0.73248077421585, c.ShelfA2, Tol);
        Assert.Equal(1.0, c.HighPassB0);
        Assert.Equal(-2.0, c.HighPassB1);
        Assert.Equal(1.0, c.HighPassB2);
        Assert.Equal(-1.99004745483398, c.HighPassA1, Tol);
        Assert.Equal(0.99007225036621, c.HighPassA2, Tol);
    }

    [Theory]
    [InlineData(32000)]
    [InlineData(44100)]
    [InlineData(88200)]
    [InlineData(96000)]
    [InlineData(192000)]
    public void Design_AtOtherRates_MatchesThe48kCurveWhereBothAreDefined(int fs)
    {
        var reference = KWeighting.Design(48000);
        var c = KWeighting.Design(fs);
        // Bilinear warping grows towards Nyquist; below 8 kHz every rate agrees within 0.05 dB.
        foreach (double f in new[] { 20.0, 30, 50, 100, 200, 500, 1000, 1500, 2000, 3000, 5000, 8000 })
            Assert.Equal(reference.MagnitudeDb(f, 48000), c.MagnitudeDb(f, fs), 0.05);
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(96000)]
    public void Response_HasTheKWeightingShape(int fs)
    {
        var c = KWeighting.Design(fs);
        Assert.InRange(c.MagnitudeDb(997, fs), 0.55, 0.75);     // the -0.691 offset cancels this at 1 kHz
        Assert.InRange(c.MagnitudeDb(10000, fs), 3.9, 4.6);    // the +4 dB head shelf
        Assert.InRange(c.MagnitudeDb(20, fs), -15, -12);       // the RLB high-pass
    }

    [Theory]
    [InlineData(44100, 60.0)]
    [InlineData(48000, 997.0)]
    [InlineData(96000, 6000.0)]
    public void Filter_PowerOfASineMatchesTheAnalyticMagnitude(int fs, double frequencyHz)
    {
        var filter = new KWeightingFilter(fs);
        var x = new float[fs * 2];
        for (int n = 0; n < x.Length; n++)
            x[n] = (float)Math.Sin(2 * Math.PI * frequencyHz * n / fs);
        filter.ProcessSumOfSquares(x.AsSpan(0, fs)); // settle
        double meanSquare = filter.ProcessSumOfSquares(x.AsSpan(fs)) / fs;
        double gainDb = 10 * Math.Log10(meanSquare / 0.5);
        Assert.Equal(filter.Coefficients.MagnitudeDb(frequencyHz, fs), gainDb, 0.01);
    }

    [Fact]
    public void PairedFiltering_EqualsOneChannelAtATime()
    {
        var rng = new Random(3);
        var a = new float[1000];
        var b = new float[1000];
        for (int i = 0; i < a.Length; i++) { a[i] = (float)rng.NextDouble() - 0.5f; b[i] = (float)rng.NextDouble() - 0.5f; }
        var fa = new KWeightingFilter(48000);
        var fb = new KWeightingFilter(48000);
        var sa = new KWeightingFilter(48000);
        var sb = new KWeightingFilter(48000);
        // Two calls: the state each leaves behind carries the same bits too.
        foreach (var (from, to) in new[] { (0, 600), (600, 1000) })
        {
            KWeightingFilter.ProcessPairSumOfSquares(fa, a.AsSpan(from..to), fb, b.AsSpan(from..to), out double pa, out double pb);
            Assert.Equal(sa.ProcessSumOfSquares(a.AsSpan(from..to)), pa);
            Assert.Equal(sb.ProcessSumOfSquares(b.AsSpan(from..to)), pb);
        }
        Assert.True(fa.SameState(sa) && fb.SameState(sb));
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    public void Filter_EqualsTheGeneralDirectFormOfItsCoefficients_BitForBit(int fs)
    {
        var rng = new Random(fs);
        var x = new float[4000];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() - 0.5) * (i % 997 < 500 ? 1f : 1e-3f);
        var filter = new KWeightingFilter(fs);
        KWeightingCoefficients c = filter.Coefficients;
        double x1 = 0, x2 = 0, s1 = 0, s2 = 0, h1 = 0, h2 = 0, sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double s = c.ShelfB0 * x[i] + c.ShelfB1 * x1 + c.ShelfB2 * x2 - c.ShelfA2 * s2;
            s = Math.FusedMultiplyAdd(-c.ShelfA1, s1, s);
            double h = c.HighPassB0 * s + c.HighPassB1 * s1 + c.HighPassB2 * s2 - c.HighPassA2 * h2;
            h = Math.FusedMultiplyAdd(-c.HighPassA1, h1, h);
            sum = Math.FusedMultiplyAdd(h, h, sum);
            x2 = x1; x1 = x[i]; s2 = s1; s1 = s; h2 = h1; h1 = h;
        }
        Assert.Equal(sum, filter.ProcessSumOfSquares(x));
    }
}
