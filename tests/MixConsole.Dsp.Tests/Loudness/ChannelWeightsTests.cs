using MixConsole.Dsp.Loudness;
using Xunit;

namespace MixConsole.Dsp.Tests.Loudness;

public class ChannelWeightsTests
{
    private static double[] All(ChannelWeights w)
    {
        var a = new double[w.Count];
        w.CopyTo(a);
        return a;
    }

    [Theory]
    [InlineData(1, new[] { 1.0 })]
    [InlineData(2, new[] { 1.0, 1.0 })]
    [InlineData(5, new[] { 1.0, 1.0, 1.0, 1.41, 1.41 })]
    [InlineData(6, new[] { 1.0, 1.0, 1.0, 0.0, 1.41, 1.41 })]
    [InlineData(8, new[] { 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.41, 1.41 })]
    public void ForChannelCount_UsesTheStandardLayouts(int channels, double[] expected) =>
        Assert.Equal(expected, All(ChannelWeights.ForChannelCount(channels)));

    [Theory]
    [InlineData(0x3Fu, 6, new[] { 1.0, 1.0, 1.0, 0.0, 1.41, 1.41 })]        // 5.1 (back)
    [InlineData(0x60Fu, 6, new[] { 1.0, 1.0, 1.0, 0.0, 1.41, 1.41 })]       // 5.1 (side)
    [InlineData(0x63Fu, 8, new[] { 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.41, 1.41 })] // 7.1: rear pair beyond 120 degrees
    [InlineData(0x33u, 4, new[] { 1.0, 1.0, 1.41, 1.41 })]                  // quad
    [InlineData(0x3u, 3, new[] { 1.0, 1.0, 1.0 })]                          // unassigned extra channel
    [InlineData(0x0u, 6, new[] { 1.0, 1.0, 1.0, 0.0, 1.41, 1.41 })]         // no mask: by count
    [InlineData(0x8u, 1, new[] { 0.0 })]                                    // a lone LFE
    public void FromChannelMask_WeighsEachSpeakerByItsPosition(uint mask, int channels, double[] expected) =>
        Assert.Equal(expected, All(ChannelWeights.FromChannelMask((WaveChannelMask)mask, channels)));

    [Fact]
    public void FromWeights_RejectsNegativeAndNonFinite()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelWeights.FromWeights([1.0, -1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelWeights.FromWeights([double.NaN]));
        Assert.Equal(new[] { 0.5, 2.0 }, All(ChannelWeights.FromWeights([0.5, 2.0])));
    }
}
