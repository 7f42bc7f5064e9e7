using MixConsole.Dsp.Delay;
using MixConsole.Dsp.Effects;
using MixConsole.Dsp.Filters;
using Xunit;

namespace MixConsole.Dsp.Tests.Effects;

public class ReverbDiffusersTests
{
    [Theory]
    [InlineData(new[] { 229, 172, 611, 447 }, 32)]
    [InlineData(new[] { 229, 172, 611, 447 }, 512)]
    [InlineData(new[] { 229, 172, 611, 447 }, 7)]
    [InlineData(new[] { 5, 3, 12, 9 }, 1)]
    [InlineData(new[] { 5, 3, 12, 9 }, 13)]
    [InlineData(new[] { 0, 40, 1, 2 }, 64)]
    [InlineData(new[] { 100, 100, 100, 100 }, 100)]
    public void Diffusers_MatchAllpassesInSeries_SampleBySample_BitForBit(int[] delayFrames, int blockFrames)
    {
        // Small rings wrap at every position; blocks longer than a delay run in stretches.
        var diffusers = new ReverbDiffusers();
        diffusers.Prepare(delayFrames, 0.62f);
        var lines = delayFrames.Select(d => { var line = new DelayLine(); line.PrepareFrames(d); return line; }).ToArray();
        float[] input = TestSignals.Noise(6000, 9);
        float[] output = (float[])input.Clone();
        for (int start = 0; start < output.Length; start += blockFrames)
            diffusers.Process(output.AsSpan(start, Math.Min(blockFrames, output.Length - start)));
        for (int i = 0; i < input.Length; i++)
        {
            float x = input[i];
            for (int d = 0; d < lines.Length; d++)
            {
                float held = lines[d].Read(delayFrames[d]);
                float v = x + 0.62f * held;
                lines[d].Push(DenormalGuard.Flush(v));
                x = held - 0.62f * v;
            }

            Assert.True(BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(output[i]), $"frame {i}: {x} vs {output[i]}");
        }
    }

    [Fact]
    public void Reset_LeavesOnlyZeros_AndDiffusesAsFreshDiffusers()
    {
        ReverbDiffusers used = new(), fresh = new();
        used.Prepare([229, 172, 611, 447], 0.62f);
        fresh.Prepare([229, 172, 611, 447], 0.62f);
        Assert.True(fresh.HoldsOnlyZeros);
        float[] x = TestSignals.Noise(900, 5);
        used.Process(x.AsSpan(0, 500));
        Assert.False(used.HoldsOnlyZeros);
        used.Reset();
        Assert.True(used.HoldsOnlyZeros);
        float[] a = x[500..], b = x[500..];
        used.Process(a);
        fresh.Process(b);
        Assert.Equal(b, a);
    }
}
