namespace MixConsole.Engine.Tests.Mixer;

public sealed class ChannelStripTests
{
    private const double CentreDb = -3.0103; // constant-power pan at centre

    [Fact]
    public void Defaults_PassChannelAtUnityFaderAndCentrePan_ToMain()
    {
        var h = new EngineHarness();
        double unityDb = h.RealOf("/ch/01/mix/fader"); // -0.0098 dB, the X32 grid point
        double mainDb = h.RealOf("/main/st/mix/fader");
        Assert.Equal(CentreDb + unityDb + mainDb, h.SineGainDb(1000), 2);
        Assert.Equal(CentreDb + unityDb + mainDb, h.SineGainDb(1000, output: 1), 2);
    }

    [Theory]
    [InlineData(0.75f)]
    [InlineData(0.5f)]
    [InlineData(0.3f)]
    [InlineData(0.1f)]
    [InlineData(1.0f)]
    public void Fader_FollowsX32Law(float wire)
    {
        var h = new EngineHarness().Wire("/ch/01/mix/fader", wire);
        double expectedDb = wire >= 0.5 ? 40 * wire - 30 : wire >= 0.25 ? 80 * wire - 50 : wire >= 0.0625 ? 160 * wire - 70 : 480 * wire - 90;
        double snapped = h.RealOf("/ch/01/mix/fader");
        Assert.Equal(expectedDb, snapped, 1);
        Assert.Equal(CentreDb + snapped + h.RealOf("/main/st/mix/fader"), h.SineGainDb(1000), 2);
    }

