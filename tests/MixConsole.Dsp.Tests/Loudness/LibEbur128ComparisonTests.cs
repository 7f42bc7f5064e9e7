using MixConsole.Dsp.Loudness;
using Xunit;
using static MixConsole.Dsp.Tests.Loudness.TestSignals;

namespace MixConsole.Dsp.Tests.Loudness;

/// <summary>Side by side with libebur128 (Debian libebur128-1) on programme-like material.</summary>
public class LibEbur128ComparisonTests
{
    public static TheoryData<int, int, int, double> Programmes() => new()
    {
        { 44100, 2, 1, -1.0 },
        { 48000, 2, 2, -0.3 },
        { 96000, 2, 3, -6.0 },
        { 48000, 6, 4, -1.0 },
        { 32000, 1, 5, -12.0 },
        { 88200, 2, 6, -2.0 },
    };

    [Theory, MemberData(nameof(Programmes))]
    public void Programme_MatchesLibebur128(int fs, int channels, int seed, double peakDbfs)
    {
        float[][] x = Programme(fs, channels, 30, seed, peakDbfs);
        var ours = Measure(fs, x, blockFrames: 1024);
        var reference = LibEbur128.Measure(x, fs);

        Assert.Equal(reference.IntegratedLufs, ours.IntegratedLufs, 0.05);
        Assert.Equal(reference.MomentaryLufs, ours.MomentaryLufs, 0.05);
        Assert.Equal(reference.ShortTermLufs, ours.ShortTermLufs, 0.05);
        for (int c = 0; c < channels; c++)
        {
            Assert.Equal(reference.SamplePeak[c], ours.ChannelSamplePeak(c), 1e-7);
            double diffDb = 20 * Math.Log10(ours.ChannelTruePeak(c) / reference.TruePeak[c]);
            Assert.InRange(diffDb, -0.2, 0.2);
        }
        // libebur128 takes LRA short-term values every second, we take them every 100 ms.
        Assert.Equal(reference.RangeLu, ours.LoudnessRangeLu, 1.0);
    }
}
