using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>
/// The effect slot as an X32 client drives it: <c>/fx/1/type</c> and the floats 0..1 it sends to <c>/fx/1/par/NN</c>,
/// scaled by the X32's table for the type. Channel 1 feeds slot 1 only; main hears the return alone.
/// </summary>
public sealed class X32EffectSoundTests
{
    private const int Hall = 0, Delay = 10, Chorus = 13;

    // The float an X32 client sends for a real value of a type's par (the type's own scaling).
    private static float Par(int type, int par, float real) => X32EffectTypes.Send[type].Parameters[par - 1].ToNormalized(real);

    private static EngineHarness SlotOne(int type)
    {
        var h = new EngineHarness().Real("/ch/01/mix/st", 0).Wire("/ch/01/mix/fx/1/level", 0.75f);
        Assert.True(h.Store.TrySetInt(h.Table.IndexOf("/fx/1/type"), type));
        return h;
    }

    private static float[] Impulse(double seconds)
    {
        var x = new float[(int)(EngineHarness.Rate * seconds)];
        x[0] = 1;
        return x;
    }

    [Fact]
    public void Hall_WithParDecayThreeSeconds_DecaysInAboutThreeSeconds()
    {
        // No damping (its corner at 20 kHz), so the whole band decays at the set time.
        var h = SlotOne(Hall).Wire("/fx/1/par/01", Par(Hall, 1, 0)).Wire("/fx/1/par/02", Par(Hall, 2, 3)).Wire("/fx/1/par/04", Par(Hall, 4, 20000));
        var y = h.Render([Impulse(3.6)]);
        double rt60 = Rt60Seconds(y[0], y[1]);
        Assert.InRange(rt60, 3 * 0.85, 3 * 1.15);
    }

    [Fact]
    public void Hall_ShorterDecayPar_DecaysFaster()
    {
        var h = SlotOne(Hall).Wire("/fx/1/par/01", Par(Hall, 1, 0)).Wire("/fx/1/par/02", Par(Hall, 2, 1)).Wire("/fx/1/par/04", Par(Hall, 4, 20000));
        var y = h.Render([Impulse(1.5)]);
        Assert.InRange(Rt60Seconds(y[0], y[1]), 0.85, 1.15);
    }

    [Fact]
    public void StereoDelay_TimeOf250Ms_EchoesAt250Ms_AndTheRightFactorScalesTheRightSide()
    {
        var h = SlotOne(Delay)
            .Wire("/fx/1/par/01", Par(Delay, 1, 100)).Wire("/fx/1/par/02", Par(Delay, 2, 250)).Wire("/fx/1/par/03", Par(Delay, 3, 0))
            .Wire("/fx/1/par/04", Par(Delay, 4, 4)).Wire("/fx/1/par/05", Par(Delay, 5, 6))
            .Wire("/fx/1/par/09", Par(Delay, 9, 10)).Wire("/fx/1/par/10", 0).Wire("/fx/1/par/11", 0).Wire("/fx/1/par/12", Par(Delay, 12, 20000));
        var y = h.Render([Impulse(0.5)]);
        int left = PeakIndex(y[0]), right = PeakIndex(y[1]);
        Assert.InRange(left, 12000 - 24, 12000 + 24);   // 250 ms x 1
        Assert.InRange(right, 18000 - 24, 18000 + 24);  // 250 ms x 3/2
        Assert.True(MaxAbs(y[0].AsSpan(0, 11000)) < 1e-4f, "nothing before the echo");
    }

    [Fact]
    public void UnsupportedType_OutputsSilence_KeepsItsParameters_AndSwitchingBackPlaysAgain()
    {
        var h = SlotOne(Hall);
        Assert.True(EngineHarness.Rms(h.Render([Impulse(0.5)])[0]) > 1e-5);

        h.Engine.Reset();
        Assert.True(h.Store.TrySetInt(h.Table.IndexOf("/fx/1/type"), Chorus));
        h.Wire("/fx/1/par/01", 0.25f);
        var y = h.Render([Impulse(0.5)]);
        Assert.Equal(0f, MaxAbs(y[0]));
        Assert.Equal(0f, MaxAbs(y[1]));
        Assert.Equal(0.25f, h.Store.GetNormalized(h.Table.IndexOf("/fx/1/par/01")));
        Assert.Equal("CRS", h.Table[h.Table.IndexOf("/fx/1/type")].Spec.Labels[(int)h.RealOf("/fx/1/type")]);

        Assert.True(h.Store.TrySetInt(h.Table.IndexOf("/fx/1/type"), Hall));
        Assert.True(EngineHarness.Rms(h.Render([Impulse(0.5)])[0]) > 1e-5);
    }

    // RT60 from Schroeder's backward integration: the -5 to -25 dB fall (T20), times three.
    private static double Rt60Seconds(float[] left, float[] right)
    {
        var remaining = new double[left.Length];
        double sum = 0;
        for (int i = left.Length - 1; i >= 0; i--) remaining[i] = sum += (double)left[i] * left[i] + (double)right[i] * right[i];
        int at5 = Array.FindIndex(remaining, e => e <= remaining[0] * Math.Pow(10, -0.5));
        int at25 = Array.FindIndex(remaining, e => e <= remaining[0] * Math.Pow(10, -2.5));
        Assert.True(at5 > 0 && at25 > at5, "the tail did not fall 25 dB");
        return 3.0 * (at25 - at5) / EngineHarness.Rate;
    }

    private static int PeakIndex(float[] x)
    {
        int peak = 0;
        for (int i = 1; i < x.Length; i++) if (Math.Abs(x[i]) > Math.Abs(x[peak])) peak = i;
        return peak;
    }

    private static float MaxAbs(ReadOnlySpan<float> x)
    {
        float max = 0;
        foreach (float v in x) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
