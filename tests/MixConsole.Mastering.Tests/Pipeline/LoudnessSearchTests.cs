using MixConsole.Mastering.Pipeline;

namespace MixConsole.Mastering.Tests.Pipeline;

public class LoudnessSearchTests
{
    // A limiter-like curve: one-for-one below -12 LUFS, flattening above (slope falls toward 0.2).
    private static double Limited(double gainDb) => gainDb - 20 - 0.8 * Math.Log(1 + Math.Exp(gainDb - 8));

    [Theory]
    [InlineData(-23)]
    [InlineData(-14)]
    [InlineData(-9)]
    [InlineData(-7)]
    public void Search_ConvergesWithinFivePasses_OnALimiterCurve(double target)
    {
        var search = new LoudnessSearch(target, 0.05);
        double gain = target + 20;
        int passes = 0;
        while (true)
        {
            passes++;
            search.Record(gain, Limited(gain));
            if (search.Converged) break;
            gain = search.NextGainDb();
            Assert.True(passes < 5, $"not converged after {passes} passes (error {search.LastErrorLu:0.000} LU)");
        }
        Assert.InRange(Limited(gain), target - 0.05, target + 0.05);
    }

    [Fact]
    public void Search_InterpolatesBetweenPassesThatBracketTheTarget()
    {
        var search = new LoudnessSearch(-10, 0.01);
        search.Record(5, -12);
        search.Record(9, -8);
        Assert.Equal(7, search.NextGainDb(), 9);
    }

    // Reaches -9 LUFS at +16 dB, then a quiet verse entering the relative gate makes loudness dip around +24 dB.
    private static double WithDip(double gainDb) =>
        gainDb - 21 - 0.8 * Math.Log(1 + Math.Exp(gainDb - 11)) - 2.5 * Math.Exp(-Math.Pow((gainDb - 24) / 3, 2));

    [Fact]
    public void Search_PrefersTheGentlestSolution_WhenLoudnessDipsAsGainRises()
    {
        var search = new LoudnessSearch(-9, 0.05);
        // A pessimistic first guess lands beyond the dip, as a limiter model can on very dynamic material.
        foreach (double g in new[] { 31.0, 9.5 }) search.Record(g, WithDip(g));
        double gain = 0;
        for (int pass = 0; pass < 8 && !search.Converged; pass++)
        {
            gain = search.NextGainDb();
            search.Record(gain, WithDip(gain));
        }
        Assert.True(search.Converged, $"error {search.LastErrorLu:0.000} LU");
        Assert.InRange(gain, 15, 17);
    }
}
