using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

public class MappingTests
{
    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    private static ParameterSpec Spec(string path) => Table[Table.IndexOf(path)].Spec;

    [Fact]
    public void EqGain_IsPlusMinus15Db_InQuarterDbSteps_WithExactZero()
    {
        var gain = Spec("/ch/01/eq/2/g");
        Assert.Equal(121, gain.StepCount);
        Assert.Equal(-15f, gain.RealAt(0));
        Assert.Equal(15f, gain.RealAt(120));
        Assert.Equal(0f, gain.RealAt(60));
        Assert.Equal(0.5f, gain.ToNormalized(0f));
        for (int k = 0; k < 121; k++)
        {
            Assert.Equal(-15.0 + 0.25 * k, gain.RealAt(k));
        }

        Assert.Equal(2.75f, gain.SnapReal(2.8f));
        Assert.Equal(3.0f, gain.SnapReal(2.9f));
    }

    [Fact]
    public void Trim_IsPlusMinus18Db_InQuarterDbSteps()
    {
        var trim = Spec("/ch/01/preamp/trim");
        Assert.Equal(145, trim.StepCount);
        Assert.Equal(-18f, trim.Minimum);
        Assert.Equal(18f, trim.Maximum);
        Assert.Equal(0f, trim.Default);
    }

    [Fact]
    public void Pan_IsMinus100To100_CentreExactAtHalf()
    {
        var pan = Spec("/ch/01/mix/pan");
        Assert.Equal(-100f, pan.FromNormalized(0f));
        Assert.Equal(100f, pan.FromNormalized(1f));
        Assert.Equal(0f, pan.FromNormalized(0.5f));
        Assert.Equal(0.5f, pan.ToNormalized(0f));
        Assert.Equal(0f, pan.Default);
    }

    [Fact]
    public void EqFrequency_IsLog20HzTo20kHz_EqualRatioPerStep()
    {
        var f = Spec("/ch/01/eq/1/f");
        Assert.Equal(20f, f.RealAt(0));
        Assert.Equal(20000f, f.RealAt(f.StepCount - 1));
        double ratio = Math.Pow(1000.0, 1.0 / (f.StepCount - 1));
        for (int k = 1; k < f.StepCount; k++)
        {
            Assert.Equal(ratio, f.RealAt(k) / (double)f.RealAt(k - 1), 4);
        }

        // Half-way along the knob is the geometric middle: sqrt(20 * 20000) = 632.5 Hz.
        Assert.Equal(Math.Sqrt(20.0 * 20000.0), f.Mapping.ToReal(0.5), 6);
    }

    [Fact]
    public void HighPass_IsLog20To400Hz()
    {
        var hpf = Spec("/ch/01/preamp/hpf");
        Assert.Equal(20f, hpf.Minimum);
        Assert.Equal(400f, hpf.Maximum);
        Assert.Equal(Math.Sqrt(20.0 * 400.0), hpf.Mapping.ToReal(0.5), 6);
    }

    [Fact]
    public void Q_RunsFrom10DownTo0Point3_Logarithmically()
    {
        var q = Spec("/ch/01/eq/1/q");
        Assert.Equal(10f, q.FromNormalized(0f));
        Assert.Equal(0.3f, q.FromNormalized(1f));
        Assert.Equal(Math.Sqrt(10.0 * 0.3), q.Mapping.ToReal(0.5), 6);
        Assert.True(q.ToNormalized(0.3f) > q.ToNormalized(10f));
    }

    [Fact]
    public void TimesInMs_AreLogarithmic_ForReleaseAndHold()
    {
        var release = Spec("/ch/01/dyn/release");
        Assert.Equal(5f, release.Minimum);
        Assert.Equal(4000f, release.Maximum);
        Assert.Equal(Math.Sqrt(5.0 * 4000.0), release.Mapping.ToReal(0.5), 6);
        Assert.IsType<LogMapping>(Spec("/ch/01/gate/hold").Mapping);
    }

    [Fact]
    public void DelayTime_Covers0Point3To500Ms_InTenthsOfAMillisecond()
    {
        var delay = Spec("/ch/01/delay/time");
        Assert.Equal(0.3f, delay.Minimum);
        Assert.Equal(500f, delay.Maximum);
        Assert.Equal(4998, delay.StepCount);
        Assert.Equal(12.3f, delay.SnapReal(12.34f), 4);
    }

    [Fact]
    public void CompressorRatio_IsTheX32List_AsRealRatios()
    {
        var ratio = Spec("/ch/01/dyn/ratio");
        double[] expected = [1.1, 1.3, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 20, 100];
        Assert.Equal(expected.Length, ratio.StepCount);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal((float)expected[k], ratio.RealAt(k));
        }

