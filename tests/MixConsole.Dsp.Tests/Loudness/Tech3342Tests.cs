using MixConsole.Dsp.Loudness;
using Xunit;
using static MixConsole.Dsp.Tests.Loudness.TestSignals;

namespace MixConsole.Dsp.Tests.Loudness;

/// <summary>EBU Tech 3342 loudness-range signals (1 kHz stereo sines), at 44.1, 48 and 96 kHz.</summary>
public class Tech3342Tests
{
    private const double Tolerance = 1.0;

    public static TheoryData<int> AllRates => new(Rates);

    private static double Range(int fs, params (double, double)[] segments) =>
        Measure(fs, Stereo(Tone(fs, 1000, segments)), options: LoudnessMeterOptions.LoudnessOnly).LoudnessRangeLu;

    [Theory, MemberData(nameof(AllRates))]
    public void Case1_Minus20ThenMinus30_GivesTenLu(int fs) =>
        Assert.InRange(Range(fs, (20, -20), (20, -30)), 10 - Tolerance, 10 + Tolerance);

    [Theory, MemberData(nameof(AllRates))]
    public void Case2_Minus20ThenMinus15_GivesFiveLu(int fs) =>
        Assert.InRange(Range(fs, (20, -20), (20, -15)), 5 - Tolerance, 5 + Tolerance);

    [Theory, MemberData(nameof(AllRates))]
    public void Case3_Minus40ThenMinus20_GivesTwentyLu(int fs) =>
        Assert.InRange(Range(fs, (20, -40), (20, -20)), 20 - Tolerance, 20 + Tolerance);

    [Theory, MemberData(nameof(AllRates))]
    public void Case4_FiveStepsUpAndDown_GivesFifteenLu(int fs) =>
        Assert.InRange(Range(fs, (20, -50), (20, -35), (20, -20), (20, -35), (20, -50)), 15 - Tolerance, 15 + Tolerance);

    [Fact]
    public void SteadyTone_HasZeroRange() =>
        Assert.InRange(Range(48000, (10, -20)), 0, 0.02);

    [Fact]
    public void ShorterThanOneShortTermWindow_HasNoRange()
    {
        var m = Measure(48000, Stereo(Tone(48000, 1000, (2.5, -20))), options: LoudnessMeterOptions.LoudnessOnly);
        Assert.False(m.TryGetLoudnessRangeLu(out _));
        Assert.Equal(0.0, m.LoudnessRangeLu);
    }
}
