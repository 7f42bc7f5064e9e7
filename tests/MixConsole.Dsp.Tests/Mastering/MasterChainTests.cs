using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Mastering;

public class MasterChainTests(ITestOutputHelper output)
{
    private static MasterChain Busy(int bits = 16)
    {
        var chain = new MasterChain { OutputBitDepth = bits };
        chain.InputTrim.GainDb = 2;
        chain.Eq.SetBand(0, EqBandType.LowShelf, 90, 2);
        chain.Eq.SetBand(1, EqBandType.Bell, 3000, -2, 1);
        for (int b = 0; b < 3; b++) { chain.Multiband.Band(b).Ratio = 2.5f; chain.Multiband.Band(b).ThresholdDb = -24; }
        chain.Imager.BassMono = true;
        chain.Imager.SetWidthPercent(2, 130);
        chain.SetBypass(MasterStage.Saturation, false);
        chain.Saturation.DriveDb = 4;
        chain.Saturation.Mix = 0.5;
        chain.LoudnessGain.GainDb = 8;
        chain.Limiter.CeilingDbtp = -1;
        return chain;
    }

    private static float[][] Program(int frames)
    {
        // A drum-like pulse over a chord and noise: dense, with transients.
        float[] l = new float[frames], r = new float[frames];
        var rng = new Random(8);
        for (int i = 0; i < frames; i++)
        {
            double t = (double)i / 48000, beat = t * 2 % 1;
            double kick = Math.Exp(-beat * 30) * Math.Sin(2 * Math.PI * 55 * beat * (1 + Math.Exp(-beat * 40)));
            double chord = 0.15 * (Math.Sin(2 * Math.PI * 220 * t) + Math.Sin(2 * Math.PI * 277 * t + 1) + Math.Sin(2 * Math.PI * 330 * t + 2));
            double hiss = 0.05 * (2 * rng.NextDouble() - 1);
            l[i] = (float)(0.5 * kick + chord + hiss);
            r[i] = (float)(0.5 * kick + 0.9 * chord + 0.05 * (2 * rng.NextDouble() - 1));
        }
        return [l, r];
    }

    [Fact]
    public void Chain_ReportsTheSumOfItsStageLatencies()
    {
        var chain = Busy();
        chain.Prepare(new ProcessSpec(48000, 512, 2));
        int sum = 0;
        foreach (MasterStage s in Enum.GetValues<MasterStage>()) sum += chain.StageLatencyFrames(s);
        Assert.Equal(sum, chain.LatencyFrames);
        Assert.Equal(chain.Limiter.LatencyFrames + chain.Saturation.LatencyFrames, chain.LatencyFrames);
    }

    [Fact]
    public void Chain_Render_KeepsLengthAndSampleAlignment_EvenWithLatentStagesBypassed()
    {
        // Phase-neutral settings: only the latent stages (saturation at mix 0, limiter under threshold) and gains run.
        float[][] x = [Signals.Noise(20000, 1, 0.3), Signals.Noise(20000, 2, 0.3)];
        foreach (bool bypassLimiter in new[] { false, true })
        {
            var chain = new MasterChain();
            chain.SetBypass(MasterStage.Subsonic, true);
            chain.SetBypass(MasterStage.Multiband, true);
            chain.SetBypass(MasterStage.Imager, true);
            chain.SetBypass(MasterStage.Saturation, false);
            chain.Saturation.Mix = 0;
            chain.SetBypass(MasterStage.Limiter, bypassLimiter);
            chain.Prepare(new ProcessSpec(48000, 1024, 2));
            Assert.True(chain.LatencyFrames > 100);
            float[][] y = chain.Render(x);
            Assert.Equal(x[0].Length, y[0].Length);
            for (int c = 0; c < 2; c++) for (int i = 0; i < x[c].Length; i++) Assert.Equal(x[c][i], y[c][i]);
        }
    }

    [Fact]
    public void Chain_Output_IsIdenticalForBlockSizes1_7_32_4096()
    {
        float[][] x = Program(9000);
        float[][] reference = Signals.Run(Busy(), x, 4096);
        foreach (int block in new[] { 1, 7, 32 })
            Signals.AssertIdentical(reference, Signals.Run(Busy(), x, block), $"block {block}");
    }

    [Fact]
    public void Chain_LoudMaster_StaysUnderTheCeiling_AndLandsOnThe16BitGrid()
    {
        float[][] x = Program(48000);
        var chain = Busy();
        chain.Prepare(new ProcessSpec(48000, 1024, 2));
        float[][] y = chain.Render(x);
        double peak = Math.Max(ReferenceTruePeak.PeakDb(y[0]), ReferenceTruePeak.PeakDb(y[1]));
        output.WriteLine($"true peak {peak:F3} dBTP, limiter reduction at end {chain.Limiter.GainReductionDb:F1} dB");
        // Dither adds up to 1 LSB after the limiter: the ceiling holds to within that.
        Assert.True(peak <= -1 + 20 * Math.Log10(1 + 2.0 / 32768 / 0.89), $"{peak} dBTP");
        foreach (float v in y[0]) Assert.Equal(Math.Round(v * 32768.0), v * 32768.0, 9);
    }

    [Fact]
    public void Chain_ProcessAllocatesNothing() => Signals.AssertProcessAllocatesNothing(Busy());
}
