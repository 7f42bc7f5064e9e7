using Xunit;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Tests.Filters;

/// <summary>
/// The vectorised refinement of <see cref="AnalogMatchedDesign"/> against <see cref="PlainMatchedDesign"/>, the same
/// fit written one point at a time: over the whole EQ range the two responses agree to far below anything audible.
/// </summary>
public class MatchedDesignReferenceTests
{
    private static readonly double[] Rates = [44100, 48000, 96000];
    private static readonly double[] Frequencies = [20, 63, 200, 630, 1000, 2000, 4000, 6300, 12000, 16000, 20000, 22000];
    private static readonly double[] Qs = [0.3, 0.7, 1, 2, 5, 10];
    private static readonly double[] Gains = [-15, -7.5, -3, -0.5, 0.25, 1.5, 6, 12, 15];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void MatchesThePlainFit_Within0_01Db_AndStaysStableAndMinimumPhase(int type)
    {
        double worst = 0;
        string at = "";
        foreach (double rate in Rates)
            foreach (double f in Frequencies)
                foreach (double q in Qs)
                    foreach (double g in Gains)
                    {
                        var (fast, plain) = type switch
                        {
                            0 => (AnalogMatchedDesign.Peaking(rate, f, q, g), PlainMatchedDesign.Peaking(rate, f, q, g)),
                            1 => (AnalogMatchedDesign.LowShelf(rate, f, q, g), PlainMatchedDesign.LowShelf(rate, f, q, g)),
                            _ => (AnalogMatchedDesign.HighShelf(rate, f, q, g), PlainMatchedDesign.HighShelf(rate, f, q, g)),
                        };
                        Assert.True(fast.IsStable && fast.IsMinimumPhase, $"poles or zeros on or outside the unit circle at {rate} Hz rate, {f} Hz, Q {q}, {g} dB");
                        double difference = WorstDifferenceDb(fast, plain, rate);
                        if (difference > worst) (worst, at) = (difference, $"{rate} Hz rate, {f} Hz, Q {q}, {g} dB");
                    }
        Assert.True(worst < 0.01, $"{worst} dB from the plain fit at {at}");
    }

    private static double WorstDifferenceDb(BiquadCoefficients a, BiquadCoefficients b, double rate)
    {
        double worst = 0;
        for (int i = 0; i <= 300; i++)
        {
            double f = 10 * Math.Pow((rate / 2 - 10) / 10, i / 300.0);
            worst = Math.Max(worst, Math.Abs(a.MagnitudeDb(f, rate) - b.MagnitudeDb(f, rate)));
        }
        return worst;
    }
}
