using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;

namespace MixConsole.Dsp.Tests.Core;

/// <summary>A state copy makes a twin continue exactly as its source would, without sharing anything with it.</summary>
public sealed class StateCopierTests
{
    private const int Block = 64;

    private static float[][] Noise(int frames, int seed)
    {
        var random = new Random(seed);
        var x = new[] { new float[frames], new float[frames] };
        for (int i = 0; i < frames; i++)
        {
            float swell = 0.2f + 0.8f * MathF.Abs(MathF.Sin(i * 0.0003f));
            x[0][i] = swell * (float)(random.NextDouble() * 2 - 1);
            x[1][i] = swell * (float)(random.NextDouble() * 2 - 1);
        }
        return x;
    }

    private static float[][] Play(IAudioProcessor processor, float[][] input, int from, int to)
    {
        var buffer = new AudioBuffer(2, Block);
        var output = new[] { new float[to - from], new float[to - from] };
        for (int start = from; start < to; start += Block)
        {
            for (int c = 0; c < 2; c++) input[c].AsSpan(start, Block).CopyTo(buffer.Channel(c, Block));
            processor.Process(buffer, Block);
            for (int c = 0; c < 2; c++) buffer.Channel(c, Block).CopyTo(output[c].AsSpan(start - from, Block));
        }
        return output;
    }

    private static MasterChain Chain()
    {
        var chain = new MasterChain();
        chain.Multiband.Band(1).Ratio = 4;
        chain.Multiband.Band(1).ThresholdDb = -30;
        chain.SetBypass(MasterStage.Saturation, false);
        chain.Limiter.CeilingDbtp = -6;
        chain.Prepare(new ProcessSpec(48_000, Block, 2));
        return chain;
    }

    [Fact]
    public void CopiedMasterChain_ContinuesBitForBitAsItsSource_AndSharesNoState()
    {
        float[][] input = Noise(48_000, 3);
        MasterChain source = Chain(), twin = Chain();
        Play(source, input, 0, 24_000);
        Play(twin, Noise(24_000, 9), 0, 24_000); // a different history, to be overwritten
        var copier = new StateCopier(source, twin);
        copier.Copy();

        float[][] fromTwin = Play(twin, input, 24_000, 48_000);
        float[][] fromSource = Play(source, input, 24_000, 48_000);
        for (int c = 0; c < 2; c++) Assert.Equal(fromSource[c], fromTwin[c]);
        Assert.True(fromSource[0].Max(MathF.Abs) > 0.1f, "the chain played something");
    }

    [Fact]
    public void Copy_AllocatesNothing()
    {
        MasterChain source = Chain(), twin = Chain();
        var copier = new StateCopier(source, twin);
        Allocations.AssertNone(copier.Copy, calls: 200, "a master chain's state copy", warmupCalls: 20);
    }

    [Fact]
    public void TwinsOfDifferentShape_AreRefusedWhenPlanned()
    {
        var small = new BypassCrossfade();
        small.Prepare(new ProcessSpec(48_000, Block, 2), 10);
        var large = new BypassCrossfade();
        large.Prepare(new ProcessSpec(48_000, Block, 2), 1000);
        Assert.Throws<InvalidOperationException>(() => new StateCopier(small, large));
    }
}