        Assert.Equal(4f, ratio.Default);
        Assert.Equal(4f, ratio.SnapReal(4.2f));
    }

    [Fact]
    public void CompressorAndGateRanges_MatchTheReference()
    {
        Assert.Equal((-60f, 0f), (Spec("/ch/01/dyn/thr").Minimum, Spec("/ch/01/dyn/thr").Maximum));
        Assert.Equal((0f, 24f), (Spec("/ch/01/dyn/mgain").Minimum, Spec("/ch/01/dyn/mgain").Maximum));
        Assert.Equal((-80f, 0f), (Spec("/ch/01/gate/thr").Minimum, Spec("/ch/01/gate/thr").Maximum));
        Assert.Equal((3f, 60f), (Spec("/ch/01/gate/range").Minimum, Spec("/ch/01/gate/range").Maximum));
    }

    [Fact]
    public void Enums_HaveTheDocumentedLabels_InOrder()
    {
        Assert.Equal(["LCut", "LShv", "PEQ", "VEQ", "HShv", "HCut"], Spec("/ch/01/eq/1/type").Labels);
        Assert.Equal(["PEAK", "RMS"], Spec("/ch/01/dyn/det").Labels);
        Assert.Equal(["IN/LC", "<-EQ", "EQ->", "PRE", "POST", "GRP"], Spec("/ch/01/mix/01/type").Labels);
        Assert.Equal(["PREEQ", "PRE", "POST"], Spec("/ch/01/mix/fx/1/tap").Labels);
        Assert.Equal(["12", "18", "24"], Spec("/ch/01/preamp/hpslope").Labels);
        Assert.Equal(["PRE", "POST"], Spec("/ch/01/dyn/pos").Labels);
        Assert.Equal(["PFL", "AFL"], Spec("/config/solo/chmode").Labels);
        Assert.Equal(61, Spec("/fx/1/type").Labels.Count);
        Assert.Equal(["HALL", "AMBI", "RPLT", "ROOM", "CHAM", "PLAT", "VREV", "VRM", "GATE", "RVRS", "DLY", "3TAP", "4TAP"], Spec("/fx/4/type").Labels.Take(13));
        Assert.Equal(["PIT2", "PIT"], Spec("/fx/1/type").Labels.TakeLast(2));
        Assert.Equal(34, Spec("/fx/5/type").Labels.Count);
        Assert.Equal(["GEQ2", "GEQ"], Spec("/fx/8/type").Labels.Take(2));
        Assert.Equal(["PHAS", "FILT", "PAN", "SUB"], Spec("/fx/8/type").Labels.TakeLast(4));
    }

    [Fact]
    public void EnumFromFloat_SelectsRoundedPosition()
    {
        var type = Spec("/ch/01/eq/1/type");
        Assert.Equal(0f, type.FromNormalized(0f));
        Assert.Equal(3f, type.FromNormalized(0.5f));
        Assert.Equal(5f, type.FromNormalized(1f));
        Assert.Equal(0.6f, type.ToNormalized(3f));
    }

    [Fact]
    public void MixOn_FollowsX32Semantics_OneIsUnmuted_AndIsTheDefault()
    {
        var on = Spec("/ch/01/mix/on");
        Assert.Equal(ParameterKind.Bool, on.Kind);
        Assert.Equal(1f, on.Default);
        Assert.Equal("ON", on.Labels[1]);
        Assert.Equal('i', on.WireTypeTag);
    }

    [Fact]
    public void Bitmaps_HaveOneBitPerGroup()
    {
        var dca = Spec("/ch/01/grp/dca");
        var mute = Spec("/ch/01/grp/mute");
        Assert.Equal(ParameterKind.Int, dca.Kind);
        Assert.Equal(255f, dca.Maximum);
        Assert.Equal(63f, mute.Maximum);
        Assert.Equal(0f, dca.Default);
        Assert.True(dca.IsValidReal(0b1010_0101));
        Assert.False(dca.IsValidReal(256));
        Assert.False(dca.IsValidReal(2.5f));
    }

    [Fact]
    public void LinearSpec_RejectsAStepThatDoesNotDivideTheRange()
    {
        Assert.Throws<ArgumentException>(() => ParameterSpec.Linear(0, 1, 0.3, "dB", 0, "bad"));
    }

    [Fact]
    public void Defaults_LeaveProcessingOff_AndFadersAtUnity()
    {
        foreach (string path in new[] { "/ch/01/eq/on", "/ch/01/dyn/on", "/ch/01/gate/on", "/ch/01/preamp/hpon", "/ch/01/delay/on", "/-stat/solosw/01", "/master/bypass" })
        {
            Assert.Equal(0f, Spec(path).Default);
        }

        Assert.Equal(767, Spec("/ch/01/mix/fader").DefaultGridIndex);
        Assert.Equal(767, Spec("/bus/01/mix/fader").DefaultGridIndex);
        Assert.Equal(767, Spec("/main/st/mix/fader").DefaultGridIndex);
        Assert.True(float.IsNegativeInfinity(Spec("/ch/01/mix/01/level").Default));
        foreach (int band in new[] { 1, 2, 3, 4 })
        {
            Assert.Equal(0f, Spec($"/ch/01/eq/{band}/g").Default);
            Assert.NotEqual(0f, Spec($"/ch/01/eq/{band}/type").Default); // never a cut: gain 0 is neutral
            Assert.NotEqual(5f, Spec($"/ch/01/eq/{band}/type").Default);
        }
    }
}
