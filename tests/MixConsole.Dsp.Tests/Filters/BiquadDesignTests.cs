using Xunit;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Tests.Filters;

public class BiquadDesignTests
{
    private const double Fs = 48000;

    [Theory]
    [InlineData(1000, 1.0, 6)]
    [InlineData(100, 0.3, -12)]
    [InlineData(8000, 4, 15)]
    public void RbjPeaking_HasSetGain_AtCentre(double f, double q, double gainDb) =>
        Assert.Equal(gainDb, BiquadDesign.Peaking(Fs, f, q, gainDb).MagnitudeDb(f, Fs), 6);

    [Theory]
    [InlineData(200, 9)]
    [InlineData(2000, -6)]
    public void RbjShelves_HaveHalfGain_AtCorner_AndFullGain_FarAway(double f, double gainDb)
    {
        var low = BiquadDesign.LowShelf(Fs, f, Math.Sqrt(0.5), gainDb);
        var high = BiquadDesign.HighShelf(Fs, f, Math.Sqrt(0.5), gainDb);
        Assert.Equal(gainDb / 2, low.MagnitudeDb(f, Fs), 6);
        Assert.Equal(gainDb / 2, high.MagnitudeDb(f, Fs), 6);
        Assert.Equal(gainDb, low.MagnitudeDb(2, Fs), 2);
        Assert.Equal(gainDb, high.MagnitudeDb(Fs / 2 - 1, Fs), 2);
        Assert.Equal(0, low.MagnitudeDb(Fs / 2 - 1, Fs), 2);
        Assert.Equal(0, high.MagnitudeDb(2, Fs), 2);
    }

    [Theory]
    [InlineData(FilterSlope.Db6PerOctave)]
    [InlineData(FilterSlope.Db12PerOctave)]
    [InlineData(FilterSlope.Db18PerOctave)]
    [InlineData(FilterSlope.Db24PerOctave)]
    public void LowCut_IsButterworth_OfItsOrder(FilterSlope slope)
    {
        const double corner = 100;
        int order = (int)slope; // 6 dB/oct per order
        var cascade = ButterworthCascade.HighPass(Fs, corner, slope);
        Assert.Equal(-3.0103, DigitalDb(cascade, corner), 2);
        // Far below Nyquist the bilinear map moves the response by under 0.001 dB here: the analog prototype is the reference.
        foreach (double f in new[] { 12.5, 25, 50, 70, 140, 200, 400, 1000 })
        {
            double analogDb = ButterworthDb(f, corner, order, highPass: true);
            Assert.InRange(DigitalDb(cascade, f) - analogDb, -0.05, 0.05);
        }
        double slopeDbPerOctave = DigitalDb(cascade, 12.5) - DigitalDb(cascade, 6.25);
        Assert.InRange(slopeDbPerOctave, 6 * order - 0.3, 6 * order + 0.3);
    }

    [Theory]
    [InlineData(FilterSlope.Db12PerOctave)]
    [InlineData(FilterSlope.Db18PerOctave)]
    [InlineData(FilterSlope.Db24PerOctave)]
    public void HighCut_IsMinus3Db_AtCorner_AndFallsAtItsSlope(FilterSlope slope)
    {
        var cascade = ButterworthCascade.LowPass(Fs, 2000, slope);
        Assert.Equal(-3.0103, DigitalDb(cascade, 2000), 2);
        Assert.InRange(DigitalDb(cascade, 100), -0.001, 0.0001);
        // The bilinear map cramps the stop band toward Nyquist: at 4 kHz the digital cut is a little deeper.
        double analogDb = ButterworthDb(4000, 2000, (int)slope, highPass: false);
        Assert.InRange(DigitalDb(cascade, 4000) - analogDb, -1.5, 0.0);
    }

    /// <summary>Analog Butterworth of <paramref name="order"/>: |H(jw)|^2 = 1 / (1 + (wc/w)^2n) high-pass, 1 / (1 + (w/wc)^2n) low-pass, in dB.</summary>
    private static double ButterworthDb(double f, double cornerHz, int order, bool highPass) =>
        -10 * Math.Log10(1 + Math.Pow(highPass ? cornerHz / f : f / cornerHz, 2 * order));

