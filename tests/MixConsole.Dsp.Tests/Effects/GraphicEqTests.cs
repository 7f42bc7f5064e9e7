using MixConsole.Dsp.Effects;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Tests.Effects;

/// <summary>The 31-band graphic EQ: each band's gain at its centre, its sides apart, and the sound against the design's response.</summary>
public sealed class GraphicEqTests
{
    private static float[] Gains(int band, float db)
    {
        var gains = new float[GraphicEqDesign.Bands];
        gains[band] = db;
        return gains;
    }

    // The magnitude of one side of a design at a frequency: the product of its bands' responses.
    private static double ResponseDb(in GraphicEqDesign design, int side, double hz, double rate)
    {
        ReadOnlySpan<float> s = design.Sections;
        double db = 0;
        for (int k = 0; k < GraphicEqDesign.Bands; k++)
        {
            var c = s.Slice((side * GraphicEqDesign.Bands + k) * 5, 5);
            db += new BiquadCoefficients(c[0], c[1], c[2], c[3], c[4]).MagnitudeDb(hz, rate);
        }

        return db;
    }

    // The X32's rates. At 96 kHz the 20 Hz band's poles sit so near the unit circle that float coefficients lose ~0.8 dB of its peak.
    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    public void EveryBand_ReachesItsGainAtItsCentre_ToNyquist(double rate)
    {
        ReadOnlySpan<double> centres = GraphicEqDesign.CentreHz;
        for (int k = 0; k < GraphicEqDesign.Bands; k++)
        {
            foreach (float db in new[] { 15f, -15f, 4.5f })
            {
                var design = GraphicEqDesign.Design(rate, Gains(k, db), 0, Gains(k, 0), 0);
                double at = ResponseDb(design, 0, centres[k], rate);
                Assert.True(Math.Abs(at - db) <= 0.5, $"band {centres[k]} Hz at {rate} Hz: {at:0.000} dB for {db} dB");
                Assert.Equal(0, ResponseDb(design, 1, centres[k], rate), 6);
                Assert.Equal(1u << k, design.ActiveLeft);
                Assert.Equal(0u, design.ActiveRight);
            }
        }
    }

    [Fact]
    public void ASine_ThroughOneSide_HasTheDesignsGain_AndTheOtherSideIsUntouched()
    {
        const double Rate = 48000;
        var gains = new float[GraphicEqDesign.Bands];
        for (int k = 0; k < gains.Length; k++) gains[k] = (k % 5) * 3 - 6;
        var design = GraphicEqDesign.Design(Rate, gains, 0, Gains(0, 0), 0);
        var eq = new GraphicEq();
        eq.Apply(design);
        foreach (double hz in new[] { 63.0, 440.0, 1000.0, 5000.0, 12500.0 })
        {
            eq.Reset();
            var x = new float[19200];
            for (int i = 0; i < x.Length; i++) x[i] = (float)(0.1 * Math.Sin(2 * Math.PI * hz * i / Rate));
            var left = (float[])x.Clone();
            var right = (float[])x.Clone();
            for (int start = 0; start < x.Length; start += 64)
            {
                eq.Process(0, left.AsSpan(start, 64));
                eq.Process(1, right.AsSpan(start, 64));
            }

            double Rms(float[] y) => Math.Sqrt(y.AsSpan(9600).ToArray().Average(v => (double)v * v));
            Assert.InRange(20 * Math.Log10(Rms(left) / Rms(x)) - ResponseDb(design, 0, hz, Rate), -0.05, 0.05);
            Assert.Equal(x, right);
        }
    }
}
