using MixConsole.Dsp.Core;
using MixConsole.Dsp.Smoothing;
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

    // Ramps ending before, inside and after the chunk, off a vector boundary, next to ones at rest at zero and non-zero
    // targets: the one pass must give the bits of the six passes it replaces.
    [Theory]
    [InlineData(32, 0, 13, 40, 5)]
    [InlineData(32, 480, 0, 3, 32)]
    [InlineData(64, 17, 64, 0, 9)]
    public void RunMoving_MatchesSeparatePasses_BitForBit(int frames, int faderLeft, int leftLeft, int rightLeft, int monoLeft)
    {
        var random = new Random(frames + faderLeft);
        float[] NewSignal() => Enumerable.Range(0, frames).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] pre = NewSignal(), left = NewSignal(), right = NewSignal(), mono = NewSignal();
        var r = new MixRamps();
        r.Fader.Snap(0.8f);
        r.PanLeft.Snap(0f);
        r.PanRight.Snap(0.6f);
        r.Mono.Snap(0.3f);
        void Move(ref LinearRamp ramp, int samples, float target)
        {
            if (samples > 0) ramp.RampTo(target, samples);
        }

        Move(ref r.Fader, faderLeft, 0.1f);
        Move(ref r.PanLeft, leftLeft, 0.9f);
        Move(ref r.PanRight, rightLeft, 0f);
        Move(ref r.Mono, monoLeft, 0.55f);

        MixRamps fused = r;
        float[] post = new float[frames], l1 = (float[])left.Clone(), r1 = (float[])right.Clone(), m1 = (float[])mono.Clone();
        LevelAccumulator preLevel = new() { Peak = 0.2f, SumOfSquares = 0.1 }, postLevel = default;
        StripMixPass.RunMoving(ref fused, pre, post, l1, r1, m1, ref preLevel, ref postLevel);

        MixRamps plain = r;
        float[] plainPost = new float[frames];
        LevelAccumulator plainPre = new() { Peak = 0.2f, SumOfSquares = 0.1 }, plainPostLevel = default;
        plainPre.Add(pre);
        plain.Fader.Scale(pre, plainPost);
        plainPostLevel.Add(plainPost);
        plain.PanLeft.MultiplyAdd(plainPost, left);
        plain.PanRight.MultiplyAdd(plainPost, right);
        plain.Mono.MultiplyAdd(plainPost, mono);

        Assert.Equal(Bits(plainPost), Bits(post));
        Assert.Equal(Bits(left), Bits(l1));
        Assert.Equal(Bits(right), Bits(r1));
        Assert.Equal(Bits(mono), Bits(m1));
        Assert.Equal(plainPre.Peak, preLevel.Peak);
        Assert.Equal(plainPostLevel.Peak, postLevel.Peak);
        Assert.Equal(BitConverter.DoubleToInt64Bits(plainPre.SumOfSquares), BitConverter.DoubleToInt64Bits(preLevel.SumOfSquares));
        Assert.Equal(BitConverter.DoubleToInt64Bits(plainPostLevel.SumOfSquares), BitConverter.DoubleToInt64Bits(postLevel.SumOfSquares));
        Assert.Equal((plain.Fader.Remaining, plain.PanLeft.Remaining, plain.PanRight.Remaining, plain.Mono.Remaining),
            (fused.Fader.Remaining, fused.PanLeft.Remaining, fused.PanRight.Remaining, fused.Mono.Remaining));
    }

    // Buses share one input level: a pair must add a's window before b's into it, as two calls do.
    [Theory]
    [InlineData(32)]
    [InlineData(13)]
    public void FaderPanMonoPairs_WithOneSharedInputLevel_MatchesOneCallPerStrip(int frames)
    {
        var random = new Random(frames);
        float[] NewSignal() => Enumerable.Range(0, frames).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var pre = new AudioBuffer(2, frames);
        NewSignal().CopyTo(pre.Channel(0));
        NewSignal().CopyTo(pre.Channel(1));
        float[] left = NewSignal(), right = NewSignal(), mono = NewSignal();
        ChannelRamps[] strips = MakeStrips(random);
        MixRamps[] pair = [strips[0].Mix, strips[2].Mix];
        ref MixRamps a = ref pair[0], b = ref pair[1];

        var post = new AudioBuffer(2, frames);
        float[] l1 = (float[])left.Clone(), r1 = (float[])right.Clone(), m1 = (float[])mono.Clone();
        var set = new SharedInputSet(pair, new LevelAccumulator { SumOfSquares = 0.1 });
        Assert.Equal(2, PlanarMath.FaderPanMonoPairs(set, 0, pre, post, frames, l1, r1, m1));

        float[] plainA = new float[frames], plainB = new float[frames];
        LevelAccumulator plainShared = new() { SumOfSquares = 0.1 }, plainPostA = default, plainPostB = default;
        PlanarMath.FaderPanMono(pre.Channel(0, frames), plainA, a.Fader.Target, a.PanLeft.Target, a.PanRight.Target, a.Mono.Target, left, right, mono,
            ref plainShared, ref plainPostA);
        PlanarMath.FaderPanMono(pre.Channel(1, frames), plainB, b.Fader.Target, b.PanLeft.Target, b.PanRight.Target, b.Mono.Target, left, right, mono,
            ref plainShared, ref plainPostB);

        Assert.Equal(Bits(plainA), Bits(post.Channel(0, frames).ToArray()));
        Assert.Equal(Bits(plainB), Bits(post.Channel(1, frames).ToArray()));
        Assert.Equal(Bits(left), Bits(l1));
        Assert.Equal(Bits(right), Bits(r1));
        Assert.Equal(Bits(mono), Bits(m1));
        Assert.Equal(BitConverter.DoubleToInt64Bits(plainShared.SumOfSquares), BitConverter.DoubleToInt64Bits(set.Shared[0].SumOfSquares));
        Assert.Equal(plainShared.Peak, set.Shared[0].Peak);
        Assert.Equal(BitConverter.DoubleToInt64Bits(plainPostB.SumOfSquares), BitConverter.DoubleToInt64Bits(set.Post[1].SumOfSquares));
    }

    private readonly struct SharedInputSet(MixRamps[] ramps, LevelAccumulator shared) : PlanarMath.IStripSet
    {
        public LevelAccumulator[] Shared { get; } = [shared];

        public LevelAccumulator[] Post { get; } = new LevelAccumulator[ramps.Length];

        public int Count => ramps.Length;

        public ref MixRamps Mix(int strip) => ref ramps[strip];

        public ref LevelAccumulator PreLevel(int strip) => ref Shared[0];

        public ref LevelAccumulator PostLevel(int strip) => ref Post[strip];
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
