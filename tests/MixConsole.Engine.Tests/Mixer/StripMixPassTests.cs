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
