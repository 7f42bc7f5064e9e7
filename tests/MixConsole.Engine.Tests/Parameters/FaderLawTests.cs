using MixConsole.Engine.Parameters;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

public class FaderLawTests
{
    private static readonly FaderLawMapping Law = FaderLawMapping.Instance;
    private static readonly ParameterSpec Fader = ParameterSpec.Fader(0.0, "test fader");

    [Fact]
    public void FaderLaw_Zero_IsMinusInfinity()
    {
        Assert.True(double.IsNegativeInfinity(Law.ToReal(0.0)));
        Assert.True(float.IsNegativeInfinity(Fader.RealAt(0)));
        Assert.Equal(0.0, Law.ToNormalized(double.NegativeInfinity));
    }

    [Fact]
    public void FaderLaw_One_IsPlusTenDb()
    {
        Assert.Equal(10.0, Law.ToReal(1.0), 12);
        Assert.Equal(10f, Fader.RealAt(1023));
        Assert.Equal(1f, Fader.ToNormalized(10f));
    }

    [Fact]
    public void FaderLaw_ThreeQuarters_IsUnity_AndUnityIsGridPoint767()
    {
        Assert.Equal(0.0, Law.ToReal(0.75), 12);
        Assert.Equal(0.75, Law.ToNormalized(0.0), 12);
        // 0.75 * 1023 = 767.25: the grid's unity is index 767, -0.0098 dB, as on the X32.
        Assert.Equal(767, Fader.GridIndexOfReal(0f));
        Assert.Equal(767, Fader.DefaultGridIndex);
        Assert.Equal(40.0 * 767 / 1023 - 30.0, Fader.Default, 5);
        Assert.InRange(Fader.ToNormalized(0f), 0.7495f, 0.7505f);
    }

    [Theory]
    [InlineData(0.5, -10.0)]
    [InlineData(0.25, -30.0)]
    [InlineData(0.0625, -60.0)]
    public void FaderLaw_SegmentBoundaries_MatchReferenceAndBothSegmentsAgree(double f, double expectedDb)
    {
        Assert.Equal(expectedDb, Law.ToReal(f), 12);
        Assert.Equal(f, Law.ToNormalized(expectedDb), 12);
        // Continuity: just below the boundary the lower segment lands on the same level.
        Assert.Equal(expectedDb, Law.ToReal(f - 1e-12), 6);
    }

    [Theory]
    [InlineData(0.9, 6.0)]
    [InlineData(0.4, -18.0)]
    [InlineData(0.1, -54.0)]
    [InlineData(0.03125, -75.0)]
    public void FaderLaw_InsideEachSegment_FollowsItsLine(double f, double expectedDb)
    {
        Assert.Equal(expectedDb, Law.ToReal(f), 10);
        Assert.Equal(f, Law.ToNormalized(expectedDb), 10);
    }

    [Fact]
    public void FaderGrid_Has1024Steps_StrictlyRising()
    {
        Assert.Equal(1024, Fader.StepCount);
        for (int k = 1; k < 1024; k++)
        {
            Assert.True(Fader.RealAt(k) > Fader.RealAt(k - 1), $"step {k} does not rise");
        }

        Assert.Equal(-90.0 + 480.0 / 1023, Fader.RealAt(1), 4);
    }

    [Fact]
    public void FaderGrid_WireFloat_IsIndexOver1023()
    {
        for (int k = 0; k < 1024; k++)
        {
            Assert.Equal((float)(k / 1023.0), Fader.NormalizedAt(k));
            Assert.Equal(k, Fader.GridIndexOfNormalized(k / 1023f));
        }
    }
}
