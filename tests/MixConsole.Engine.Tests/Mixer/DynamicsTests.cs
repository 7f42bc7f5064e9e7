using MixConsole.Dsp.Dynamics;

namespace MixConsole.Engine.Tests.Mixer;

public sealed class DynamicsTests
{
    private static double PathDb(EngineHarness h) => -3.0103 + h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader");

    // The ratio as the X32 labels it ("4.0" is 4:1), the knee the X32's 0..5 (2 dB of width a step).
    private static EngineHarness Compressor(float thresholdDb, string ratio, float knee, float attackMs = 0, float releaseMs = 100) =>
        new EngineHarness().Real("/ch/01/dyn/on", 1).Real("/ch/01/dyn/thr", thresholdDb).Label("/ch/01/dyn/ratio", ratio)
            .Real("/ch/01/dyn/knee", knee).Real("/ch/01/dyn/attack", attackMs).Real("/ch/01/dyn/release", releaseMs);

    [Theory]
    [InlineData(-40.0, 0.0)]
    [InlineData(-21.0, 0.0)]
    [InlineData(-20.0, 0.1875)]
    [InlineData(-19.0, 0.75)]
    [InlineData(-10.0, 7.5)]
    [InlineData(-2.0, 13.5)]
    public void Compressor_StaticCurve_MatchesThresholdRatioAndKnee(double levelDb, double expectedReductionDb)
    {
        // Threshold -20 dB, 4:1, 2 dB knee: in the knee the reduction is 0.75 (x + 1)^2 / 4.
        var h = Compressor(-20, "4.0", 1);
        float amplitude = (float)Math.Pow(10, levelDb / 20);
        var y = h.Render([EngineHarness.Constant(amplitude, 9600)])[0];
        double gainDb = EngineHarness.Db(y[^1] / amplitude) - PathDb(h);
        Assert.Equal(-expectedReductionDb, gainDb, 2);
    }

    [Theory]
    [InlineData("4.0", 4f, 1, 2f)]
    [InlineData("4.0", 4f, 3, 6f)]
    [InlineData("10", 10f, 1, 2f)]
    [InlineData("10", 10f, 3, 6f)]
    public void Compressor_X32RatioAndKnee_SoundAsTheirRatioAndKneeWidth(string ratio, float ratioToOne, int knee, float kneeDb)
    {
        // The X32's ratio "4.0" is 4:1 and its knee k a soft knee 2k dB wide: the channel's steady gain is the
        // kernel's static curve at that ratio and width, below, in and above the knee.
        var reference = new Compressor { ThresholdDb = -20, Ratio = ratioToOne, KneeDb = kneeDb };
        foreach (float levelDb in (float[])[-30, -21.5f, -20, -18.5f, -10, -2])
        {
            var h = Compressor(-20, ratio, knee);
            float amplitude = MathF.Pow(10, levelDb / 20);
            var y = h.Render([EngineHarness.Constant(amplitude, 9600)])[0];
            Assert.Equal(-reference.StaticGainReductionDb(levelDb), EngineHarness.Db(y[^1] / amplitude) - PathDb(h), 0.01);
        }
    }

    [Fact]
    public void Compressor_AttackAndRelease_AreTimeConstants()
    {
        var h = Compressor(-20, "4.0", 0, attackMs: 10, releaseMs: 100);
        int step = 4800, frames = step + 4800 + 14400;
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = i >= step && i < step + 4800 ? 0.31622777f : 0.01f; // -10 dB burst over a -40 dB bed
        var y = h.Render([x])[0];
        double path = PathDb(h);
        double ReductionAt(int i) => -(EngineHarness.Db(y[i] / x[i]) - path);
        Assert.Equal(7.5 * (1 - Math.Exp(-1)), ReductionAt(step + 480), 1);   // one attack time constant in
        Assert.Equal(7.5, ReductionAt(step + 4799), 1);
        Assert.Equal(7.5 * Math.Exp(-1), ReductionAt(step + 4800 + 4800), 1); // one release time constant after
    }

    [Fact]
    public void Compressor_MakeupAndMix_AreApplied()
    {
        var h = Compressor(-20, "4.0", 0).Real("/ch/01/dyn/mgain", 6).Real("/ch/01/dyn/mix", 50);
        float a = 0.31622777f; // -10 dB: 7.5 dB of reduction, then +6 dB make-up on the wet half
        var y = h.Render([EngineHarness.Constant(a, 9600)])[0];
        double wet = Math.Pow(10, (-7.5 + 6) / 20);
        Assert.Equal(EngineHarness.Db(0.5 + 0.5 * wet), EngineHarness.Db(y[^1] / a) - PathDb(h), 2);
    }

