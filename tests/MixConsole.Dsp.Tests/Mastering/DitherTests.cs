using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;
using Xunit;

namespace MixConsole.Dsp.Tests.Mastering;

public class DitherTests
{
    private const int Frames = 400_000;

    private static float[] DitherConstant(double valueLsb, int bits = 16, DitherNoiseShaping shaping = DitherNoiseShaping.None)
    {
        var dither = new TpdfDither { BitDepth = bits, NoiseShaping = shaping, Seed = 1234 };
        double lsb = dither.LsbFullScale;
        var x = new float[Frames];
        Array.Fill(x, (float)(valueLsb * lsb));
        return Signals.Run(dither, [x], 4096)[0];
    }

    [Theory]
    [InlineData(0.0, 0.125, 0.75, 0.125)]
    [InlineData(0.25, 0.03125, 0.6875, 0.28125)]
    [InlineData(0.5, 0.0, 0.5, 0.5)]
    public void Dither_OutputCodes_FollowTheTriangularDistribution(double offsetLsb, double pMinus, double pZero, double pPlus)
    {
        // A TPDF on (-1, 1) LSB added before rounding: P(code) is the triangle's area over each rounding cell.
        float[] y = DitherConstant(100 + offsetLsb);
        double lsb = 1.0 / 32768;
        int minus = 0, zero = 0, plus = 0;
        foreach (float v in y)
        {
            double code = v / lsb - 100;
            Assert.Equal(Math.Round(code), code, 9); // on the 16-bit grid
            if (code == -1) minus++; else if (code == 0) zero++; else if (code == 1) plus++;
            else Assert.Fail($"code {code} outside ±1 LSB of the input");
        }
        Assert.Equal(pMinus, (double)minus / Frames, 2);
        Assert.Equal(pZero, (double)zero / Frames, 2);
        Assert.Equal(pPlus, (double)plus / Frames, 2);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.37)]
    [InlineData(0.5)]
    [InlineData(0.83)]
    public void Dither_ErrorMeanAndPower_DoNotDependOnTheSignal(double offsetLsb)
    {
        // TPDF's defining property: first and second moments of the total error are signal independent (mean 0, 1/4 LSB^2).
        float[] y = DitherConstant(-20 + offsetLsb);
        double lsb = 1.0 / 32768, mean = 0, power = 0, peak = 0;
        foreach (float v in y)
        {
            double e = v / lsb - (-20 + offsetLsb);
            mean += e; power += e * e; peak = Math.Max(peak, Math.Abs(e));
        }
        mean /= Frames; power /= Frames;
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(power, 0.245, 0.255);
        Assert.True(peak <= 1.5 + 1e-9, $"error peak {peak} LSB exceeds the TPDF bound 1.5");
    }

    [Fact]
    public void Dither_To24Bits_LandsOnThe24BitGrid()
    {
        float[] y = DitherConstant(3.3, bits: 24);
        foreach (float v in y) Assert.Equal(Math.Round(v * 8388608.0), v * 8388608.0, 6);
    }

    [Fact]
    public void Dither_IsDeterministic_AndBlockSizeIndependent()
    {
        float[] x = Signals.Sine(20000, 997, 48000, 0.3);
        float[][] reference = Signals.Run(new TpdfDither { Seed = 9 }, [x, x], 4096);
        foreach (int block in new[] { 1, 7, 32 })
            Signals.AssertIdentical(reference, Signals.Run(new TpdfDither { Seed = 9 }, [x, x], block), $"block {block}");
        float[][] other = Signals.Run(new TpdfDither { Seed = 10 }, [x, x], 4096);
        Assert.NotEqual(reference[0], other[0]);
        Assert.NotEqual(reference[0], reference[1]); // channels get independent noise
    }

    [Fact]
    public void Dither_NoiseShaping_MovesNoiseAboveTheMidrange()
    {
        float[] flat = DitherConstant(0.3);
        float[] shaped = DitherConstant(0.3, shaping: DitherNoiseShaping.FirstOrder);
        double Band(float[] y, int k0, int k1)
        {
            const int n = 8192;
            double sum = 0;
            for (int seg = 0; seg < 20; seg++)
            {
                var part = new float[n];
                double mean = 0;
                for (int i = 0; i < n; i++) mean += y[seg * n + i];
                mean /= n;
                for (int i = 0; i < n; i++) part[i] = (float)(y[seg * n + i] - mean);
                double[] db = TestFft.MagnitudeDb(part, n);
                for (int k = k0; k < k1; k++) sum += Math.Pow(10, db[k] / 10);
            }
            return sum;
        }
        // Below ~2 kHz of 48 kHz (bins < 340) the shaped noise is well under the flat noise; near Nyquist it is above.
        Assert.True(Band(shaped, 1, 340) < 0.2 * Band(flat, 1, 340));
        Assert.True(Band(shaped, 3500, 4096) > 2 * Band(flat, 3500, 4096));
        foreach (float v in shaped) Assert.Equal(Math.Round(v * 32768.0), v * 32768.0, 9);
    }

    [Fact]
    public void Dither_ClampsToTheIntegerRange()
    {
        float[] y = Signals.Run(new TpdfDither(), [Enumerable.Repeat(1.2f, 1000).ToArray()], 64)[0];
        foreach (float v in y) Assert.True(v <= 32767.0 / 32768 && v >= 32766.0 / 32768);
    }

    [Fact]
    public void Dither_ProcessAllocatesNothing() => Signals.AssertProcessAllocatesNothing(new TpdfDither());
}
