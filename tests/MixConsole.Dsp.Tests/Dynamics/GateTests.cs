using MixConsole.Dsp.Dynamics;
using Xunit;

namespace MixConsole.Dsp.Tests.Dynamics;

public class GateTests
{
    private const double Fs = 48000;

    [Fact]
    public void Gate_HoldsForHoldTime_ThenReleasesWithReleaseTimeConstant()
    {
        var gate = new Gate { ThresholdDb = -40, RangeDb = 60, AttackMs = 0.1f, HoldMs = 50, ReleaseMs = 100 };
        gate.Prepare(Fs);
        var burst = new float[9600];
        Array.Fill(burst, 0.316f);
        gate.Process(burst);
        Assert.Equal(0f, gate.GainReductionDb);

        // The detector falls from the burst level to the threshold in 10 ms * ln(0.316 / 0.01).
        double belowMs = Gate.DetectorReleaseMs * Math.Log(0.316 / 0.01);
        int releaseStart = (int)Math.Round((belowMs + 50) * Fs / 1000);
        var sample = new float[1];
        var gr = new float[releaseStart + 48000];
        for (int i = 0; i < gr.Length; i++)
        {
            sample[0] = 0f;
            gate.Process(sample);
            gr[i] = gate.GainReductionDb;
        }
        Assert.Equal(0f, gr[releaseStart - 48]);
        Assert.True(gr[releaseStart + 48] > 0f);
        Assert.InRange(gr[releaseStart + 4800] / 60.0, 0.632 - 0.01, 0.632 + 0.01);
        Assert.InRange(gr[^1], 59.0f, 60f);
    }

    [Fact]
    public void ClosedGate_AttenuatesByItsRange()
    {
        var gate = new Gate { ThresholdDb = -40, RangeDb = 20, HoldMs = 0, ReleaseMs = 5 };
        float[] quiet = TestSignals.Sine(1000, Fs, 24000, 0.001);
        gate.Process(quiet);
        Assert.Equal(-60 - 20, TestSignals.Db(TestSignals.AmplitudeAt(quiet, 1000, Fs, 12000)), 1);
    }

    [Theory]
    [InlineData(-45, 2, 5)]
    [InlineData(-50, 3, 20)]
    [InlineData(-70, 3, 30)]
    [InlineData(-35, 3, 0)]
    public void Expander_StaticCurve_IsRatioMinusOneDbPerDbBelow_UpToRange(double levelDb, double ratio, double expectedGrDb)
    {
        var gate = new Gate { Mode = GateMode.Expander, ThresholdDb = -40, RangeDb = 30, ExpanderRatio = (float)ratio, HoldMs = 0, AttackMs = 1, ReleaseMs = 10 };
        var dc = new float[24000];
        Array.Fill(dc, (float)Math.Pow(10, levelDb / 20));
        gate.Process(dc);
        Assert.Equal(expectedGrDb, gate.GainReductionDb, 2);
        Assert.Equal(levelDb - expectedGrDb, TestSignals.Db(dc[^1]), 2);
    }

    [Fact]
    public void KeyFilter_IgnoresOutOfBandSignal()
    {
        float[] hiHat = TestSignals.Sine(6000, Fs, 24000, 0.1);
        var broadband = new Gate { ThresholdDb = -40, HoldMs = 0 };
        var keyed = new Gate { ThresholdDb = -40, HoldMs = 0, KeyFilterEnabled = true, KeyFilterFrequencyHz = 80, KeyFilterQ = 2 };
        float[] a = (float[])hiHat.Clone(), b = (float[])hiHat.Clone();
        broadband.Process(a);
        keyed.Process(b);
        Assert.Equal(0f, broadband.GainReductionDb);
        Assert.InRange(keyed.GainReductionDb, 59f, 60f);

        float[] kick = TestSignals.Sine(80, Fs, 24000, 0.1);
        keyed.Process(kick);
        Assert.Equal(0f, keyed.GainReductionDb);
    }

    [Fact]
    public void Gate_BlockSplitAnywhere_GivesTheSameOutput()
    {
        var input = new float[19200];
        var random = new Random(8);
        for (int i = 0; i < input.Length; i++) input[i] = (float)((i / 2400 % 2 == 0 ? 0.3 : 0.001) * (random.NextDouble() * 2 - 1));
        Gate Make() => new() { ThresholdDb = -30, RangeDb = 40, AttackMs = 2, HoldMs = 20, ReleaseMs = 60, KeyFilterEnabled = true, KeyFilterFrequencyHz = 2000 };
        float[] expected = (float[])input.Clone();
        Make().Process(expected);
        var split = Make();
        float[] actual = (float[])input.Clone();
        for (int start = 0; start < actual.Length;)
        {
            int n = Math.Min(random.Next(1, 100), actual.Length - start);
            split.Process(actual.AsSpan(start, n));
            start += n;
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Gate_Process_AllocatesNothing()
    {
        var gate = new Gate { KeyFilterEnabled = true };
        float[] left = TestSignals.Noise(32, 1), right = TestSignals.Noise(32, 2);
        Allocations.AssertNone(() =>
        {
            gate.Process(left);
            gate.Process(left, right);
        }, calls: 10_000, what: "Gate.Process, mono and stereo (32 frames)");
    }
}
