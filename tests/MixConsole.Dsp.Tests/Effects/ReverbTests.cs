using MixConsole.Dsp.Core;
using MixConsole.Dsp.Effects;
using Xunit;

namespace MixConsole.Dsp.Tests.Effects;

public class ReverbTests
{
    private const double Fs = 48000;

    private static Reverb Make(Action<Reverb> configure)
    {
        var reverb = new Reverb();
        configure(reverb);
        reverb.Prepare(new ProcessSpec(Fs, 32, 2));
        return reverb;
    }

    private static (float[] Left, float[] Right) ImpulseResponse(Reverb reverb, int frames)
    {
        float[] input = new float[frames];
        input[0] = 1f;
        float[] left = new float[frames], right = new float[frames];
        for (int start = 0; start < frames; start += 32)
        {
            int n = Math.Min(32, frames - start);
            reverb.Process(input.AsSpan(start, n), input.AsSpan(start, n), left.AsSpan(start, n), right.AsSpan(start, n));
        }
        return (left, right);
    }

    /// <summary>RT60 from Schroeder backward integration: the -5 to -35 dB decay, extrapolated to 60 dB.</summary>
    private static double MeasureRt60Seconds(float[] left, float[] right)
    {
        var energy = new double[left.Length];
        double sum = 0;
        for (int i = left.Length - 1; i >= 0; i--)
        {
            sum += (double)left[i] * left[i] + (double)right[i] * right[i];
            energy[i] = sum;
        }
        int t5 = -1, t35 = -1;
        for (int i = 0; i < energy.Length; i++)
        {
            double db = 10 * Math.Log10(energy[i] / energy[0]);
            if (t5 < 0 && db <= -5) t5 = i;
            if (t35 < 0 && db <= -35) { t35 = i; break; }
        }
        Assert.True(t5 > 0 && t35 > t5, "decay did not reach -35 dB");
        return 2.0 * (t35 - t5) / Fs;
    }

    [Theory]
    [InlineData(0.5, 0.3)]
    [InlineData(1.5, 0.7)]
    [InlineData(3.0, 1.0)]
    public void Energy_DecaysAtTheSetRt60_Within10Percent(double rt60, double size)
    {
        var reverb = Make(r => { r.DecayTimeSeconds = (float)rt60; r.Size = (float)size; r.Damping = 0; r.PreDelayMs = 0; });
        var (left, right) = ImpulseResponse(reverb, (int)(Fs * rt60 * 1.2));
        double measured = MeasureRt60Seconds(left, right);
        Assert.InRange(measured / rt60, 0.9, 1.1);
    }

    [Fact]
    public void Damping_ShortensTheHighFrequencyDecay_NotTheLow()
    {
        var bright = Make(r => { r.DecayTimeSeconds = 2; r.Damping = 0; });
        var dark = Make(r => { r.DecayTimeSeconds = 2; r.Damping = 0.8f; });
        var (bl, br) = ImpulseResponse(bright, 96000);
        var (dl, dr) = ImpulseResponse(dark, 96000);
        // Late-tail energy in a high band (first difference emphasises highs).
        static double HighEnergy(float[] x, int start) { double e = 0; for (int i = start; i < x.Length; i++) { double d = x[i] - x[i - 1]; e += d * d; } return e; }
        Assert.True(HighEnergy(dl, 48000) < 0.01 * HighEnergy(bl, 48000));
        Assert.True(TestSignals.Rms(dl.AsSpan(48000)) > 0.05 * TestSignals.Rms(bl.AsSpan(48000)));
    }

    [Fact]
    public void PreDelay_KeepsTheOutputSilent_UntilItHasPassed()
    {
        var reverb = Make(r => { r.PreDelayMs = 80; r.Size = 0; });
        var (left, right) = ImpulseResponse(reverb, 24000);
        int preDelay = (int)(0.080 * Fs);
        Assert.Equal(0.0, TestSignals.Peak(left.AsSpan(0, preDelay)));
        Assert.Equal(0.0, TestSignals.Peak(right.AsSpan(0, preDelay)));
        Assert.True(TestSignals.Peak(left.AsSpan(preDelay)) > 1e-3);
    }

    [Fact]
    public void Output_IsStereo_NotTwoCopies()
    {
        var (left, right) = ImpulseResponse(Make(_ => { }), 48000);
        double lr = 0, ll = 0, rr = 0;
        for (int i = 0; i < left.Length; i++) { lr += left[i] * right[i]; ll += left[i] * left[i]; rr += right[i] * right[i]; }
        Assert.InRange(lr / Math.Sqrt(ll * rr), -0.5, 0.5);
    }

    [Theory]
    [InlineData(100f, 1f, 0f)]
    [InlineData(100f, 0f, 1f)]
    [InlineData(0.05f, 0f, 0f)]
    [InlineData(1e9f, 1f, 0f)]
    public void ExtremeSettings_StayFiniteAndBounded(float decaySeconds, float size, float damping)
    {
        var reverb = Make(r => { r.DecayTimeSeconds = decaySeconds; r.Size = size; r.Damping = damping; r.PreDelayMs = 1e6f; });
        float[] noise = TestSignals.Noise(480000, 23, 1.0);
        float[] left = new float[32], right = new float[32];
        double peak = 0;
        for (int start = 0; start < noise.Length; start += 32)
        {
            reverb.Process(noise.AsSpan(start, 32), noise.AsSpan(start, 32), left, right);
            if (start % 9600 == 0) reverb.Size = (start / 9600 % 2 == 0) ? 1f - size : size;
            foreach (float v in left) { Assert.True(float.IsFinite(v)); peak = Math.Max(peak, Math.Abs(v)); }
        }
        Assert.True(peak < 100, $"peak {peak}");
    }

