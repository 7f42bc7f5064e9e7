using MixConsole.Dsp.Dynamics;
using Xunit;

namespace MixConsole.Dsp.Tests.Dynamics;

public class CompressorTests
{
    private const double Fs = 48000;

    /// <summary>The textbook static curve (Giannoulis et al. 2012), written out here independently of the code under test.</summary>
    private static double ExpectedOutputDb(double inDb, double thresholdDb, double ratio, double kneeDb)
    {
        double over = inDb - thresholdDb;
        if (2 * over < -kneeDb) return inDb;
        if (kneeDb > 0 && 2 * Math.Abs(over) <= kneeDb) return inDb + (1 / ratio - 1) * Math.Pow(over + kneeDb / 2, 2) / (2 * kneeDb);
        return thresholdDb + over / ratio;
    }

    [Theory]
    [InlineData(4.0, 0.0)]
    [InlineData(4.0, 10.0)]
    [InlineData(1.5, 6.0)]
    [InlineData(100.0, 0.0)]
    public void StaticCurve_PeakSine_FollowsFormula_AcrossThreshold(double ratio, double kneeDb)
    {
        for (double levelDb = -40; levelDb <= 0; levelDb += 2.5)
        {
            var compressor = new Compressor { ThresholdDb = -20, Ratio = (float)ratio, KneeDb = (float)kneeDb, AttackMs = 0, ReleaseMs = 2000 };
            compressor.Prepare(Fs);
            double amplitude = Math.Pow(10, levelDb / 20);
            float[] x = TestSignals.Sine(997, Fs, 24000, amplitude);
            compressor.Process(x);
            double outDb = TestSignals.Db(TestSignals.AmplitudeAt(x, 997, Fs, 12000));
            Assert.True(Math.Abs(outDb - ExpectedOutputDb(levelDb, -20, ratio, kneeDb)) < 0.1,
                $"in {levelDb} dB: out {outDb:F3}, expected {ExpectedOutputDb(levelDb, -20, ratio, kneeDb):F3}");
        }
    }

    [Fact]
    public void StaticCurve_RmsDetector_ReadsSineAt3DbBelowPeak()
    {
        for (double levelDb = -30; levelDb <= 0; levelDb += 5)
        {
            var compressor = new Compressor { ThresholdDb = -24, Ratio = 3, Detector = DetectorMode.Rms, RmsTimeMs = 20, AttackMs = 5, ReleaseMs = 500 };
            compressor.Prepare(Fs);
            float[] x = TestSignals.Sine(997, Fs, 48000, Math.Pow(10, levelDb / 20));
            compressor.Process(x);
            double rmsDb = levelDb - 3.0103;
            double expected = ExpectedOutputDb(rmsDb, -24, 3, 0) + 3.0103;
            double outDb = TestSignals.Db(TestSignals.AmplitudeAt(x, 997, Fs, 24000));
            Assert.True(Math.Abs(outDb - expected) < 0.15, $"in {levelDb} dB: out {outDb:F3}, expected {expected:F3}");
        }
    }

    [Fact]
    public void Attack_GainReductionReaches63Percent_AtAttackTime()
    {
        var compressor = new Compressor { ThresholdDb = -20, Ratio = 4, AttackMs = 10, ReleaseMs = 100 };
        compressor.Prepare(Fs);
        var sample = new float[1];
        // Unity DC is 20 dB over: the final reduction is 20 (1 - 1/4) = 15 dB.
        double[] gr = new double[9600];
        for (int i = 0; i < gr.Length; i++)
        {
            sample[0] = 1f;
            compressor.Process(sample);
            gr[i] = compressor.GainReductionDb;
        }
        Assert.Equal(15, gr[^1], 2);
        Assert.InRange(gr[479] / 15, 0.632 - 0.01, 0.632 + 0.01);
        Assert.True(gr[240] / 15 < 0.5);
    }

    [Fact]
    public void Release_GainReductionFallsTo37Percent_AtReleaseTime()
    {
        var compressor = new Compressor { ThresholdDb = -20, Ratio = 4, AttackMs = 1, ReleaseMs = 200 };
        compressor.Prepare(Fs);
        var loud = new float[4800];
        Array.Fill(loud, 1f);
        compressor.Process(loud);
        Assert.Equal(15, compressor.GainReductionDb, 2);
        var sample = new float[1];
        for (int i = 0; i < 9600; i++)
        {
            sample[0] = 0.001f;
            compressor.Process(sample);
        }
        Assert.InRange(compressor.GainReductionDb / 15, 0.368 - 0.01, 0.368 + 0.01);
    }