    /// <summary>Magnitude of a cascade evaluated here from its coefficients, H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2) per section, in dB.</summary>
    private static double DigitalDb(ButterworthCascade cascade, double f)
    {
        var z1 = System.Numerics.Complex.FromPolarCoordinates(1, -2 * Math.PI * f / Fs);
        double db = 0;
        for (int s = 0; s < ButterworthCascade.MaxSections; s++)
        {
            var k = cascade[s];
            db += 20 * Math.Log10(((k.B0 + k.B1 * z1 + k.B2 * z1 * z1) / (1 + k.A1 * z1 + k.A2 * z1 * z1)).Magnitude);
        }
        return db;
    }

    [Theory]
    [InlineData(-15)]
    [InlineData(-12)]
    [InlineData(-6)]
    [InlineData(-3)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(15)]
    public void MatchedBell_16kHzQ2_StaysWithinHalfDbOfAnalog_OnDenseGrid(double gainDb)
    {
        var analog = AnalogPrototype.Peaking(16000, 2, gainDb);
        var matched = AnalogMatchedDesign.Peaking(Fs, 16000, 2, gainDb);
        Assert.True(matched.IsStable);
        Assert.InRange(WorstDeviationDb(matched, analog), 0, 0.5);
        // The bilinear design of the same bell cramps by far more: the grid does see the difference.
        var rbj = BiquadDesign.Peaking(Fs, 16000, 2, gainDb);
        Assert.True(WorstDeviationDb(rbj, analog) > 3 * WorstDeviationDb(matched, analog));
    }

    [Theory]
    [InlineData(100, 0.3, 15)]
    [InlineData(1000, 1, -15)]
    [InlineData(5000, 0.7, 12)]
    [InlineData(10000, 1, 15)]
    [InlineData(12000, 5, -15)]
    [InlineData(20000, 10, 15)]
    [InlineData(20000, 0.5, -15)]
    public void MatchedBell_StaysWithinHalfDbOfAnalog_AcrossTheBand(double f, double q, double gainDb) =>
        Assert.InRange(WorstDeviationDb(AnalogMatchedDesign.Peaking(Fs, f, q, gainDb), AnalogPrototype.Peaking(f, q, gainDb)), 0, 0.5);

    [Theory]
    [InlineData(80, 15)]
    [InlineData(1000, -15)]
    [InlineData(8000, 12)]
    [InlineData(16000, -15)]
    [InlineData(16000, 15)]
    public void MatchedShelves_StayWithinHalfDbOfAnalog(double f, double gainDb)
    {
        double q = Math.Sqrt(0.5);
        Assert.InRange(WorstDeviationDb(AnalogMatchedDesign.LowShelf(Fs, f, q, gainDb), AnalogPrototype.LowShelf(f, q, gainDb)), 0, 0.5);
        Assert.InRange(WorstDeviationDb(AnalogMatchedDesign.HighShelf(Fs, f, q, gainDb), AnalogPrototype.HighShelf(f, q, gainDb)), 0, 0.5);
    }

    [Fact]
    public void MatchedDesigns_AreStable_OverTheWholeEqRange()
    {
        foreach (double rate in new[] { 44100.0, 48000, 96000 })
            foreach (double f in new[] { 20.0, 63, 200, 630, 2000, 6300, 12000, 16000, 20000 })
                foreach (double q in new[] { 0.3, 0.7, 2, 5, 10 })
                    foreach (double g in new[] { -15.0, -6, -0.5, 0.5, 6, 15 })
                    {
                        foreach (var c in new[] { AnalogMatchedDesign.Peaking(rate, f, q, g), AnalogMatchedDesign.LowShelf(rate, f, q, g), AnalogMatchedDesign.HighShelf(rate, f, q, g) })
                        {
                            Assert.True(c.IsStable, $"unstable at {rate} Hz rate, {f} Hz, Q {q}, {g} dB");
                            Assert.True(double.IsFinite(c.B0 + c.B1 + c.B2), $"non-finite at {rate}, {f}, {q}, {g}");
                        }
                    }
    }

    [Fact]
    public void MatchedBell_AtZeroGain_IsExactlyPassThrough() =>
        Assert.Equal(BiquadCoefficients.Identity, AnalogMatchedDesign.Peaking(Fs, 1000, 1, 0));

    private static double WorstDeviationDb(BiquadCoefficients digital, AnalogPrototype analog)
    {
        double worst = 0;
        for (int i = 0; i <= 2000; i++)
        {
            double f = 10 * Math.Pow(23990 / 10.0, i / 2000.0);
            worst = Math.Max(worst, Math.Abs(digital.MagnitudeDb(f, Fs) - analog.MagnitudeDb(f)));
        }
        return worst;
    }
}
