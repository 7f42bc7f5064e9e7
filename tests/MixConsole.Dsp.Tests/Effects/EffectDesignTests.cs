using MixConsole.Dsp.Core;
using MixConsole.Dsp.Effects;
using Xunit;

namespace MixConsole.Dsp.Tests.Effects;

/// <summary>Settings designed on the control side and applied on the audio thread sound exactly as the setters do.</summary>
public class EffectDesignTests
{
    private const double Fs = 48000;
    private const int Block = 32;

    // Noise bursts, so tails and echoes carry across every settings change.
    private static float[] Programme(int frames, int seed)
    {
        var random = new Random(seed);
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (i / 4800) % 3 == 0 ? (float)(random.NextDouble() * 2 - 1) * 0.5f : 0f;
        return x;
    }

    private static (float[] Left, float[] Right) Run(Action<int> atBlock, Action<float[], float[], float[], float[], int, int> process, int frames)
    {
        float[] inL = Programme(frames, 1), inR = Programme(frames, 2), outL = new float[frames], outR = new float[frames];
        for (int start = 0, block = 0; start < frames; start += Block, block++)
        {
            atBlock(block);
            process(inL, inR, outL, outR, start, Math.Min(Block, frames - start));
        }

        return (outL, outR);
    }

    [Fact]
    public void Reverb_AppliedDesign_IsBitIdenticalToTheSetters_ThroughSizeAndDecayChanges()
    {
        // (block, pre-delay ms, decay s, size, damping): a decay change at rest, a size change that glides, a change mid-glide.
        (int Block, float PreDelay, float Decay, float Size, float Damping)[] changes =
            [(0, 20, 1.8f, 0.7f, 0.3f), (300, 20, 3.5f, 0.7f, 0.3f), (900, 40, 3.5f, 0.2f, 0.6f), (940, 40, 0.8f, 0.9f, 0.1f)];
        var bySetters = new Reverb();
        var byDesign = new Reverb();
        bySetters.Prepare(new ProcessSpec(Fs, Block, 2));
        byDesign.Prepare(new ProcessSpec(Fs, Block, 2));
        void Step(Reverb reverb, bool designed, int block)
        {
            foreach (var c in changes)
            {
                if (c.Block != block) continue;
                if (designed)
                {
                    reverb.Apply(Reverb.Design(Fs, c.PreDelay, c.Decay, c.Size, c.Damping));
                    continue;
                }

                reverb.PreDelayMs = c.PreDelay;
                reverb.DecayTimeSeconds = c.Decay;
                reverb.Size = c.Size;
                reverb.Damping = c.Damping;
            }
        }

        const int frames = 48000 * 2;
        var expected = Run(b => Step(bySetters, false, b), (il, ir, ol, or, s, n) => bySetters.Process(il.AsSpan(s, n), ir.AsSpan(s, n), ol.AsSpan(s, n), or.AsSpan(s, n)), frames);
        var actual = Run(b => Step(byDesign, true, b), (il, ir, ol, or, s, n) => byDesign.Process(il.AsSpan(s, n), ir.AsSpan(s, n), ol.AsSpan(s, n), or.AsSpan(s, n)), frames);
        Assert.Contains(expected.Left, v => v != 0);
        Assert.Equal(expected.Left, actual.Left);
        Assert.Equal(expected.Right, actual.Right);
    }

    [Fact]
    public void StereoDelay_AppliedDesign_IsBitIdenticalToTheSetters()
    {
        (int Block, float TimeMs, float Feedback, float LowCut, float HighCut, bool PingPong)[] changes =
            [(0, 250, 0.4f, 100, 6000, false), (200, 375, 0.6f, 300, 3000, true), (700, 90, 0.2f, 40, 12000, false)];
        var bySetters = new StereoDelay(2000);
        var byDesign = new StereoDelay(2000);
        bySetters.Prepare(new ProcessSpec(Fs, Block, 2));
        byDesign.Prepare(new ProcessSpec(Fs, Block, 2));
        void Step(StereoDelay delay, bool designed, int block)
        {
            foreach (var c in changes)
            {
                if (c.Block != block) continue;
                if (designed)
                {
                    delay.Apply(StereoDelay.Design(Fs, 2000, c.TimeMs, c.TimeMs, c.Feedback, c.LowCut, c.HighCut, c.PingPong));
                    continue;
                }

                delay.SetTimesMs(c.TimeMs, c.TimeMs);
                delay.Feedback = c.Feedback;
                delay.LowCutHz = c.LowCut;
                delay.HighCutHz = c.HighCut;
                delay.PingPong = c.PingPong;
            }
        }

        const int frames = 48000 * 2;
        var expected = Run(b => Step(bySetters, false, b), (il, ir, ol, or, s, n) => bySetters.Process(il.AsSpan(s, n), ir.AsSpan(s, n), ol.AsSpan(s, n), or.AsSpan(s, n)), frames);
        var actual = Run(b => Step(byDesign, true, b), (il, ir, ol, or, s, n) => byDesign.Process(il.AsSpan(s, n), ir.AsSpan(s, n), ol.AsSpan(s, n), or.AsSpan(s, n)), frames);
        Assert.Contains(expected.Right, v => v != 0);
        Assert.Equal(expected.Left, actual.Left);
        Assert.Equal(expected.Right, actual.Right);
    }
}
