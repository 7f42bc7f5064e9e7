using MixConsole.Dsp.Oversampling;
using MixConsole.Dsp.Tests.Mastering;
using Xunit;

namespace MixConsole.Dsp.Tests.Oversampling;

public class HalfBandUpsamplerTests
{
    private static (float[] Even, float[] Odd) Run(HalfBandUpsampler upsampler, float[] x, int block)
    {
        float[] even = new float[x.Length], odd = new float[x.Length];
        for (int start = 0; start < x.Length; start += block)
        {
            int n = Math.Min(block, x.Length - start);
            upsampler.Process(0, x.AsSpan(start, n), even.AsSpan(start, n), odd.AsSpan(start, n), 0);
        }
        return (even, odd);
    }

    [Theory]
    [InlineData(0.06, 0.46)]
    [InlineData(0.015, 0.49)]
    public void OddPhase_IsTheSineHalfASampleLater_EvenPhaseTheInputDelayed(double transitionWidth, double cyclesPerSample)
    {
        var upsampler = new HalfBandUpsampler(transitionWidth);
        upsampler.Prepare(1, 64);
        const int N = 6000;
        var x = new float[N];
        for (int i = 0; i < N; i++) x[i] = (float)(0.7 * Math.Sin(2 * Math.PI * cyclesPerSample * i + 0.4));
        var (even, odd) = Run(upsampler, x, 64);
        int d = upsampler.DelayFrames;
        double worst = 0;
        for (int n = 2 * d + 10; n < N; n++)
        {
            Assert.Equal(x[n - d], even[n]);
            double exact = 0.7 * Math.Sin(2 * Math.PI * cyclesPerSample * (n - d + 0.5) + 0.4);
            worst = Math.Max(worst, Math.Abs(odd[n] - exact));
        }
        Assert.True(worst < 0.7 * 1e-3, $"largest error {worst} at {cyclesPerSample} of the rate"); // within 0.01 dB of the amplitude
    }

    [Fact]
    public void Output_IsIdenticalForAnyBlockSize()
    {
        float[] x = Signals.Noise(3000, 4, 1.0);
        var reference = Run(Prepared(0.015, 256), x, 256);
        foreach (int block in new[] { 1, 7, 32, 100 })
        {
            var split = Run(Prepared(0.015, 256), x, block);
            Assert.Equal(reference.Even, split.Even);
            Assert.Equal(reference.Odd, split.Odd);
        }
    }

    [Fact]
    public void LookBack_RecomputesTheOutputsOfFramesOnlyAdvancedThrough_BitIdentical()
    {
        // What the limiter relies on after a quiet block: outputs skipped then recomputed equal the ones never skipped.
        float[] x = Signals.Noise(320, 8, 1.0);
        var reference = Run(Prepared(0.06, 32, 4), x, 32);
        var upsampler = Prepared(0.06, 32, 4);
        float[] even = new float[36], odd = new float[36];
        for (int start = 0; start < 288; start += 32) upsampler.Advance(0, x.AsSpan(start, 32));
        upsampler.Process(0, x.AsSpan(288, 32), even, odd, 4);
        for (int j = 0; j < 36; j++)
        {
            Assert.Equal(reference.Even[284 + j], even[j]);
            Assert.Equal(reference.Odd[284 + j], odd[j]);
        }
    }

    [Fact]
    public void NoOddOutput_ExceedsTheL1NormBound()
    {
        var upsampler = Prepared(0.06, 4096);
        var rng = new Random(12);
        var x = new float[4096];
        for (int i = 0; i < x.Length; i++) x[i] = rng.Next(2) == 0 ? 1f : -1f;
        var (_, odd) = Run(upsampler, x, 4096);
        foreach (float v in odd) Assert.True(Math.Abs(v) <= upsampler.OddL1Norm * (1 + 1e-6), $"{v} over {upsampler.OddL1Norm}");
    }

    [Theory]
    [InlineData(0.06)]
    [InlineData(0.015)]
    public void OddProvablyUnder_NeverClaimsAnOutputAtOrOverTheLimit_OverTheLookBackAndTheBlock(double transitionWidth)
    {
        const int block = 32, lookBack = 4;
        var upsampler = Prepared(transitionWidth, block, lookBack);
        var rng = new Random(5);
        float[] even = new float[lookBack + block], odd = new float[lookBack + block], x = new float[block];
        var window = new List<float>();
        int claims = 0;
        for (int b = 0; b < 3000; b++)
        {
            // Blocks of noise, near-Nyquist tones and +,+,-,- runs at levels that wander over 40 dB.
            double level = Math.Pow(10, -2 * rng.NextDouble());
            for (int i = 0; i < block; i++)
            {
                int n = b * block + i;
                x[i] = (float)(level * ((b / 7) % 3) switch { 0 => 2 * rng.NextDouble() - 1, 1 => Math.Sin(2.9 * n), _ => (n / 2) % 2 == 0 ? 1 : -1 });
                window.Add(x[i]);
            }
            if (window.Count > upsampler.DelayFrames * 2 + lookBack + block) window.RemoveRange(0, window.Count - (upsampler.DelayFrames * 2 + lookBack + block));
            float windowMax = window.Max(Math.Abs), blockMax = x.Max(Math.Abs);
            bool[] under = new bool[6], blockUnder = new bool[6];
            double[] limits = new double[6];
            for (int k = 0; k < 6; k++)
            {
                limits[k] = windowMax * (0.5 + 0.4 * k);
                under[k] = upsampler.OddProvablyUnder(0, x, blockMax, windowMax, limits[k], lookBack);
                blockUnder[k] = upsampler.OddProvablyUnder(0, x, blockMax, windowMax, limits[k], 0);
            }
            upsampler.Process(0, x, even, odd, b == 0 ? 0 : lookBack);
            float actual = odd.Max(Math.Abs), actualInBlock = odd.AsSpan(b == 0 ? 0 : lookBack, block).ToArray().Max(Math.Abs);
            for (int k = 0; k < 6; k++)
            {
                if (under[k])
                {
                    claims++;
                    Assert.True(actual < limits[k], $"block {b}: an odd output of {actual} against a limit of {limits[k]} claimed under");
                }
                if (blockUnder[k]) Assert.True(actualInBlock < limits[k], $"block {b}: a block output of {actualInBlock} against a limit of {limits[k]} claimed under");
            }
        }
        Assert.True(claims > 1000, $"only {claims} claims"); // the bound is useful, not only safe
    }

    private static HalfBandUpsampler Prepared(double transitionWidth, int maxBlock, int lookBack = 0)
    {
        var upsampler = new HalfBandUpsampler(transitionWidth);
        upsampler.Prepare(1, maxBlock, lookBack);
        return upsampler;
    }
}