    [Fact]
    public void Reverb_BlockSplitAnywhere_GivesTheSameOutput_WhileSettingsHold()
    {
        float[] input = TestSignals.Noise(12000, 6);
        var a = Make(_ => { });
        var b = Make(_ => { });
        float[] al = new float[input.Length], ar = new float[input.Length], bl = new float[input.Length], br = new float[input.Length];
        a.Process(input, input, al, ar);
        var random = new Random(12);
        for (int start = 0; start < input.Length;)
        {
            int n = Math.Min(random.Next(1, 64), input.Length - start);
            b.Process(input.AsSpan(start, n), input.AsSpan(start, n), bl.AsSpan(start, n), br.AsSpan(start, n));
            start += n;
        }
        Assert.Equal(al, bl);
        Assert.Equal(ar, br);
    }

    [Fact]
    public void BlocksLongerThanTheDiffusers_GiveTheSameOutput_AsShortBlocks()
    {
        // 1024-frame blocks outlast every diffuser (the sample-by-sample path); 32-frame blocks run stage by stage.
        float[] left = TestSignals.Noise(20480, 8), right = TestSignals.Noise(20480, 9);
        (float[], float[]) Render(int block)
        {
            var reverb = new Reverb { PreDelayMs = 3, DecayTimeSeconds = 1.5f, Mix = 0.7f };
            reverb.Prepare(new ProcessSpec(Fs, 1024, 2));
            float[] l = new float[left.Length], r = new float[left.Length];
            for (int start = 0; start < left.Length; start += block)
                reverb.Process(left.AsSpan(start, block), right.AsSpan(start, block), l.AsSpan(start, block), r.AsSpan(start, block));
            return (l, r);
        }

        var (longL, longR) = Render(1024);
        var (shortL, shortR) = Render(32);
        Assert.Equal(longL, shortL);
        Assert.Equal(longR, shortR);
        Assert.True(longL.Max(Math.Abs) > 0.01f);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.7f)]
    [InlineData(1f)]
    public void FrameByFrame_MatchesTheChunkedNetwork_BitForBit(float size)
    {
        // One frame per call runs the network frame by frame (no SIMD over time, no tiles): the plain path the chunks must equal.
        float[] left = TestSignals.Noise(9600, 10), right = TestSignals.Noise(9600, 11);
        (float[], float[]) Render(int block)
        {
            var reverb = new Reverb { PreDelayMs = 0, DecayTimeSeconds = 2.5f, Size = size, Damping = 0.6f, Mix = 0.6f };
            reverb.Prepare(new ProcessSpec(Fs, 512, 2));
            float[] l = new float[left.Length], r = new float[left.Length];
            for (int start = 0; start < left.Length; start += block)
                reverb.Process(left.AsSpan(start, block), right.AsSpan(start, block), l.AsSpan(start, block), r.AsSpan(start, block));
            return (l, r);
        }

        var (plainL, plainR) = Render(1);
        foreach (int block in new[] { 8, 32, 480 })
        {
            var (l, r) = Render(block);
            Assert.Equal(plainL, l);
            Assert.Equal(plainR, r);
        }
    }

    [Fact]
    public void Reverb_Process_AllocatesNothing()
    {
        var reverb = Make(_ => { });
        float[] l = TestSignals.Noise(32, 1), r = TestSignals.Noise(32, 2);
        Allocations.AssertNone(() => reverb.Process(l, r, l, r), calls: 10_000, what: "Reverb.Process (32 stereo frames)");
    }

    [Fact]
    public void SilentPath_OutputsWhatTheFullRunDoes_BitForBit_ThroughBurstsAndDeadTails()
    {
        // Bursts of noise with silences longer than the tail and the pre-delay's ring, a size change landing in a
        // silence and a pre-delay change before the last burst: the reverb that skips dead blocks against one running all.
        var skips = Make(r => { r.DecayTimeSeconds = 0.3f; r.Damping = 0.5f; r.PreDelayMs = 30; });
        var runs = new Reverb { RunsSilence = true, DecayTimeSeconds = 0.3f, Damping = 0.5f, PreDelayMs = 30 };
        runs.Prepare(new ProcessSpec(Fs, 32, 2));
        var random = new Random(11);
        const int Frames = 12 * 48000;
        float[] left = new float[Frames], right = new float[Frames];
        for (int i = 0; i < Frames; i++)
        {
            bool burst = i % (4 * 48000) < 9600;
            left[i] = burst ? (float)(random.NextDouble() - 0.5) : 0f;
            right[i] = burst ? (float)(random.NextDouble() - 0.5) : 0f;
        }

        float[] a = new float[64], b = new float[64];
        int silentBlocks = 0;
        for (int start = 0; start < Frames; start += 32)
        {
            if (start == 3 * 48000) skips.Size = runs.Size = 0.2f;
            if (start == 7 * 48000) skips.PreDelayMs = runs.PreDelayMs = 200;
            if (skips.IsSilent) silentBlocks++;
            skips.Process(left.AsSpan(start, 32), right.AsSpan(start, 32), a.AsSpan(0, 32), a.AsSpan(32));
            runs.Process(left.AsSpan(start, 32), right.AsSpan(start, 32), b.AsSpan(0, 32), b.AsSpan(32));
            for (int k = 0; k < 64; k++)
                Assert.True(BitConverter.SingleToInt32Bits(a[k]) == BitConverter.SingleToInt32Bits(b[k]), $"frame {start + k % 32}: {a[k]} vs {b[k]}");
        }

        // The tail dies within each 3.8 s silence: most of it runs nothing.
        Assert.True(silentBlocks > Frames / 32 / 3, $"{silentBlocks} silent blocks");
    }
}