    [Fact]
    public void Gate_HoldsThenReleasesWithItsTimeConstant()
    {
        var h = new EngineHarness().Real("/ch/01/gate/on", 1).Real("/ch/01/gate/mode", 3).Real("/ch/01/gate/thr", -40)
            .Real("/ch/01/gate/range", 60).Real("/ch/01/gate/attack", 0).Real("/ch/01/gate/hold", 50).Real("/ch/01/gate/release", 100);
        double holdMs = h.RealOf("/ch/01/gate/hold"), releaseMs = h.RealOf("/ch/01/gate/release");
        int drop = 9600, frames = drop + 48000;
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = i < drop ? 0.1f : 0.001f;
        var y = h.Render([x])[0];
        double path = PathDb(h);
        double Attenuation(int i) => -(EngineHarness.Db(y[i] / x[i]) - path);

        // The detector falls with a 10 ms time constant from -20 dB: it crosses -40 dB after 10 ms * ln(0.099 / 0.009).
        int below = drop + (int)Math.Ceiling(480 * Math.Log(0.099 / 0.009));
        int holdEnd = below + (int)Math.Round(holdMs * 48);
        Assert.Equal(0, Attenuation(drop - 1), 2);
        Assert.Equal(0, Attenuation(holdEnd - 10), 2);
        Assert.InRange(Attenuation(holdEnd + 200), 0.5, 10);
        // One release time constant after the hold: 1 - 1/e of the range. The curve climbs 0.22 dB per ms there,
        // so 0.1 dB holds the time constant to half a percent.
        Assert.Equal(60 * (1 - Math.Exp(-1)), Attenuation(holdEnd + (int)Math.Round(releaseMs * 48)), 0.1);
        // Nine time constants on, the gate is closed to its range (60 (1 - e^-9) = 59.993 dB).
        Assert.Equal(60, Attenuation(frames - 1), 0.02);
    }

    [Theory]
    [InlineData(0, -50.0, 2.0, 10.0)] // EXP2: 10 dB under a -40 dB threshold -> 10 dB down
    [InlineData(1, -50.0, 3.0, 20.0)] // EXP3
    [InlineData(2, -45.0, 4.0, 15.0)] // EXP4: 5 dB under -> 15 dB down
    [InlineData(2, -70.0, 4.0, 40.0)] // EXP4 30 dB under -> 90 dB, held at the 40 dB range
    public void Expander_AttenuatesByRatioMinusOne_PerDecibelUnderThreshold_NextToAGate(int mode, double levelDb, double ratio, double expectedDb)
    {
        // Channel 2 is a plain gate on loud audio in the same SIMD row: it must not change channel 1's expansion.
        var h = new EngineHarness().Real("/ch/01/gate/on", 1).Real("/ch/01/gate/mode", mode).Real("/ch/01/gate/thr", -40)
            .Real("/ch/01/gate/range", 40).Real("/ch/01/gate/attack", 0).Real("/ch/01/gate/hold", 0).Real("/ch/01/gate/release", 5)
            .Real("/ch/02/gate/on", 1).Real("/ch/02/gate/mode", 3).Real("/ch/02/gate/thr", -40).Real("/ch/02/mix/pan", 100);
        Assert.Equal(ratio, mode + 2);
        var x = EngineHarness.Constant((float)Math.Pow(10, levelDb / 20), 24000);
        var loud = EngineHarness.Constant(0.5f, 24000);
        var y = h.Render([x, loud])[0];
        Assert.Equal(-expectedDb, EngineHarness.Db(y[^1] / x[^1]) - PathDb(h), 1);
    }

