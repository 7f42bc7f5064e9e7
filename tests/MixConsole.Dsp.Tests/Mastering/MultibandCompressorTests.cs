using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;
using Xunit;

namespace MixConsole.Dsp.Tests.Mastering;

public class MultibandCompressorTests
{
    [Fact]
    public void Multiband_AtUnityRatio_IsTransparentInMagnitude()
    {
        const int n = 1 << 15;
        var mb = new MultibandCompressor { BandCount = 4 };
        for (int b = 0; b < 4; b++) mb.Band(b).Ratio = 1;
        mb.Prepare(new ProcessSpec(48000, n, 1));
        var buffer = new AudioBuffer(1, n);
        buffer.Channel(0, n)[0] = 1;
        mb.Process(buffer, n);
        double[] db = TestFft.MagnitudeDb(buffer.Channel(0, n), n);
        for (int k = 1; k < db.Length - 1; k++) Assert.InRange(db[k], -0.01, 0.01);
    }

    [Fact]
    public void Multiband_LoudBass_IsCompressedOnlyInItsBand()
    {
        // 50 Hz at -6 dBFS plus 5 kHz at -30 dBFS; the low band (threshold -20, 4:1) reduces the bass only.
        const int frames = 48000;
        float[] bass = Signals.Sine(frames, 50, 48000, 0.5), air = Signals.Sine(frames, 5000, 48000, 0.0316);
        float[] mix = new float[frames];
        for (int i = 0; i < frames; i++) mix[i] = bass[i] + air[i];
        var mb = new MultibandCompressor();
        for (int b = 0; b < 3; b++) { mb.Band(b).ThresholdDb = -20; mb.Band(b).Ratio = 4; mb.Band(b).KneeDb = 0; mb.Band(b).Detector = MixConsole.Dsp.Dynamics.DetectorMode.Rms; mb.Band(b).RmsTimeMs = 50; }
        float[][] y = Signals.Run(mb, [mix, mix], 512);
        var (bassOut, _) = Signals.FitSine(y[0], 50, 48000, 24000, frames);
        var (airOut, _) = Signals.FitSine(y[0], 5000, 48000, 24000, frames);
        // The 120 Hz LR4 split hands the low band 1 / (1 + x^4) of the 50 Hz sine (x = 50/120) and the next band, in
        // phase, the remaining x^4 / (1 + x^4). The low band's RMS sits that much under -9 dBFS; 4:1 takes 3/4 of its
        // excess over -20 dB; the other band's share passes uncompressed. 0.1 dB for the 50 ms RMS detector's ripple.
        double x4 = Math.Pow(50.0 / 120, 4), low = 1 / (1 + x4), high = x4 / (1 + x4);
        double reductionDb = 0.75 * (20 * Math.Log10(0.5 * low / Math.Sqrt(2)) + 20);
        double expectedDb = 20 * Math.Log10(0.5 * (low * Math.Pow(10, -reductionDb / 20) + high));
        Assert.Equal(expectedDb, 20 * Math.Log10(bassOut), 0.1);
        Assert.Equal(-30, 20 * Math.Log10(airOut), 1);
        Assert.InRange(mb.GainReductionDb(0), 7.5, 9);
        Assert.Equal(0, mb.GainReductionDb(2), 2);
    }

    [Fact]
    public void Multiband_Output_IsIdenticalForAnyBlockSize()
    {
        float[] l = Signals.Noise(12000, 4, 0.8), r = Signals.Noise(12000, 5, 0.8);
        static MultibandCompressor Make() { var m = new MultibandCompressor(); m.Band(1).ThresholdDb = -30; m.Band(1).Ratio = 3; return m; }
        float[][] reference = Signals.Run(Make(), [l, r], 4096);
        foreach (int block in new[] { 1, 7, 32 })
            Signals.AssertIdentical(reference, Signals.Run(Make(), [l, r], block), $"block {block}");
    }

    [Fact]
    public void Multiband_ProcessAllocatesNothing() => Signals.AssertProcessAllocatesNothing(new MultibandCompressor { BandCount = 4 });
}
