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

    /// <summary>Runs <paramref name="x"/> through <paramref name="chain"/> in blocks of 64, calling <paramref name="atBlock"/> with each block's start first.</summary>
    private static float[][] RunWith(MasterChain chain, float[][] x, Action<int> atBlock)
    {
        const int block = 64;
        chain.Prepare(new ProcessSpec(48000, block, 2));
        var buffer = new AudioBuffer(2, block);
        float[][] y = [new float[x[0].Length], new float[x[0].Length]];
        for (int start = 0; start < x[0].Length; start += block)
        {
            atBlock(start);
            int n = Math.Min(block, x[0].Length - start);
            for (int c = 0; c < 2; c++) x[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
            chain.Process(buffer, n);
            for (int c = 0; c < 2; c++) buffer.Channel(c, n).CopyTo(y[c].AsSpan(start, n));
        }
        return y;
    }

    private static MasterChain Saturating(bool bypassed)
    {
        var chain = new MasterChain();
        chain.Saturation.DriveDb = 12;
        chain.Saturation.Mix = 1;
        chain.SetBypass(MasterStage.Saturation, bypassed);
        return chain;
    }

    [Fact]
    public void StageUnBypassed_WhilePlaying_IsPrimedAndCrossfaded_ExactlyBetweenTheAlignedDryAndTheAlwaysRunningStage()
    {
        // Saturation (latency of its oversampler) off, then on at 6400 while noise plays; the limiter stays under its ceiling.
        float[][] x = [Signals.Noise(16000, 11, 0.05), Signals.Noise(16000, 12, 0.05)];
        const int switchAt = 6400;
        float[][] alwaysOn = RunWith(Saturating(false), x, _ => { });
        float[][] alwaysOff = RunWith(Saturating(true), x, _ => { });
        var switched = Saturating(true);
        float[][] y = RunWith(switched, x, start => { if (start == switchAt) switched.SetBypass(MasterStage.Saturation, false); });
        int fade = (int)Math.Round(BypassCrossfade.DefaultFadeMs * 48000 / 1000);
        // The fade happens at the saturation stage's output: the limiter after it delays it on the way out.
        int downstream = switched.StageLatencyFrames(MasterStage.Limiter);
        Assert.True(switched.StageLatencyFrames(MasterStage.Saturation) > 0);
        double worst = 0, widest = 0;
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < x[c].Length; i++)
            {
                // The ideal: a linear crossfade, sample-aligned, between the bypassed and the always-running chain.
                double w = Math.Clamp((i - downstream - switchAt + 1) / (double)fade, 0, 1);
                double ideal = alwaysOff[c][i] + w * (alwaysOn[c][i] - alwaysOff[c][i]);
                worst = Math.Max(worst, Math.Abs(y[c][i] - ideal));
                widest = Math.Max(widest, Math.Abs(alwaysOn[c][i] - alwaysOff[c][i]));
            }
        }
        output.WriteLine($"largest distance from the ideal aligned crossfade {worst:E2}; the stage changes the sound by up to {widest:0.0000}");
        Assert.True(widest > 1e-3, "saturation must change the sound");
        Assert.True(worst <= 1e-6, $"{worst:E2} from the ideal crossfade: misaligned, stale or stepped");
    }

    [Fact]
    public void StageBypassed_WhilePlaying_FadesOut_AndThenIsTheAlignedDryExactly()
    {
        float[][] x = [Signals.Noise(16000, 13, 0.05), Signals.Noise(16000, 14, 0.05)];
        const int switchAt = 6400;
        float[][] alwaysOn = RunWith(Saturating(false), x, _ => { });
        float[][] alwaysOff = RunWith(Saturating(true), x, _ => { });
        var switched = Saturating(false);
        float[][] y = RunWith(switched, x, start => { if (start == switchAt) switched.SetBypass(MasterStage.Saturation, true); });
        int fade = (int)Math.Round(BypassCrossfade.DefaultFadeMs * 48000 / 1000);
        int downstream = switched.StageLatencyFrames(MasterStage.Limiter);
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < x[c].Length; i++)
            {
                double w = Math.Clamp((i - downstream - switchAt + 1) / (double)fade, 0, 1);
                double ideal = alwaysOn[c][i] + w * (alwaysOff[c][i] - alwaysOn[c][i]);
                Assert.True(Math.Abs(y[c][i] - ideal) <= 1e-6, $"channel {c} frame {i}: {y[c][i]} vs {ideal}");
            }
            for (int i = switchAt + downstream + fade; i < x[c].Length; i++) Assert.Equal(alwaysOff[c][i], y[c][i]);
        }
    }

    [Fact]
    public void ZeroLatencyStage_BypassedAndBack_FadesEachWay_AndIsExactlyEitherPathWhileSettled()
    {
        // The loudness gain (+6 dB, no latency) bypassed at 6400 and back at 12800, the multiband compressor bypassed
        // throughout (settled dry from the start); after the gain only the limiter, a pure delay at this level.
        float[][] x = [Signals.Noise(19200, 15, 0.05), Signals.Noise(19200, 16, 0.05)];
        const int offAt = 6400, onAt = 12800;
        MasterChain Gained()
        {
            var chain = new MasterChain();
            chain.LoudnessGain.GainDb = 6;
            chain.SetBypass(MasterStage.Multiband, true);
            return chain;
        }
        float[][] alwaysOn = RunWith(Gained(), x, _ => { });
        var bypassedChain = Gained();
        bypassedChain.SetBypass(MasterStage.LoudnessGain, true);
        float[][] alwaysOff = RunWith(bypassedChain, x, _ => { });
        var switched = Gained();
        float[][] y = RunWith(switched, x, start =>
        {
            if (start == offAt) switched.SetBypass(MasterStage.LoudnessGain, true);
            if (start == onAt) switched.SetBypass(MasterStage.LoudnessGain, false);
        });
        int fade = (int)Math.Round(BypassCrossfade.DefaultFadeMs * 48000 / 1000);
        int downstream = switched.StageLatencyFrames(MasterStage.Limiter);
        Assert.Equal(0, switched.StageLatencyFrames(MasterStage.LoudnessGain));
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < x[c].Length; i++)
            {
                int frame = i - downstream;
                double w = Math.Clamp((frame - offAt + 1) / (double)fade, 0, 1) - Math.Clamp((frame - onAt + 1) / (double)fade, 0, 1);
                double ideal = alwaysOn[c][i] + w * (alwaysOff[c][i] - alwaysOn[c][i]);
                Assert.True(Math.Abs(y[c][i] - ideal) <= 1e-6, $"channel {c} frame {i}: {y[c][i]} vs {ideal}");
                // Settled, each path is played exactly: the dry input itself, or the stage's output.
                if (frame >= offAt + fade && frame < onAt) Assert.Equal(alwaysOff[c][i], y[c][i]);
                if (frame < offAt || frame >= onAt + fade) Assert.Equal(alwaysOn[c][i], y[c][i]);
            }
        }
    }

    [Fact]
    public void Chain_AllocatesNothing_WhileStagesAreSwitched()
    {
        var chain = Busy();
        chain.Prepare(new ProcessSpec(48000, 256, 2));
        var buffer = new AudioBuffer(2, 256);
        var rng = new Random(3);
        for (int c = 0; c < 2; c++) { var s = buffer.Channel(c, 256); for (int i = 0; i < 256; i++) s[i] = (float)(rng.NextDouble() - 0.5); }
        int call = 0;
        Allocations.AssertNone(() =>
        {
            if (call % 9 == 0) chain.SetBypass(MasterStage.Limiter, call / 9 % 2 == 0);
            if (call % 13 == 0) chain.SetBypass(MasterStage.Eq, call / 13 % 2 == 0);
            call++;
            chain.Process(buffer, 256);
        }, calls: 2000, what: "MasterChain.Process while stages are switched");
    }

    [Fact]
    public void Chain_ProcessAllocatesNothing() => Signals.AssertProcessAllocatesNothing(Busy());
}
