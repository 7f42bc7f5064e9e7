using MixConsole.Dsp.Core;
using MixConsole.Mastering.Analysis;

namespace MixConsole.Mastering.Tests.Analysis;

public class MixStatisticsTests
{
    private static MixStatistics Measure(int frames, Func<int, int, float> sample, int block = 1000)
    {
        var stats = new MixStatistics(2, 48000);
        var buffer = new AudioBuffer(2, block);
        for (int start = 0; start < frames; start += block)
        {
            int n = Math.Min(block, frames - start);
            for (int c = 0; c < 2; c++)
            {
                var ch = buffer.Channel(c, n);
                for (int i = 0; i < n; i++) ch[i] = sample(c, start + i);
            }
            stats.Process(buffer, n);
        }
        return stats;
    }

    [Fact]
    public void Correlation_IsPlusOneForMono_MinusOneForInverted_NearZeroForNoise()
    {
        float Sine(int i) => MathF.Sin(2 * MathF.PI * 440 * i / 48000f) * 0.5f;
        Assert.Equal(1.0, Measure(48000, (_, i) => Sine(i)).Correlation(), 6);
        var inverted = Measure(48000, (c, i) => c == 0 ? Sine(i) : -Sine(i));
        Assert.Equal(-1.0, inverted.Correlation(), 6);
        Assert.True(double.IsNegativeInfinity(inverted.MonoFoldDownDb()));
        var rng = new Random(7);
        var noise = Measure(480000, (_, _) => (float)(rng.NextDouble() - 0.5));
        Assert.InRange(noise.Correlation(), -0.01, 0.01);
        Assert.InRange(noise.MonoFoldDownDb(), -3.1, -2.9);
    }

    [Fact]
    public void WorstWindow_FindsAShortOutOfPhasePassage()
    {
        // One second of inverted right channel inside ten seconds of mono.
        var s = Measure(480000, (c, i) =>
        {
            float x = MathF.Sin(2 * MathF.PI * 200 * i / 48000f) * 0.5f;
            return c == 1 && i >= 240000 && i < 288000 ? -x : x;
        });
        Assert.True(s.Correlation() > 0.7);
        Assert.InRange(s.WorstWindowCorrelation(), -1.0, -0.99);
    }

    [Fact]
    public void DcOffsetRmsAndClipping_AreMeasured_WhateverTheBlockSize()
    {
        float Sample(int c, int i) => Math.Clamp(1.2f * MathF.Sin(2 * MathF.PI * 50 * i / 48000f), -1f, 1f) * (c == 0 ? 1 : 0.5f) + (c == 1 ? 0.02f : 0);
        var a = Measure(96000, Sample, block: 1);
        var b = Measure(96000, Sample, block: 4096);
        Assert.Equal(a.ClippedRuns(0), b.ClippedRuns(0));
        Assert.Equal(200, a.ClippedRuns(0)); // 50 Hz for 2 s: 100 positive + 100 negative flat tops
        Assert.Equal(0, a.ClippedRuns(1));
        Assert.Equal(0.02, b.DcOffset(1), 4);
        Assert.Equal(a.RmsDbfs(0), b.RmsDbfs(0), 6);
    }
}