    [Fact]
    public void MakeupAndMix_ApplyToTheWetPath()
    {
        float[] Run(float mix, float makeupDb)
        {
            var compressor = new Compressor { ThresholdDb = -30, Ratio = 100, AttackMs = 0, ReleaseMs = 1000, Mix = mix, MakeupGainDb = makeupDb };
            compressor.Prepare(Fs);
            compressor.Reset();
            float[] x = TestSignals.Sine(500, Fs, 24000, 0.5);
            compressor.Process(x);
            return x;
        }
        float[] dry = TestSignals.Sine(500, Fs, 24000, 0.5);
        Assert.Equal(dry, Run(0f, 12f));
        double wet = TestSignals.AmplitudeAt(Run(1f, 0f), 500, Fs, 12000);
        double wetMakeup = TestSignals.AmplitudeAt(Run(1f, 6f), 500, Fs, 12000);
        double half = TestSignals.AmplitudeAt(Run(0.5f, 0f), 500, Fs, 12000);
        Assert.Equal(6, TestSignals.Db(wetMakeup / wet), 1);
        Assert.Equal(0.5 * 0.5 + 0.5 * wet, half, 3);
    }

    [Fact]
    public void SideChainHighPass_StopsBassFromTriggeringReduction()
    {
        var plain = new Compressor { ThresholdDb = -20, Ratio = 4, AttackMs = 1 };
        var filtered = new Compressor { ThresholdDb = -20, Ratio = 4, AttackMs = 1, SideChainHighPassHz = 400 };
        float[] bass = TestSignals.Sine(50, Fs, 24000, 0.5);
        plain.Process((float[])bass.Clone());
        filtered.Process((float[])bass.Clone());
        Assert.True(plain.MaxGainReductionDb > 8);
        Assert.True(filtered.MaxGainReductionDb < 0.5);
    }

    [Fact]
    public void StereoLink_AppliesTheLouderSidesGainToBoth()
    {
        var compressor = new Compressor { ThresholdDb = -20, Ratio = 4, AttackMs = 0, ReleaseMs = 1000 };
        float[] left = TestSignals.Sine(1000, Fs, 24000, 1.0);
        float[] right = TestSignals.Sine(700, Fs, 24000, 0.01);
        compressor.Process(left, right);
        double rightGainDb = TestSignals.Db(TestSignals.AmplitudeAt(right, 700, Fs, 12000) / 0.01);
        // The left sine peaks 20 dB over the threshold: 4:1 takes 15 dB, from both sides.
        Assert.Equal(-15, rightGainDb, 0.05);
    }

    [Fact]
    public void Compressor_BlockSplitAnywhere_GivesTheSameOutput()
    {
        float[] input = TestSignals.Noise(9600, 21, 0.9);
        Compressor Make() => new() { ThresholdDb = -18, Ratio = 6, KneeDb = 6, AttackMs = 3, ReleaseMs = 80, SideChainHighPassHz = 120, Detector = DetectorMode.Rms, MakeupGainDb = 3, Mix = 0.7f };
        var whole = Make();
        float[] expected = (float[])input.Clone();
        whole.Process(expected);
        var split = Make();
        float[] actual = (float[])input.Clone();
        var random = new Random(5);
        for (int start = 0; start < actual.Length;)
        {
            int n = Math.Min(random.Next(1, 100), actual.Length - start);
            split.Process(actual.AsSpan(start, n));
            start += n;
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Compressor_Process_AllocatesNothing()
    {
        var compressor = new Compressor { SideChainHighPassHz = 100, Detector = DetectorMode.Rms, KneeDb = 6 };
        float[] left = TestSignals.Noise(32, 1), right = TestSignals.Noise(32, 2);
        Allocations.AssertNone(() =>
        {
            compressor.ThresholdDb = -30;
            compressor.Process(left);
            compressor.Process(left, right);
        }, calls: 10_000, what: "Compressor.Process, mono and stereo (32 frames)");
    }

    [Fact]
    public void FastDecibels_AgreeWithMath_Within1e4Db()
    {
        for (double db = -150; db <= 30; db += 0.37)
        {
            float gain = (float)Math.Pow(10, db / 20);
            Assert.InRange(FastDecibels.GainToDb(gain) - db, -1e-4, 1e-4);
            Assert.InRange(TestSignals.Db(FastDecibels.DbToGain((float)db)) - db, -1e-4, 1e-4);
        }
    }
}
