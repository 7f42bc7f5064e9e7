using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using Xunit;

namespace MixConsole.Dsp.Tests.Loudness;

public class LoudnessTwinTests
{
    private static float[] Noise(int frames, int seed, double amplitude)
    {
        var rng = new Random(seed);
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float)(amplitude * (rng.NextDouble() - 0.5) * (1 + Math.Sin(i * 2e-4)));
        return x;
    }

    private static void AssertSameReadings(LoudnessMeter expected, LoudnessMeter actual, string where)
    {
        Assert.True(expected.MomentaryLufs.Equals(actual.MomentaryLufs), $"momentary at {where}");
        Assert.True(expected.ShortTermLufs.Equals(actual.ShortTermLufs), $"short-term at {where}");
        Assert.True(expected.IntegratedLufs.Equals(actual.IntegratedLufs), $"integrated at {where}");
        Assert.True(expected.LoudnessRangeLu.Equals(actual.LoudnessRangeLu), $"range at {where}");
        Assert.True(expected.MaxMomentaryLufs.Equals(actual.MaxMomentaryLufs), $"max momentary at {where}");
        Assert.True(expected.SamplePeakDbfs.Equals(actual.SamplePeakDbfs), $"sample peak at {where}");
    }

    [Theory]
    [InlineData(32)]
    [InlineData(7)]
    [InlineData(512)]
    public void Twin_ReusedSums_GiveTheReadingsOfAFullMeasurement_ThroughResetsAndDifferentAudio(int block)
    {
        const int frames = 48000 * 6;
        float[] l = Noise(frames, 1, 0.8), r = Noise(frames, 2, 0.6);
        var spec = new ProcessSpec(48000, 512, 2);
        LoudnessMeter twin = new(), follower = new(), reference = new();
        twin.Prepare(spec, null, LoudnessMeterOptions.LoudnessOnly with { KeepsLastBlock = true });
        follower.Prepare(spec, null, LoudnessMeterOptions.LoudnessOnly);
        reference.Prepare(spec, null, LoudnessMeterOptions.LoudnessOnly);
        var buffer = new AudioBuffer(2, 512);
        int blocks = 0;
        for (int start = 0; start < frames; start += block, blocks++)
        {
            int n = Math.Min(block, frames - start);
            l.AsSpan(start, n).CopyTo(buffer.Channel(0, n));
            r.AsSpan(start, n).CopyTo(buffer.Channel(1, n));
            // The twin restarts mid-stream (its filters and boundaries part from the follower's), then both restart.
            if (start == 48000 * 2) twin.Reset();
            if (start == 48000 * 4) { twin.Reset(); follower.Reset(); reference.Reset(); }
            twin.Process(buffer, n);
            // A while the audio after the twin differs by one sample's last bit: measured in full.
            if (start >= 48000 && start < 48000 + 4800) buffer.Channel(1, n)[0] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(buffer.Channel(1, n)[0]) ^ 1);
            follower.Process(buffer, n, twin);
            reference.Process(buffer, n);
            AssertSameReadings(reference, follower, $"frame {start}");
        }
        Assert.InRange(follower.BlocksReused, 1, blocks - 1); // both paths ran
    }

    [Fact]
    public void Twin_WithTheSameAudioFromTheStart_IsReusedEveryBlock()
    {
        var spec = new ProcessSpec(44100, 32, 2);
        LoudnessMeter twin = new(), follower = new();
        twin.Prepare(spec, null, LoudnessMeterOptions.LoudnessOnly with { KeepsLastBlock = true });
        follower.Prepare(spec, null, LoudnessMeterOptions.LoudnessOnly);
        float[] l = Noise(44100, 3, 0.5), r = Noise(44100, 4, 0.5);
        var buffer = new AudioBuffer(2, 32);
        int blocks = 0;
        for (int start = 0; start + 32 <= l.Length; start += 32, blocks++)
        {
            l.AsSpan(start, 32).CopyTo(buffer.Channel(0, 32));
            r.AsSpan(start, 32).CopyTo(buffer.Channel(1, 32));
            twin.Process(buffer, 32);
            follower.Process(buffer, 32, twin);
        }
        Assert.Equal(blocks, follower.BlocksReused);
        AssertSameReadings(twin, follower, "end");
    }
}
