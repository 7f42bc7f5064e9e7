using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;
using Xunit;

namespace MixConsole.Dsp.Tests.Mastering;

public class EqAndGainTests
{
    private static MasterEq Configured(bool linear)
    {
        var eq = new MasterEq { LinearPhase = linear };
        eq.SetBand(0, EqBandType.LowShelf, 100, 3, 0.7);
        eq.SetBand(1, EqBandType.Bell, 1000, -4, 1.2);
        eq.SetBand(2, EqBandType.HighShelf, 8000, 2.5, 0.7);
        eq.SetBand(3, EqBandType.Tilt, 1500, 1.5);
        return eq;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Eq_Magnitude_MatchesTheAnalyticResponse(bool linear)
    {
        MasterEq eq = Configured(linear);
        eq.Prepare(new ProcessSpec(48000, 1 << 15, 1));
        int n = 1 << 15;
        var buffer = new AudioBuffer(1, n);
        buffer.Channel(0, n)[0] = 1;
        eq.Process(buffer, n);
        double[] db = TestFft.MagnitudeDb(buffer.Channel(0, n), n);
        foreach (double f in new[] { 40.0, 100, 300, 1000, 3000, 8000, 15000 })
        {
            int k = (int)Math.Round(f * n / 48000);
            double tolerance = linear && f < 100 ? 0.15 : 0.05; // a 4095-tap FIR resolves ~12 Hz
            Assert.InRange(db[k] - eq.MagnitudeDb(k * 48000.0 / n), -tolerance, tolerance);
        }
        if (linear)
        {
            // Linear phase: the impulse response is symmetric about its reported latency.
            Span<float> h = buffer.Channel(0, n);
            int d = eq.LatencyFrames;
            Assert.Equal(2047, d);
            for (int t = 1; t < d; t += 37) Assert.Equal(h[d - t], h[d + t], 6);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Eq_Output_IsIdenticalForAnyBlockSize(bool linear)
    {
        float[] l = Signals.Noise(6000, 31, 0.5), r = Signals.Noise(6000, 32, 0.5);
        float[][] reference = Signals.Run(Configured(linear), [l, r], 4096);
        foreach (int block in new[] { 1, 7, 32 })
            Signals.AssertIdentical(reference, Signals.Run(Configured(linear), [l, r], block), $"block {block}");
    }

    [Fact]
    public void Eq_ProcessAllocatesNothing()
    {
        Signals.AssertProcessAllocatesNothing(Configured(false), "minimum phase");
        Signals.AssertProcessAllocatesNothing(Configured(true), "linear phase");
    }

    [Fact]
    public void Subsonic_RemovesDcAndRumble_KeepsTheBass()
    {
        float[] x = Signals.Sine(96000, 10, 48000, 0.3);
        float[] bass = Signals.Sine(96000, 80, 48000, 0.3);
        for (int i = 0; i < x.Length; i++) x[i] += 0.2f + bass[i];
        float[] y = Signals.Run(new SubsonicFilter(), [x], 512)[0];
        double mean = 0;
        for (int i = 48000; i < y.Length; i++) mean += y[i];
        Assert.InRange(mean / 48000, -1e-3, 1e-3);
        var (tenHz, _) = Signals.FitSine(y, 10, 48000, 48000, 96000);
        var (eighty, _) = Signals.FitSine(y, 80, 48000, 48000, 96000);
        Assert.True(20 * Math.Log10(tenHz / 0.3) < -20, "10 Hz rumble not cut by 24 dB/oct at 20 Hz");
        Assert.InRange(20 * Math.Log10(eighty / 0.3), -0.2, 0.05);
    }

    [Fact]
    public void SmoothedGain_RampsWithoutSteps_AndLandsExactly()
    {
        var gain = new SmoothedGain { GainDb = 0, RampMs = 10 };
        float[] ones = Enumerable.Repeat(1f, 4800).ToArray();
        gain.Prepare(new ProcessSpec(48000, 64, 1));
        gain.GainDb = -6;
        float[] y = Signals.Run(gain, [ones], 64, prepare: false)[0];
        for (int i = 1; i < y.Length; i++) Assert.True(y[i] <= y[i - 1] && y[i - 1] - y[i] < 0.002f);
        Assert.Equal(Decibels.ToGain(-6), y[^1], 5);
        Signals.AssertProcessAllocatesNothing(new SmoothedGain { GainDb = 3 });
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-7.3)]
    public void SmoothedGain_AtRest_IsEachSampleTimesTheTarget_BitForBit(double gainDb)
    {
        var gain = new SmoothedGain { GainDb = gainDb };
        gain.Prepare(new ProcessSpec(48000, 37, 2));
        float target = (float)Decibels.ToGain(gainDb);
        var rng = new Random(9);
        var buffer = new AudioBuffer(2, 37);
        for (int block = 0; block < 20; block++)
        {
            var expected = new float[2][];
            for (int c = 0; c < 2; c++)
            {
                Span<float> x = buffer.Channel(c, 37);
                for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() - 0.5);
                expected[c] = x.ToArray();
                for (int i = 0; i < x.Length; i++) expected[c][i] *= target;
            }
            gain.Process(buffer, 37);
            for (int c = 0; c < 2; c++) Assert.Equal(expected[c], buffer.Channel(c, 37).ToArray());
        }
    }
}