    [Fact]
    public void Trim_AddsItsGain_AndPolarityInverts()
    {
        var h = new EngineHarness().Real("/ch/01/preamp/trim", 6f).Real("/ch/01/preamp/invert", 1);
        var x = EngineHarness.Constant(0.1f, 2000);
        var y = h.Render([x])[0];
        double expected = -0.1 * Math.Pow(10, (6 + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader")) / 20) * Math.Sqrt(0.5);
        Assert.Equal(expected, y[^1], 5);
    }

    [Theory]
    [InlineData(-1.0, 1.0, 0.0)]
    [InlineData(1.0, 0.0, 1.0)]
    [InlineData(0.0, 0.70710678, 0.70710678)]
    [InlineData(-0.5, 0.92387953, 0.38268343)]
    public void Pan_IsConstantPower_AtCentreAndExtremes(double pan, double left, double right)
    {
        var h = new EngineHarness().Real("/ch/01/mix/pan", (float)(pan * 100)).Real("/ch/01/mix/fader", 0f);
        var y = h.Render([EngineHarness.Constant(0.5f, 2000)]);
        double unity = Math.Pow(10, (h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader")) / 20);
        Assert.Equal(0.5 * left * unity, y[0][^1], 5);
        Assert.Equal(0.5 * right * unity, y[1][^1], 5);
        Assert.Equal(1.0, left * left + right * right, 6);
    }

    [Theory]
    [InlineData(0, 80.0)]
    [InlineData(1, 120.0)]
    [InlineData(2, 200.0)]
    public void HighPass_MatchesTheAnalogButterworth_ThroughTheStrip(int slopeIndex, double cornerHz)
    {
        // The slope parameter's positions are 12, 18 and 24 dB/oct: Butterworth orders 2, 3 and 4.
        int order = 2 + slopeIndex;
        var h = new EngineHarness().Real("/ch/01/preamp/hpon", 1).Real("/ch/01/preamp/hpf", (float)cornerHz).Real("/ch/01/preamp/hpslope", slopeIndex);
        double corner = h.RealOf("/ch/01/preamp/hpf");
        double baseDb = CentreDb + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader");
        foreach (double f in new[] { corner / 2, corner, corner * 2, corner * 8 })
        {
            var fresh = new EngineHarness().Real("/ch/01/preamp/hpon", 1).Real("/ch/01/preamp/hpf", (float)cornerHz).Real("/ch/01/preamp/hpslope", slopeIndex);
            double measured = fresh.SineGainDb(f, frames: 96000) - baseDb;
            double analog = ButterworthHighPassDb(f, corner, order);
            // A bilinear design with a prewarped corner is the analog filter at tan(pi f/fs) / tan(pi fc/fs) times
            // the corner: far below Nyquist that moves the response by well under 0.01 dB; the allowance says how much.
            double warped = ButterworthHighPassDb(corner * Math.Tan(Math.PI * f / EngineHarness.Rate) / Math.Tan(Math.PI * corner / EngineHarness.Rate), corner, order);
            double tolerance = 0.05 + Math.Abs(warped - analog);
            Assert.True(Math.Abs(measured - analog) <= tolerance,
                $"order {order} at {f:0.0} Hz (corner {corner:0.0} Hz): measured {measured:0.000} dB, analog Butterworth {analog:0.000} dB (± {tolerance:0.000})");
        }
    }

    /// <summary>Analog Butterworth high-pass of <paramref name="order"/>: |H(jw)|^2 = (w/wc)^2n / (1 + (w/wc)^2n), in dB.</summary>
    private static double ButterworthHighPassDb(double f, double cornerHz, int order)
    {
        double p = Math.Pow(f / cornerHz, 2 * order);
        return 10 * Math.Log10(p / (1 + p));
    }

    [Theory]
    [InlineData(2, 1000.0, 6.0, 2.0)]
    [InlineData(2, 16000.0, 9.0, 2.0)]
    [InlineData(1, 200.0, -6.0, 0.7)]
    [InlineData(4, 8000.0, 4.0, 0.7)]
    [InlineData(3, 1000.0, 6.0, 2.0)]  // VEQ: Q 2 at 6 dB is 2 (0.5 + 0.5 * 6 / 15) = 1.4
    [InlineData(3, 2000.0, -15.0, 2.0)] // VEQ at full cut: the set Q
    public void EqBand_MatchesAnalogResponse_AtChosenFrequencies(int type, double frequencyHz, double gainDb, double q)
    {
        var h = Eq(type, frequencyHz, gainDb, q);
        double f0 = h.RealOf("/ch/01/eq/2/f"), g = h.RealOf("/ch/01/eq/2/g"), qq = h.RealOf("/ch/01/eq/2/q");
        double baseDb = CentreDb + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader");
        foreach (double f in new[] { f0 / 4, f0 / 1.5, f0, Math.Min(f0 * 1.5, 20000), Math.Min(f0 * 4, 21000) })
        {
            double analog = AnalogDb(type, f, f0, g, qq);
            double measured = Eq(type, frequencyHz, gainDb, q).SineGainDb(f, frames: 48000) - baseDb;
            Assert.InRange(measured - analog, -0.5, 0.5);
        }
    }

    private static EngineHarness Eq(int type, double f, double g, double q) => new EngineHarness()
        .Real("/ch/01/eq/on", 1).Real("/ch/01/eq/2/type", type).Real("/ch/01/eq/2/f", (float)f).Real("/ch/01/eq/2/g", (float)g).Real("/ch/01/eq/2/q", (float)q);

    /// <summary>Analog (s-domain) magnitude of the RBJ-shaped bell and shelves the matched designs follow.</summary>
    private static double AnalogDb(int type, double f, double f0, double gainDb, double q)
    {
        double a = Math.Pow(10, gainDb / 40), w = f / f0;
        System.Numerics.Complex s = new(0, w);
        if (type == 3) q *= 0.5 + 0.5 * Math.Abs(gainDb) / 15; // VEQ: a bell whose Q follows its gain
        System.Numerics.Complex h = type switch
        {
            2 or 3 => (s * s + s * (a / q) + 1) / (s * s + s / (a * q) + 1),
            1 => a * (s * s + Math.Sqrt(a) / q * s + a) / (a * s * s + Math.Sqrt(a) / q * s + 1),
            _ => a * (a * s * s + Math.Sqrt(a) / q * s + 1) / (s * s + Math.Sqrt(a) / q * s + a),
        };
        return 20 * Math.Log10(h.Magnitude);
    }
}
