using MixConsole.Dsp.Dynamics;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;
using static MixConsole.Engine.Tests.LiveMastering.MasterSound;

namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>
/// Every live master control, moved while a signal plays, lands where it says: measured on the output (a band's gain
/// by a DFT bin, a compressor's gain reduction, a width as the side's level, harmonics, peaks, recovery times, the word
/// length of the samples). The loudness gain is held, so only the control moves the level. Click-freedom of the same
/// moves is <see cref="LiveMasterGlideTests"/>.
/// </summary>
public sealed class LiveMasterControlTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int MoveAt = 38 * Block;       // 0.1 s, on a block start
    private const int Settled = Rate / 2;          // measured from here: the move and every ramp are long over
    private const int Window = Rate / 4;

    /// <summary>Output over input at <paramref name="frequencyHz"/>, in dB, with <paramref name="move"/> made at <see cref="MoveAt"/>.</summary>
    private static double GainDb(ParameterStore store, double frequencyHz, double amplitude, Action<ParameterStore> move, out LiveMasterChain live)
    {
        live = Prepared(store);
        float[][] input = Sines(frequencyHz, amplitude, (Settled + Window) / (double)Rate + 0.01);
        float[][] output = Run(live, input, start => { if (start == MoveAt) move(store); });
        return Db(Amplitude(output[0], Settled, Window, frequencyHz) / Amplitude(input[0], Settled, Window, frequencyHz));
    }

    [Fact]
    public void EqBells_MovedLive_MeasureTheirDesignedResponse()
    {
        foreach (var (band, frequency, gain, q) in new[] { (1, 1000f, 6f, 1f), (2, 3000f, -9f, 4f), (1, 100f, 3f, 0.5f) })
        {
            string p = $"/master/eq/{band}";
            foreach (double ratio in new[] { 0.25, 0.5, 1, 2, 4 })
            {
                var store = HeldStore();
                Set(store, p + "/f", frequency);
                Set(store, p + "/q", q);
                double f0 = Get(store, p + "/f"), at = f0 * ratio;
                if (at < 40) continue; // the subsonic high-pass (20 Hz) is there too
                double measured = GainDb(store, at, 0.05, s => Set(s, p + "/g", gain), out LiveMasterChain live);
                double designed = live.Chain.Eq.MagnitudeDb(at);
                log.WriteLine($"{p}: {f0:0.0} Hz {gain:+0.0;-0.0} dB Q {Get(store, p + "/q"):0.00}; at {at:0.0} Hz measured {measured:+0.000;-0.000} dB, designed {designed:+0.000;-0.000} dB");
                Assert.True(Math.Abs(measured - designed) <= 0.1, $"{p} at {at:0.0} Hz: measured {measured:0.000} dB, designed {designed:0.000} dB");
                if (ratio == 1) Assert.True(Math.Abs(measured - gain) <= 0.1, $"{p} centre: {measured:0.000} dB for {gain} dB");
            }
        }
    }

    [Fact]
    public void MultibandBand_ThresholdAndRatioMovedLive_CompressLikeTheBandsCompressor()
    {
        // 600 Hz sits in the mid band (120 Hz - 2 kHz); the other bands stay at 1:1.
        foreach (var (threshold, ratio) in new[] { (-30f, 4f), (-30f, 2f), (-20f, 4f), (-40f, 8f) })
        {
            var store = HeldStore();
            Set(store, "/master/comp/amount", 100f);
            Set(store, "/master/comp/1/ratio", 1f);
            Set(store, "/master/comp/3/ratio", 1f);
            Set(store, "/master/limiter/ceiling", 0f);
            double gainDb = GainDb(store, 600, 0.5, s => { Set(s, "/master/comp/2/thr", threshold); Set(s, "/master/comp/2/ratio", ratio); }, out _);

            // The same compressor alone on the same sine: what the band should do.
            var compressor = new Compressor { ThresholdDb = threshold, Ratio = ratio, KneeDb = MasterChainCompiler.MultibandKneeDb, AttackMs = 20, ReleaseMs = 200 };
            compressor.Prepare(Rate);
            float[][] sine = Sines(600, 0.5, 1.0);
            float[] l = (float[])sine[0].Clone(), r = (float[])sine[1].Clone();
            compressor.Process(l, r);
            double alone = Amplitude(l, Settled, Window, 600) / Amplitude(sine[0], Settled, Window, 600);
            // The bands are in phase: the mid band's share of the tone is compressed, the neighbours' shares pass.
            double share = (1 - LowShare(600, 120)) * LowShare(600, 2000), aloneDb = Db(share * alone + 1 - share);
            double peakDb = Db(0.5), rmsDb = Db(0.5 / Math.Sqrt(2));
            double most = (peakDb - threshold) * (1 - 1 / ratio), least = (rmsDb - threshold) * (1 - 1 / ratio);
            log.WriteLine($"thr {threshold} dB {ratio}:1: chain {gainDb:0.00} dB, the compressor alone on the band's share {aloneDb:0.00} dB, static curve {-most:0.00}..{-least:0.00} dB");
            Assert.True(Math.Abs(gainDb - aloneDb) <= 0.2, $"chain {gainDb:0.00} dB, alone {aloneDb:0.00} dB");
            Assert.InRange(-gainDb, least - 1, most + 1);
        }
    }

    [Fact]
    public void MultibandMakeup_MovedLive_RaisesItsBandBySetGain()
    {
        var store = HeldStore();
        double db = GainDb(store, 600, 0.05, s => Set(s, "/master/comp/2/mgain", 6f), out _);
        log.WriteLine($"mid band make-up +6 dB: 600 Hz measured {db:+0.000} dB");
        Assert.True(Math.Abs(db - 6) <= 0.15, $"{db:0.000} dB");
    }

    /// <summary>|LR4 low-pass| at <paramref name="frequencyHz"/> for a crossover at <paramref name="crossoverHz"/> (the high-pass is 1 minus it).</summary>
    private static double LowShare(double frequencyHz, double crossoverHz) => 1 / (1 + Math.Pow(frequencyHz / crossoverHz, 4));

    [Fact]
    public void MultibandCrossover_MovedLive_MovesTheBandEdge_AsTheLinkwitzRileyShares()
    {
        // Low band +6 dB: a 250 Hz tone gets 2 x (its low share) + (its high share).
        foreach (float crossover in new[] { 120f, 400f, 200f })
        {
            var store = HeldStore();
            Set(store, "/master/comp/1/mgain", 6f);
            double db = GainDb(store, 250, 0.05, s => Set(s, "/master/comp/xover/1", crossover), out _);
            double low = LowShare(250, crossover), expected = Db(Dsp.Core.Decibels.ToGain(6) * low + (1 - low));
            log.WriteLine($"crossover {crossover} Hz: 250 Hz measured {db:+0.000} dB, Linkwitz-Riley {expected:+0.000} dB");
            Assert.True(Math.Abs(db - expected) <= 0.15, $"crossover {crossover} Hz: {db:0.000} dB, expected {expected:0.000} dB");
        }
    }

    private static double SideRatio(ParameterStore store, double frequencyHz, Action<ParameterStore> move)
    {
        LiveMasterChain live = Prepared(store);
        float[][] input = Sines(frequencyHz, 0.1, (Settled + Window) / (double)Rate + 0.01, Math.PI / 4);
        float[][] output = Run(live, input, start => { if (start == MoveAt) move(store); });
        return Amplitude(MidOrSide(output, true), Settled, Window, frequencyHz) / Amplitude(MidOrSide(input, true), Settled, Window, frequencyHz);
    }

    [Fact]
    public void ImagerWidths_MovedLive_ScaleTheSide()
    {
        double band = SideRatio(HeldStore(), 1000, s => Set(s, "/master/imager/2/width", 150f));
        double both = SideRatio(HeldStore(), 1000, s => { Set(s, "/master/imager/2/width", 150f); Set(s, "/master/width", 50f); });
        double narrow = SideRatio(HeldStore(), 1000, s => Set(s, "/master/imager/2/width", 0f));
        log.WriteLine($"1 kHz side: band 150 % -> {band:0.0000}, band 150 % x global 50 % -> {both:0.0000}, band 0 % -> {narrow:0.0000}");
        Assert.Equal(1.5, band, 0.01);
        Assert.Equal(0.75, both, 0.01);
        Assert.True(narrow < 0.01, $"{narrow}");
    }

    [Fact]
    public void ImagerBassMonoAndCrossover_MovedLive_TakeTheSideBelowTheEdge()
    {
        double mono = SideRatio(HeldStore(), 60, s => Set(s, "/master/imager/bassmono", 1f));
        log.WriteLine($"bass mono: 60 Hz side {mono:0.0000} (the band above 120 Hz keeps {1 - LowShare(60, 120):0.0000})");
        Assert.Equal(1 - LowShare(60, 120), mono, 0.01);
        foreach (float crossover in new[] { 400f, 200f })
        {
            var store = HeldStore();
            Set(store, "/master/imager/bassmono", 1f);
            double side = SideRatio(store, 250, s => Set(s, "/master/imager/xover/1", crossover));
            log.WriteLine($"bass mono below {crossover} Hz: 250 Hz side {side:0.0000}, expected {1 - LowShare(250, crossover):0.0000}");
            Assert.Equal(1 - LowShare(250, crossover), side, 0.01);
        }
    }

    private static double ThirdHarmonicDb(Action<ParameterStore> move)
    {
        var store = HeldStore();
        Set(store, "/master/limiter/ceiling", 0f);
        LiveMasterChain live = Prepared(store);
        float[][] input = Sines(1000, 0.5, (Settled + Window) / (double)Rate + 0.01);
        float[][] output = Run(live, input, start => { if (start == MoveAt) move(store); });
        return Db(Amplitude(output[0], Settled, Window, 3000) / Amplitude(output[0], Settled, Window, 1000));
    }

    [Fact]
    public void Saturation_MovedLive_AddsHarmonicsByDriveAndMix()
    {
        double off = ThirdHarmonicDb(_ => { });
        double drive0 = ThirdHarmonicDb(s => { Set(s, "/master/sat/on", 1f); Set(s, "/master/sat/drive", 0f); });
        double drive12 = ThirdHarmonicDb(s => { Set(s, "/master/sat/on", 1f); Set(s, "/master/sat/drive", 12f); });
        double drive12Half = ThirdHarmonicDb(s => { Set(s, "/master/sat/on", 1f); Set(s, "/master/sat/drive", 12f); Set(s, "/master/sat/mix", 50f); });
        double mix0 = ThirdHarmonicDb(s => { Set(s, "/master/sat/on", 1f); Set(s, "/master/sat/drive", 12f); Set(s, "/master/sat/mix", 0f); });
        log.WriteLine($"3rd harmonic: off {off:0.0} dB, drive 0 {drive0:0.0} dB, drive 12 {drive12:0.0} dB, drive 12 mix 50 % {drive12Half:0.0} dB, mix 0 {mix0:0.0} dB");
        Assert.True(off < -90, $"off {off}");
        Assert.True(mix0 < -90, $"mix 0 {mix0}");
        Assert.True(drive12 > -30 && drive12 > drive0 + 6, $"drive 12 {drive12}, drive 0 {drive0}");
        Assert.InRange(drive12Half, drive12 - 12, drive12 - 4); // half the wet share: about half the harmonic (the dry half adds fundamental)
    }

    [Fact]
    public void Ceiling_MovedLive_HoldsTheOutputPeakJustUnderIt()
    {
        var store = HeldStore();
        LiveMasterChain live = Prepared(store);
        float[][] input = Sines(100, 0.9, 1.0);
        float[][] output = Run(live, input, start => { if (start == MoveAt) Set(store, "/master/limiter/ceiling", -4f); });
        double peak = 0;
        for (int i = Settled; i < output[0].Length; i++) peak = Math.Max(peak, Math.Abs(output[0][i]));
        log.WriteLine($"ceiling -4 dBTP: output peak {Db(peak):0.000} dBFS");
        Assert.InRange(Db(peak), -4.6, -4.0);
    }

    /// <summary>Milliseconds from the step at <paramref name="stepAt"/> (input time) until the output's 5 ms peak stays within 1 dB of its final level.</summary>
    private static double RecoveryMs(float[] output, int stepAt, int latencyFrames)
    {
        int dropAt = stepAt + latencyFrames;
        const int hop = Rate / 200;
        double final = 0;
        for (int i = output.Length - Rate / 10; i < output.Length; i++) final = Math.Max(final, Math.Abs(output[i]));
        // Settled = within 1 dB from then on: the last window outside it ends the settling (scanned from the first whole window after the step).
        double settledMs = 0;
        for (int start = dropAt + hop; start + hop < output.Length; start += hop)
        {
            double peak = 0;
            for (int i = start; i < start + hop; i++) peak = Math.Max(peak, Math.Abs(output[i]));
            if (Math.Abs(Db(peak / final)) >= 1) settledMs = (start + hop - dropAt) * 1000.0 / Rate;
        }
        return settledMs;
    }

    /// <summary>A 200 Hz tone: loud until <paramref name="dropAt"/>, then 20 dB quieter for <paramref name="tailSeconds"/>.</summary>
    private static float[][] Drop(double loud, int dropAt, double tailSeconds)
    {
        float[][] x = Sines(200, loud, dropAt / (double)Rate + tailSeconds);
        for (int c = 0; c < 2; c++) for (int i = dropAt; i < x[c].Length; i++) x[c][i] *= 0.1f;
        return x;
    }

    [Fact]
    public void LimiterRelease_MovedLive_SetsHowFastTheGainRecovers()
    {
        double Recovery(float releaseMs)
        {
            var store = HeldStore();
            Set(store, "/master/limiter/ceiling", -6f);
            LiveMasterChain live = Prepared(store);
            int dropAt = Rate / 2;
            float[][] output = Run(live, Drop(0.9, dropAt, 2.0), start => { if (start == MoveAt) Set(store, "/master/limiter/release", releaseMs); });
            return RecoveryMs(output[0], dropAt, live.LatencyFrames);
        }

        double fast = Recovery(20), slow = Recovery(500);
        log.WriteLine($"limiter settles within 1 dB after a 20 dB drop from 5 dB over the ceiling: release 20 ms -> {fast:0} ms, 500 ms -> {slow:0} ms");
        Assert.True(fast < 150, $"{fast} ms");
        Assert.True(slow > 5 * fast, $"release 500 ms recovers in {slow} ms, 20 ms in {fast} ms");
    }

    [Fact]
    public void MultibandAttackAndRelease_MovedLive_SetHowFastTheBandActs()
    {
        double Recovery(float attackMs, float releaseMs, bool attack)
        {
            var store = HeldStore();
            Set(store, "/master/comp/amount", 100f);
            Set(store, "/master/limiter/ceiling", 0f);
            LiveMasterChain live = Prepared(store);
            int stepAt = Rate / 2;
            // Attack: quiet, then 20 dB louder; release: loud, then 20 dB quieter.
            float[][] input = attack ? Sines(200, 0.05, 2.0) : Drop(0.5, stepAt, 2.0);
            if (attack) for (int c = 0; c < 2; c++) for (int i = stepAt; i < input[c].Length; i++) input[c][i] *= 10f;
            float[][] output = Run(live, input, start =>
            {
                if (start != MoveAt) return;
                Set(store, "/master/comp/2/attack", attackMs);
                Set(store, "/master/comp/2/release", releaseMs);
            });
            return RecoveryMs(output[0], stepAt, live.LatencyFrames);
        }

        double fastAttack = Recovery(1, 200, attack: true), slowAttack = Recovery(100, 200, attack: true);
        double fastRelease = Recovery(20, 20, attack: false), slowRelease = Recovery(20, 1000, attack: false);
        log.WriteLine($"mid band settles within 1 dB: attack 1 ms -> {fastAttack:0} ms, 100 ms -> {slowAttack:0} ms; release 20 ms -> {fastRelease:0} ms, 1000 ms -> {slowRelease:0} ms");
        Assert.True(slowAttack > 5 * fastAttack, $"attack 100 ms settles in {slowAttack} ms, 1 ms in {fastAttack} ms");
        Assert.True(slowRelease > 5 * fastRelease, $"release 1000 ms settles in {slowRelease} ms, 20 ms in {fastRelease} ms");
    }

    private static float[][] Dithered(Action<ParameterStore> move, double amplitude)
    {
        var store = HeldStore();
        LiveMasterChain live = Prepared(store);
        return Run(live, Sines(1000, amplitude, (Settled + Window) / (double)Rate), start => { if (start == MoveAt) move(store); });
    }

    private static bool OnGrid(float[][] audio, int bits)
    {
        double scale = 1 << (bits - 1);
        foreach (float[] x in audio)
            for (int i = Settled; i < x.Length; i++)
                if (x[i] * scale != Math.Round(x[i] * scale)) return false;
        return true;
    }

    [Fact]
    public void Dither_MovedLive_PutsEverySampleOnTheWordLength_AndShapesItsNoise()
    {
        Assert.False(OnGrid(Dithered(_ => { }, 0.05), 24));
        Assert.True(OnGrid(Dithered(s => Set(s, "/master/dither/on", 1f), 0.05), 16));
        float[][] deep = Dithered(s => { Set(s, "/master/dither/on", 1f); Set(s, "/master/dither/bits", 1f); }, 0.05);
        Assert.True(OnGrid(deep, 24));
        Assert.False(OnGrid(deep, 16));

        // On silence the output is the dither noise itself: first-order shaping moves it up the spectrum.
        double Tilt(float shape)
        {
            float[][] noise = Dithered(s => { Set(s, "/master/dither/on", 1f); Set(s, "/master/dither/shape", shape); }, 0);
            double power = 0, difference = 0;
            for (int i = Settled + 1; i < noise[0].Length; i++)
            {
                power += noise[0][i] * (double)noise[0][i];
                difference += (noise[0][i] - (double)noise[0][i - 1]) * (noise[0][i] - (double)noise[0][i - 1]);
            }
            return difference / power;
        }

        double flat = Tilt(0), shaped = Tilt(1);
        log.WriteLine($"dither noise: power of the first difference over the power: flat {flat:0.00} (white: 2), first-order shaped {shaped:0.00}");
        Assert.InRange(flat, 1.7, 2.3);
        Assert.True(shaped > 2.6, $"{shaped}");
    }
}
