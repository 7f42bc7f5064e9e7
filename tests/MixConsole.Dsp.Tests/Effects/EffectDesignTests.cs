using MixConsole.Dsp.Core;
using MixConsole.Dsp.Effects;
using Xunit;

namespace MixConsole.Dsp.Tests.Effects;

/// <summary>Settings designed on the control side and applied on the audio thread sound exactly as the setters do.</summary>
public class EffectDesignTests
{
    private const double Fs = 48000;
    private const int Block = 32;
    private const int Frames = 48000 * 2;

    [Fact]
    public void Reverb_AppliedDesign_IsBitIdenticalToTheSetters_ThroughSizeAndDecayChanges()
    {
        // (block, pre-delay ms, decay s, size, damping): a decay change at rest, a size change that glides, a change mid-glide.
        (int Block, float PreDelay, float Decay, float Size, float Damping)[] changes =
            [(0, 20, 1.8f, 0.7f, 0.3f), (300, 20, 3.5f, 0.7f, 0.3f), (900, 40, 3.5f, 0.2f, 0.6f), (940, 40, 0.8f, 0.9f, 0.1f)];
        var bySetters = new Reverb();
        var byDesign = new Reverb();
        AssertSameOutput(bySetters, byDesign, block =>
        {
            foreach (var c in changes.Where(c => c.Block == block))
            {
                bySetters.PreDelayMs = c.PreDelay;
                bySetters.DecayTimeSeconds = c.Decay;
                bySetters.Size = c.Size;
                bySetters.Damping = c.Damping;
                byDesign.Apply(Reverb.Design(Fs, c.PreDelay, c.Decay, c.Size, c.Damping));
            }
        });
    }

    [Fact]
    public void StereoDelay_AppliedDesign_IsBitIdenticalToTheSetters()
    {
        (int Block, float TimeMs, float Feedback, float LowCut, float HighCut, bool PingPong)[] changes =
            [(0, 250, 0.4f, 100, 6000, false), (200, 375, 0.6f, 300, 3000, true), (700, 90, 0.2f, 40, 12000, false)];
        var bySetters = new StereoDelay(2000);
        var byDesign = new StereoDelay(2000);
        AssertSameOutput(bySetters, byDesign, block =>
        {
            foreach (var c in changes.Where(c => c.Block == block))
            {
                bySetters.SetTimesMs(c.TimeMs, c.TimeMs);
                bySetters.Feedback = c.Feedback;
                bySetters.LowCutHz = c.LowCut;
                bySetters.HighCutHz = c.HighCut;
                bySetters.PingPong = c.PingPong;
                byDesign.Apply(StereoDelay.Design(Fs, 2000, c.TimeMs, c.TimeMs, c.Feedback, c.LowCut, c.HighCut, c.PingPong));
            }
        });
    }

    // Noise bursts on both sides through both processors in blocks, settings changed before each block; outputs compared bit for bit.
    private static void AssertSameOutput(IAudioProcessor expected, IAudioProcessor actual, Action<int> atBlock)
    {
        expected.Prepare(new ProcessSpec(Fs, Block, 2));
        actual.Prepare(new ProcessSpec(Fs, Block, 2));
        var random = new Random(1);
        AudioBuffer a = new(2, Block), b = new(2, Block);
        bool heard = false;
        for (int start = 0, block = 0; start < Frames; start += Block, block++)
        {
            atBlock(block);
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < Block; i++)
                    a.Channel(c)[i] = b.Channel(c)[i] = (start + i) / 4800 % 3 == 0 ? (float)(random.NextDouble() - 0.5) : 0f;
            expected.Process(a, Block);
            actual.Process(b, Block);
            for (int c = 0; c < 2; c++) Assert.True(a.Channel(c).SequenceEqual(b.Channel(c)), $"block {block}, channel {c} differs");
            heard |= (start / 4800 % 3 != 0) && a.Channel(0)[0] != 0;
        }

        Assert.True(heard, "no tail or echo outside the bursts: nothing was compared");
    }
}
