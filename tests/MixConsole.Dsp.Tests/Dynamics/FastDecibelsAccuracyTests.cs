using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Lanes;
using Xunit;

namespace MixConsole.Dsp.Tests.Dynamics;

/// <summary>
/// The decibel polynomials against exact maths, and what they do to sound: the compressor's static curve and applied gain
/// against exact logarithms and powers, and its output on programme-like signals against the same compressor run with
/// exact maths (<see cref="ExactLane"/>).
/// </summary>
public class FastDecibelsAccuracyTests
{
    [Fact]
    public void Log2_IsWithinItsMinimaxError_From1e_13To1e3()
    {
        // Every mantissa region of every octave: 1e-13..1e3 is a power of -130..+30 dB.
        for (double x = 1e-13; x < 1e3; x *= 1.000731)
        {
            float f = (float)x;
            double exact = Math.Log2(f);
            Assert.InRange(FastDecibels.Log2(f) - exact, -2.3e-6 - 6e-8 * Math.Abs(exact), 2.3e-6 + 6e-8 * Math.Abs(exact));
        }
        Assert.Equal(0f, FastDecibels.Log2(1f));
        Assert.Equal(-127f, FastDecibels.Log2(0f));
    }

    [Fact]
    public void Exp2_IsWithinItsMinimaxError_From_minus40To10()
    {
        for (double x = -40; x < 10; x += 0.000977)
        {
            double exact = Math.Pow(2, (float)x);
            Assert.InRange(FastDecibels.Exp2((float)x) / exact - 1, -1.6e-7, 1.6e-7);
        }
        Assert.Equal(1f, FastDecibels.Exp2(0f));
        Assert.Equal(1f, FastDecibels.DbToGain(0f));
        Assert.Equal(4f, FastDecibels.Exp2(2f));
    }

    [Theory]
    [InlineData(-20.0, 4.0, 0.0)]
    [InlineData(-40.0, 100.0, 6.0)]
    [InlineData(0.0, 1.5, 12.0)]
    public void StaticCurveAndGain_WithinAThousandthOfADb_OfExactMaths_From_minus120To24Db(double thresholdDb, double ratio, double kneeDb)
    {
        // Attack and release coefficients 0: the gain reduction is the curve's at every sample, the applied gain its power.
        var row = new CompressorLanes(1);
        row.ThresholdDb[0] = (float)thresholdDb;
        row.Slope[0] = CompressorKernel.SlopeOf((float)ratio);
        row.KneeDb[0] = (float)kneeDb;
        row.InverseTwoKnee[0] = CompressorKernel.InverseTwoKneeOf((float)kneeDb);
        row.KneeStartPower[0] = CompressorKernel.KneeStartPowerOf((float)thresholdDb, (float)kneeDb);
        row.On.Snap(0, 1f);
        float[] link = [0f], one = [1f], block = new float[1], key = new float[1], detected = new float[1], levels = new float[1], onMixes = new float[1];
        for (double levelDb = -120; levelDb <= 24; levelDb += 0.0625)
        {
            key[0] = (float)Math.Pow(10, levelDb / 20);
            block[0] = 1f;
            CompressorKernel.Process(row, 0, link, block, key, detected, levels, onMixes, 1, FloatLane.Load(one, 0));
            double exactDb = ExactReductionDb(10 * Math.Log10((double)key[0] * key[0]), thresholdDb, ratio, kneeDb);
            Assert.InRange(row.GainReductionDb[0] - exactDb, -1e-3, 1e-3);
            Assert.InRange(20 * Math.Log10(block[0]) + exactDb, -1e-3, 1e-3);
        }
    }

    [Theory]
    [InlineData(0f, 5.0, 80.0)]
    [InlineData(1f, 0.2, 40.0)]
    public void Compressor_OnProgramme_NullsAgainstExactMaths_Below110Db(float rms, double attackMs, double releaseMs)
    {
        float[] fast = CompressorFixtures.Programme(240_000, 7), exact = (float[])fast.Clone(), key = (float[])fast.Clone();
        Assert.True(Compress<FloatLane>(fast, key, rms, attackMs, releaseMs) > 10, "the programme should be compressed by over 10 dB at times");
        Compress<ExactLane>(exact, key, rms, attackMs, releaseMs);
        double error = 0, signal = 0, worst = 0;
        for (int i = 0; i < fast.Length; i++)
        {
            double d = fast[i] - (double)exact[i];
            error += d * d;
            signal += (double)exact[i] * exact[i];
            worst = Math.Max(worst, Math.Abs(d));
        }
        double nullDb = 10 * Math.Log10(error / signal), worstDb = 20 * Math.Log10(worst / TestSignals.Peak(exact));
        Assert.True(nullDb < -110, $"null {nullDb:F1} dB");
        Assert.True(worstDb < -110, $"largest difference {worstDb:F1} dB under the peak");
    }

    // The textbook curve (Giannoulis et al. 2012) in doubles: gain reduction in dB (positive).
    private static double ExactReductionDb(double levelDb, double thresholdDb, double ratio, double kneeDb)
    {
        double over = levelDb - thresholdDb, slope = 1 - 1 / ratio;
        if (2 * over <= -kneeDb) return 0;
        if (2 * over < kneeDb) return slope * Math.Pow(over + kneeDb / 2, 2) / (2 * kneeDb);
        return slope * over;
    }

    // One lane, threshold -24 dB, 4:1, 6 dB knee, 6 dB make-up, in blocks of 32; returns the largest gain reduction.
    private static float Compress<T>(float[] audio, float[] key, float rms, double attackMs, double releaseMs) where T : struct, ILane<T>
    {
        var row = CompressorFixtures.Row(rms, attackMs, releaseMs);
        float[] link = [0f], one = [1f], detected = new float[32], levels = new float[32], onMixes = new float[32];
        for (int start = 0; start < audio.Length; start += 32)
            CompressorKernel.Process(row, 0, link, audio.AsSpan(start, 32), key.AsSpan(start, 32), detected, levels, onMixes, 32, T.Load(one, 0));
        return row.MaxGainReductionDb[0];
    }
}
