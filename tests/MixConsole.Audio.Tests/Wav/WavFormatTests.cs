using MixConsole.Audio.Wav;
using Xunit;

namespace MixConsole.Audio.Tests.Wav;

public sealed class WavFormatTests
{
    [Theory]
    [InlineData(7_999, 2)]
    [InlineData(384_001, 2)]
    [InlineData(48_000, 0)]
    [InlineData(48_000, 65)]
    public void Construction_RefusesLayoutsOutsideTheSupportedRange(int rateHz, int channels) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavFormat(rateHz, channels, WavSampleFormat.Pcm16));

    [Fact]
    public void With_ChecksTheSameRanges()
    {
        var format = new WavFormat(48_000, 2, WavSampleFormat.Pcm24);
        Assert.Throws<ArgumentOutOfRangeException>(() => format with { SampleRateHz = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => format with { Channels = 100 });
        Assert.Throws<ArgumentOutOfRangeException>(() => format with { SampleFormat = (WavSampleFormat)42 });
        Assert.Equal(96_000, (format with { SampleRateHz = 96_000 }).SampleRateHz);
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm16, 16, false)]
    [InlineData(WavSampleFormat.Pcm24, 24, false)]
    [InlineData(WavSampleFormat.Pcm32, 32, false)]
    [InlineData(WavSampleFormat.Float32, 32, true)]
    [InlineData(WavSampleFormat.Float64, 64, true)]
    public void SampleFormats_KnowTheirSize(WavSampleFormat format, int bits, bool isFloat)
    {
        Assert.Equal(bits, format.BitsPerSample());
        Assert.Equal(bits / 8, format.BytesPerSample());
        Assert.Equal(isFloat, format.IsFloat());
        Assert.Equal(6 * bits / 8, new WavFormat(48_000, 6, format).BlockAlign);
    }
}