    [Theory]
    [InlineData(0, false, 0.0)] // filter off: a -20 dB tone over a -40 dB threshold keeps the gate open
    [InlineData(3, true, 60.0)] // HC12 at 100 Hz: the detector hears the 5 kHz tone ~70 dB down, and the gate closes
    [InlineData(1, true, 0.0)]  // LC12 at 100 Hz: the tone passes the key filter, the gate stays open
    [InlineData(8, true, 60.0)] // band-pass Q 10 at 100 Hz: the tone is far outside its band
    public void GateKeyFilter_ShapesWhatTheDetectorHears_NotTheAudio(int type, bool on, double expectedDb)
    {
        var h = new EngineHarness().Real("/ch/01/gate/on", 1).Real("/ch/01/gate/mode", 3).Real("/ch/01/gate/thr", -40)
            .Real("/ch/01/gate/range", 60).Real("/ch/01/gate/attack", 0).Real("/ch/01/gate/hold", 0).Real("/ch/01/gate/release", 5)
            .Real("/ch/01/gate/filter/on", on ? 1 : 0).Real("/ch/01/gate/filter/type", type).Real("/ch/01/gate/filter/f", 100);
        var x = EngineHarness.Sine(5000, 0.1, 48000);
        var y = h.Render([x])[0];
        Assert.Equal(-expectedDb, EngineHarness.Db(EngineHarness.Rms(y, 24000) / EngineHarness.Rms(x, 24000)) - PathDb(h), 1);
    }

    [Fact]
    public void GateInDuckMode_PassesTheSignal()
    {
        // DUCK is stored and echoed; the engine has no ducker, so the gate must not gate in that mode.
        var h = new EngineHarness().Real("/ch/01/gate/on", 1).Real("/ch/01/gate/mode", 4).Real("/ch/01/gate/thr", -20);
        var x = EngineHarness.Constant(0.001f, 24000);
        var y = h.Render([x])[0];
        Assert.Equal(0, EngineHarness.Db(y[^1] / x[^1]) - PathDb(h), 1);
    }

    [Fact]
    public void CompressorKeyFilter_HighCutBelowTheTone_KeepsItUncompressed()
    {
        // A 5 kHz tone 20 dB over a -40 dB threshold at 4:1 is pulled down 15 dB; with the key filter cutting
        // everything above 100 Hz (HC12) the detector hears it ~70 dB down and leaves it alone.
        double Gain(bool filter)
        {
            var h = new EngineHarness().Real("/ch/01/dyn/on", 1).Real("/ch/01/dyn/thr", -40).Label("/ch/01/dyn/ratio", "4.0")
                .Real("/ch/01/dyn/knee", 0).Real("/ch/01/dyn/attack", 0)
                .Real("/ch/01/dyn/filter/on", filter ? 1 : 0).Real("/ch/01/dyn/filter/type", 3).Real("/ch/01/dyn/filter/f", 100);
            var x = EngineHarness.Sine(5000, 0.1, 48000);
            return EngineHarness.Db(EngineHarness.Rms(h.Render([x])[0], 24000) / EngineHarness.Rms(x, 24000)) - PathDb(h);
        }

        Assert.InRange(Gain(filter: false), -17, -12);
        Assert.Equal(0, Gain(filter: true), 0.5);
    }

    [Fact]
    public void Gate_OpensWithinItsAttack_WhenSignalReturns()
    {
        var h = new EngineHarness().Real("/ch/01/gate/on", 1).Real("/ch/01/gate/thr", -40).Real("/ch/01/gate/attack", 1);
        int open = 96000; // 2 s of -60 dB: the gate has closed (10 release time constants)
        var x = new float[open + 4800];
        for (int i = 0; i < x.Length; i++) x[i] = i < open ? 0.001f : 0.1f;
        var y = h.Render([x])[0];
        double path = PathDb(h);
        Assert.Equal(-60, EngineHarness.Db(y[open - 1] / x[open - 1]) - path, 1);
        Assert.Equal(0, EngineHarness.Db(y[open + 480] / x[open + 480]) - path, 1); // 10 attack time constants later
    }

    [Fact]
    public void LinkedPair_SharesOneGainReduction_FromTheLouderSide()
    {
        var h = new EngineHarness().Real("/config/chlink/1-2", 1).Real("/ch/01/dyn/on", 1).Real("/ch/01/dyn/thr", -20)
            .Label("/ch/01/dyn/ratio", "4.0").Real("/ch/01/dyn/knee", 0).Real("/ch/01/dyn/attack", 0);
        float loud = 0.31622777f, quiet = 0.01f;
        var y = h.Render([EngineHarness.Constant(loud, 9600), EngineHarness.Constant(quiet, 9600)]);
        double path = h.RealOf("/ch/01/mix/fader") + h.RealOf("/main/st/mix/fader"); // linked pair: balance at centre is unity per side
        Assert.Equal(-7.5, EngineHarness.Db(y[0][^1] / loud) - path, 2);
        Assert.Equal(-7.5, EngineHarness.Db(y[1][^1] / quiet) - path, 2);
    }
}
