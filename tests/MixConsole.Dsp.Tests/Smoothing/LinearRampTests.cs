using MixConsole.Dsp.Smoothing;
using Xunit;

namespace MixConsole.Dsp.Tests.Smoothing;

public class LinearRampTests
{
    // Block lengths around the vector widths (4, 8, 16) and ramps that end inside, at the edge of and after a block.
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (int block in new[] { 1, 3, 7, 8, 16, 31, 32, 33, 64 })
            foreach (int ramp in new[] { 5, 32, 100, 480 })
                data.Add(block, ramp);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScaleMultiplyAddAndFill_GiveNextsValues_BitForBit(int block, int rampSamples)
    {
        var source = new float[block];
        var random = new Random(block * 1000 + rampSamples);
        LinearRamp scale = default, add = default, fill = default, reference = default;
        foreach (var r in new[] { 0.3f, 1.7f, 0f })
        {
            scale.RampTo(r, rampSamples);
            add.RampTo(r, rampSamples);
            fill.RampTo(r, rampSamples);
            reference.RampTo(r, rampSamples);
            for (int pass = 0; pass < rampSamples / block + 2; pass++)
            {
                for (int t = 0; t < block; t++) source[t] = (float)(random.NextDouble() * 2 - 1);
                var scaled = new float[block];
                var summed = new float[block];
                var gains = new float[block];
                Array.Fill(summed, 0.25f);
                scale.Scale(source, scaled);
                add.MultiplyAdd(source, summed);
                fill.Fill(gains);
                for (int t = 0; t < block; t++)
                {
                    bool moving = reference.Remaining > 0;
                    float gain = reference.Next();
                    Assert.Equal(gain, gains[t]);
                    Assert.Equal(source[t] * gain, scaled[t]);
                    // At rest the sum is one fused multiply-add.
                    Assert.Equal(moving ? 0.25f + source[t] * gain : MathF.FusedMultiplyAdd(source[t], gain, 0.25f), summed[t]);
                }
                Assert.Equal(reference.Remaining, scale.Remaining);
                Assert.Equal(reference.Remaining, add.Remaining);
                Assert.Equal(reference.Remaining, fill.Remaining);
            }
        }
    }
}
