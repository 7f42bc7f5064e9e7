using MixConsole.Dsp.Core;
using MixConsole.Engine.Metering;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class StripMixPassTests
{
    private const int Strips = 9;

    // Pairs at rest go through the fused pass, strip 4 ramps alone; main, mono and solo start non-zero, so adding a
    // pair's products in another order, or dropping a zero gain's skip, changes the rounding of some sample.
    [Theory]
    [InlineData(37, true)]
    [InlineData(32, false)]
    [InlineData(7, true)]
    [InlineData(1, false)]
    public void RunAll_MatchesOneRunPerStrip_BitForBit(int frames, bool soloAfterFader)
    {
        var random = new Random(frames);
        var pre = new AudioBuffer(Strips, frames);
        for (int c = 0; c < Strips; c++)
        {
            Span<float> x = pre.Channel(c, frames);
            for (int t = 0; t < frames; t++) x[t] = (float)(random.NextDouble() * 2 - 1);
        }

        var sums = new float[5][];
        for (int k = 0; k < sums.Length; k++) sums[k] = Enumerable.Range(0, frames).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        ChannelRamps[] strips = MakeStrips(random);

        var fused = new Outcome(frames, strips, sums);
        StripMixPass.RunAll(fused.Ramps, Strips, pre, fused.Post, frames, fused.Sums[0], fused.Sums[1], fused.Sums[2], fused.Sums[3], fused.Sums[4],
            soloAfterFader, fused.PreLevels, fused.PostLevels);

        var plain = new Outcome(frames, strips, sums);
        for (int c = 0; c < Strips; c++)
        {
            StripMixPass.Run(ref plain.Ramps[c].Mix, pre.Channel(c, frames), plain.Post.Channel(c, frames), plain.Sums[0], plain.Sums[1], plain.Sums[2],
                plain.Sums[3], plain.Sums[4], soloAfterFader, ref plain.PreLevels[c], ref plain.PostLevels[c]);
        }

        Assert.Equal(Bits(plain.Post.RawData), Bits(fused.Post.RawData));
        for (int k = 0; k < sums.Length; k++) Assert.Equal(Bits(plain.Sums[k]), Bits(fused.Sums[k]));
        for (int c = 0; c < Strips; c++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(plain.PreLevels[c].Peak), BitConverter.SingleToInt32Bits(fused.PreLevels[c].Peak));
            Assert.Equal(BitConverter.SingleToInt32Bits(plain.PostLevels[c].Peak), BitConverter.SingleToInt32Bits(fused.PostLevels[c].Peak));
            Assert.Equal(BitConverter.DoubleToInt64Bits(plain.PreLevels[c].SumOfSquares), BitConverter.DoubleToInt64Bits(fused.PreLevels[c].SumOfSquares));
            Assert.Equal(BitConverter.DoubleToInt64Bits(plain.PostLevels[c].SumOfSquares), BitConverter.DoubleToInt64Bits(fused.PostLevels[c].SumOfSquares));
            Assert.Equal(plain.Ramps[c].Mix.Fader.Remaining, fused.Ramps[c].Mix.Fader.Remaining);
        }
    }

    // Buses share one input level: the pair must add a's window before b's into it, as two calls do.
    [Theory]
    [InlineData(32)]
    [InlineData(13)]
    public void FaderPanMonoPair_WithOneSharedInputLevel_MatchesTwoCalls(int frames)
    {
        var random = new Random(frames);
        float[] NewSignal() => Enumerable.Range(0, frames).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] preA = NewSignal(), preB = NewSignal(), left = NewSignal(), right = NewSignal(), mono = NewSignal();
        ChannelRamps[] strips = MakeStrips(random);
        ref MixRamps a = ref strips[0].Mix, b = ref strips[2].Mix;

        float[] postA = new float[frames], postB = new float[frames], l1 = (float[])left.Clone(), r1 = (float[])right.Clone(), m1 = (float[])mono.Clone();
        LevelAccumulator shared = new() { SumOfSquares = 0.1 }, postLevelA = default, postLevelB = default;
        PlanarMath.FaderPanMonoPair(preA, postA, a, ref shared, ref postLevelA, preB, postB, b, ref shared, ref postLevelB, l1, r1, m1);

        float[] plainA = new float[frames], plainB = new float[frames];
        LevelAccumulator plainShared = new() { SumOfSquares = 0.1 }, plainPostA = default, plainPostB = default;
        PlanarMath.FaderPanMono(preA, plainA, a.Fader.Target, a.PanLeft.Target, a.PanRight.Target, a.Mono.Target, left, right, mono, ref plainShared, ref plainPostA);
        PlanarMath.FaderPanMono(preB, plainB, b.Fader.Target, b.PanLeft.Target, b.PanRight.Target, b.Mono.Target, left, right, mono, ref plainShared, ref plainPostB);

        Assert.Equal(Bits(plainA), Bits(postA));
        Assert.Equal(Bits(plainB), Bits(postB));
        Assert.Equal(Bits(left), Bits(l1));
        Assert.Equal(Bits(right), Bits(r1));
        Assert.Equal(Bits(mono), Bits(m1));
        Assert.Equal(BitConverter.DoubleToInt64Bits(plainShared.SumOfSquares), BitConverter.DoubleToInt64Bits(shared.SumOfSquares));
        Assert.Equal(plainShared.Peak, shared.Peak);
        Assert.Equal(BitConverter.DoubleToInt64Bits(plainPostB.SumOfSquares), BitConverter.DoubleToInt64Bits(postLevelB.SumOfSquares));
    }

    private static ChannelRamps[] MakeStrips(Random random)
    {
        var strips = new ChannelRamps[Strips];
        for (int c = 0; c < Strips; c++)
        {
            ref MixRamps m = ref strips[c].Mix;
            m.Fader.Snap((float)(random.NextDouble() * 2 - 0.5));
            m.PanLeft.Snap((float)random.NextDouble());
            m.PanRight.Snap((float)random.NextDouble());
            m.Mono.Snap((float)random.NextDouble());
        }

        strips[1].Mix.PanLeft.Snap(0f);
        strips[2].Mix.Mono.Snap(0f);
        strips[6].Mix.PanRight.Snap(0f);
        strips[3].Mix.SoloLeft.Snap(0.7f);
        strips[8].Mix.SoloRight.Snap(0.4f);
        strips[4].Mix.Fader.RampTo(0.25f, 20);
        return strips;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private sealed class Outcome
    {
        public Outcome(int frames, ChannelRamps[] strips, float[][] sums)
        {
            Ramps = (ChannelRamps[])strips.Clone();
            Post = new AudioBuffer(Strips, frames);
            Sums = sums.Select(s => (float[])s.Clone()).ToArray();
        }

        public ChannelRamps[] Ramps { get; }
        public AudioBuffer Post { get; }
        public float[][] Sums { get; }
        public LevelAccumulator[] PreLevels { get; } = new LevelAccumulator[Strips];
        public LevelAccumulator[] PostLevels { get; } = new LevelAccumulator[Strips];
    }
}
