using MixConsole.Dsp.Smoothing;
using Xunit;

namespace MixConsole.Dsp.Tests.Smoothing;

public class SmoothingTests
{
    private const double Fs = 48000;

    [Fact]
    public void FaderJump_FromMinusInfinityToPlus10Db_NeverStepsMoreThanJumpOverRampLength()
    {
        const double rampMs = 20;
        var fader = new LinearSmoother(0f);
        fader.Prepare(Fs, rampMs);
        float target = MathF.Pow(10f, 10f / 20f);
        fader.SetTarget(target);

        // Documented bound: |jump| / ramp samples per sample on a full-scale DC input, plus float rounding.
        double bound = target / (Fs * rampMs / 1000) + LinearSmoother.RoundingTolerance * target;
        var dc = new float[2000];
        Array.Fill(dc, 1f);
        fader.ApplyGain(dc);
        float previous = 0f;
        for (int i = 0; i < dc.Length; i++)
        {
            Assert.True(Math.Abs(dc[i] - previous) <= bound, $"step {dc[i] - previous} at {i} exceeds {bound}");
            previous = dc[i];
        }
        Assert.Equal(target, dc[959]);
        Assert.True(dc[958] < target);
        Assert.False(fader.IsSmoothing);
    }

    [Fact]
    public void FaderJump_OnFullScaleSine_StepsNoMoreThanSineSlopePlusGainSlope()
    {
        var fader = new LinearSmoother(0f);
        fader.Prepare(Fs, 20);
        float target = MathF.Pow(10f, 10f / 20f);
        fader.SetTarget(target);
        float[] sine = TestSignals.Sine(1000, Fs, 4800);
        double sineSlope = 2 * Math.Sin(Math.PI * 1000 / Fs);
        double bound = target * sineSlope + target / 960.0 + 1e-5;
        float[] output = (float[])sine.Clone();
        fader.ApplyGain(output);
        for (int i = 1; i < output.Length; i++)
            Assert.True(Math.Abs(output[i] - output[i - 1]) <= bound, $"step at {i}");
        Assert.Equal(target * sine[4000], output[4000]);
    }

    [Fact]
    public void LinearSmoother_Fill_MatchesNext_AndRetargetsFromWhereItIs()
    {
        var a = new LinearSmoother(1f);
        var b = new LinearSmoother(1f);
        a.Prepare(Fs, 5);
        b.Prepare(Fs, 5);
        a.SetTarget(0f);
        b.SetTarget(0f);
        var block = new float[100];
        a.Fill(block);
        for (int i = 0; i < block.Length; i++) Assert.Equal(b.Next(), block[i]);
        float where = a.Current;
        a.SetTarget(2f);
        Assert.True(a.IsSmoothing);
        Assert.InRange(a.Next() - where, 0, (2f - where) / 240f * 1.0001f);
    }

    [Fact]
    public void OnePoleSmoother_Covers63Percent_InOneTimeConstant_AndSettlesExactly()
    {
        var smoother = new OnePoleSmoother(0f);
        smoother.Prepare(Fs, 10);
        smoother.SetTarget(1f);
        float first = smoother.Next();
        for (int i = 1; i < 480; i++) smoother.Next();
        Assert.Equal(1 - Math.Exp(-1), smoother.Current, 3);
        Assert.Equal(1 - Math.Exp(-1000.0 / (10 * Fs)), first, 6);
        for (int i = 0; i < 48000 && smoother.IsSmoothing; i++) smoother.Next();
        Assert.False(smoother.IsSmoothing);
        Assert.Equal(1f, smoother.Current);
    }

    [Fact]
    public void PanLaw_IsMinus3DbEachSide_AtCentre_AndConstantPowerEverywhere()
    {
        PanLaw.ConstantPower(0f, out float l, out float r);
        Assert.Equal(-3.0103, TestSignals.Db(l), 3);
        Assert.Equal(-3.0103, TestSignals.Db(r), 3);
        PanLaw.ConstantPower(-1f, out l, out r);
        Assert.Equal(1f, l, 6);
        Assert.Equal(0f, r, 6);
        PanLaw.ConstantPower(1f, out l, out r);
        Assert.Equal(0f, l, 6);
        Assert.Equal(1f, r, 6);
        for (float pan = -1f; pan <= 1f; pan += 0.05f)
        {
            PanLaw.ConstantPower(pan, out l, out r);
            Assert.Equal(1.0, l * l + r * r, 5);
        }
        PanLaw.ConstantPower(-0.5f, out l, out r);
        Assert.True(l > r);
    }

    [Fact]
    public void GainStage_PolarityFlip_RampsThroughZero_WithoutAClick()
    {
        var trim = new GainStage();
        trim.Prepare(Fs, 10);
        trim.GainDb = 6f;
        trim.Reset();
        var dc = new float[1000];
        Array.Fill(dc, 1f);
        trim.Inverted = true;
        trim.Process(dc);
        float gain = MathF.Pow(10f, 6f / 20f);
        double bound = 2 * gain / 480 + LinearSmoother.RoundingTolerance * gain;
        Assert.True(Math.Abs(dc[0] - gain) <= bound);
        for (int i = 1; i < dc.Length; i++) Assert.True(Math.Abs(dc[i] - dc[i - 1]) <= bound, $"step at {i}");
        Assert.Equal(-gain, dc[999], 5);
    }

    [Fact]
    public void LinearSmoother_Advance_IsThatManyNextCalls_AndRampToRestartsInStep()
    {
        var stepped = new LinearSmoother(0f);
        var sampled = new LinearSmoother(0f);
        stepped.Prepare(Fs, 2);
        sampled.Prepare(Fs, 2);
        stepped.SetTarget(1f);
        sampled.SetTarget(1f);
        foreach (int n in new[] { 1, 7, 32, 5, 100 })
        {
            float value = stepped.Advance(n);
            for (int i = 0; i < n; i++) sampled.Next();
            Assert.Equal(sampled.Current, value);
        }
        Assert.Equal(1f, stepped.Current);

        // Two ramps, one retargeted to where it already heads: RampTo restarts both, so they arrive together.
        var a = new LinearSmoother(0f);
        var b = new LinearSmoother(0f);
        a.Prepare(Fs, 1);
        b.Prepare(Fs, 1);
        a.SetTarget(1f);
        b.SetTarget(2f);
        for (int i = 0; i < 20; i++) { a.Next(); b.Next(); }
        a.RampTo(1f);
        b.RampTo(3f);
        int arrivedA = -1, arrivedB = -1;
        for (int i = 0; i < 100; i++)
        {
            a.Next();
            b.Next();
            if (arrivedA < 0 && !a.IsSmoothing) arrivedA = i;
            if (arrivedB < 0 && !b.IsSmoothing) arrivedB = i;
        }
        Assert.Equal(arrivedB, arrivedA);
        Assert.Equal(1f, a.Current);
        Assert.Equal(3f, b.Current);
    }

    [Fact]
    public void Smoothers_AllocateNothing()
    {
        var fader = new LinearSmoother(0f);
        fader.Prepare(Fs, 20);
        var block = new float[32];
        int n = 0;
        Allocations.AssertNone(() =>
        {
            fader.SetTarget((n++ & 1) == 0 ? 1f : 0.5f);
            fader.ApplyGain(block);
        }, calls: 10_000, what: "LinearSmoother.SetTarget and ApplyGain (32 frames)");
    }
}
