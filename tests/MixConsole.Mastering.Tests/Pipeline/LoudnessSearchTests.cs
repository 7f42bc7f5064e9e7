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
}
