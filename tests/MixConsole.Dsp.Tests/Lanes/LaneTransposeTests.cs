using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Tests.Lanes;

public sealed class LaneTransposeTests
{
    [Theory]
    [InlineData(8, 8)]
    [InlineData(16, 32)]
    [InlineData(16, 37)]
    [InlineData(32, 64)]
    [InlineData(16, 5)]
    public void Tiles_MoveEverySampleToItsLaneRow_AndBack(int width, int frames)
    {
        const int stride = 80;
        var planar = new float[width * stride];
        for (int i = 0; i < planar.Length; i++) planar[i] = i * 0.25f + 1;
        var block = new float[frames * width];

        int tiled = LaneTranspose.Tiles(planar, stride, block, width, width, frames, toLanes: true);
        Assert.True(tiled % 8 == 0 && tiled <= frames);
        for (int t = 0; t < tiled; t++)
            for (int l = 0; l < width; l++)
                Assert.Equal(planar[l * stride + t], block[t * width + l]);

        var back = new float[planar.Length];
        Assert.Equal(tiled, LaneTranspose.Tiles(back, stride, block, width, width, frames, toLanes: false));
        for (int l = 0; l < width; l++)
            for (int t = 0; t < stride; t++)
                Assert.Equal(t < tiled ? planar[l * stride + t] : 0f, back[l * stride + t]);
    }

    [Fact]
    public void Tiles_LeaveAPartlyFilledGroup_ToTheScalarLoop()
    {
        var planar = new float[16 * 40];
        var block = new float[32 * 16];
        Assert.Equal(0, LaneTranspose.Tiles(planar, 40, block, 16, 15, 32, toLanes: true));
    }
}
