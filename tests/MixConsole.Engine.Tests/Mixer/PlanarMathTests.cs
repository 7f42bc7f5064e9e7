using MixConsole.Engine.Metering;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class PlanarMathTests
{
    [Theory]
    [InlineData(37)]
    [InlineData(32)]
    [InlineData(8)]
    [InlineData(3)]
    public void FaderPanMono_MetersTheLargestMagnitude_WhereverItFalls(int frames)
    {
        var random = new Random(frames);
        for (int loudest = 0; loudest < frames; loudest++)
        {
            var pre = new float[frames];
            for (int i = 0; i < frames; i++) pre[i] = (float)(random.NextDouble() - 0.5);
            pre[loudest] = -0.9f - (float)random.NextDouble() * 0.05f;
            float[] post = new float[frames], left = new float[frames], right = new float[frames], mono = new float[frames];
            LevelAccumulator before = default, after = default;
            PlanarMath.FaderPanMono(pre, post, -0.7f, 0.5f, 0.6f, 0.3f, left, right, mono, ref before, ref after);
            Assert.Equal(MathF.Abs(pre[loudest]), before.Peak);
            Assert.Equal(MathF.Abs(pre[loudest]) * 0.7f, after.Peak);
            Assert.Equal(post.Max(MathF.Abs), after.Peak);
        }
    }

    [Fact]
    public void FaderPanMono_MetersSilence_AsZero()
    {
        float[] pre = new float[32], post = new float[32], left = new float[32], right = new float[32], mono = new float[32];
        LevelAccumulator before = default, after = default;
        PlanarMath.FaderPanMono(pre, post, 1f, 0.5f, 0.5f, 0f, left, right, mono, ref before, ref after);
        Assert.Equal(0f, before.Peak);
        Assert.Equal(0f, after.Peak);
    }
}
