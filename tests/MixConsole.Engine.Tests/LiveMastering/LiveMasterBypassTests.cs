using MixConsole.Dsp.Core;
using MixConsole.Engine.Mastering;

namespace MixConsole.Engine.Tests.LiveMastering;

using static BypassScenario;

/// <summary>
/// /master/bypass on the live chain, white noise through: bypassed at 0.3 s, back at 0.9 s. The chain keeps running
/// while bypassed and the dry path is delayed by its latency, so (1) the output is exactly the ideal crossfade between
/// the aligned dry and a chain that never stopped, (2) after the fade back it is that chain, bit for bit, and (3)
/// mid-fade there is no second copy of the input at another delay, so no comb. The same measurements on the console's
/// old arrangement (MixerEngine crossfading the undelayed main against a chain it stops while bypassed) show the comb
/// and the stale return: they are computed here as negative controls.
/// </summary>
public sealed class LiveMasterBypassTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static bool BypassedAt(int start) => start >= BypassAt && start < UnBypassAt;

    /// <summary>The chain as it plays now: it handles /master/bypass itself.</summary>
    private static float[][] RunLive(float[][] x, Func<int, bool>? bypassed, out int latency, Action<LiveMasterChain>? configure = null)
    {
        var store = NewStore();
        int bypass = store.Table.IndexOf("/master/bypass");
        var live = new LiveMasterChain(store);
        configure?.Invoke(live);
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        latency = live.LatencyFrames;
        var buffer = new AudioBuffer(2, Block);
        float[][] y = [new float[Length], new float[Length]];
        for (int start = 0; start < Length; start += Block)
        {
            if (bypassed is not null) store.TrySetInt(bypass, bypassed(start) ? 1 : 0);
            for (int c = 0; c < 2; c++) x[c].AsSpan(start, Block).CopyTo(buffer.Channel(c, Block));
            live.Process(buffer, Block);
            for (int c = 0; c < 2; c++) buffer.Channel(c, Block).CopyTo(y[c].AsSpan(start, Block));
        }
        return y;
    }

    /// <summary>
    /// The old console arrangement, for the negative controls: out = dry + w (chain - dry) with the undelayed dry, the
    /// chain left unprocessed once w reached 0 (as MixerEngine.ApplyMasterChain does with /master/bypass).
    /// </summary>
    private static float[][] RunOldEngineStyle(float[][] x, int fadeSamples, Action<LiveMasterChain>? configure = null)
    {
        var live = new LiveMasterChain(NewStore());
        configure?.Invoke(live);
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        var buffer = new AudioBuffer(2, Block);
        float[][] y = [new float[Length], new float[Length]];
        float w = 1f;
        for (int start = 0; start < Length; start += Block)
        {
            float target = BypassedAt(start) ? 0f : 1f;
            bool silent = w == 0f && target == 0f;
            for (int c = 0; c < 2; c++) x[c].AsSpan(start, Block).CopyTo(buffer.Channel(c, Block));
            if (!silent) live.Process(buffer, Block);
            float wi = w;
            for (int i = 0; i < Block; i++)
            {
                wi = target > wi ? Math.Min(target, wi + 1f / fadeSamples) : Math.Max(target, wi - 1f / fadeSamples);
                for (int c = 0; c < 2; c++)
                {
                    float dry = x[c][start + i], chain = silent ? dry : buffer.Channel(c, Block)[i];
                    y[c][start + i] = dry + wi * (chain - dry);
                }
            }
            w = wi;
        }
        return y;
    }

    /// <summary>
    /// Least-squares weights of the input at lag 0 and at lag <paramref name="latency"/> in <paramref name="y"/> over
    /// [from, to), and the deepest notch the two paths make together: 20 log10(||b| - |a|| / (|a| + |b|)) (0 dB for one path).
    /// </summary>
    private static double CombNotchDb(float[] y, float[] x, int latency, int from, int to)
    {
        double s00 = 0, s01 = 0, s11 = 0, r0 = 0, r1 = 0;
        for (int i = from; i < to; i++)
        {
            double u = x[i], v = x[i - latency];
            s00 += u * u; s01 += u * v; s11 += v * v; r0 += u * y[i]; r1 += v * y[i];
        }
        double det = s00 * s11 - s01 * s01;
        double a = Math.Abs((r0 * s11 - r1 * s01) / det), b = Math.Abs((r1 * s00 - r0 * s01) / det);
        return 20 * Math.Log10(Math.Max(Math.Abs(b - a) / (a + b), 1e-6));
    }

    private static double NullDb(float[] y, float[] reference, int from, int to)
    {
        double residual = 0, power = 0;
        for (int i = from; i < to; i++)
        {
            double d = (double)y[i] - reference[i];
            residual += d * d;
            power += (double)reference[i] * reference[i];
        }
        return residual == 0 ? double.NegativeInfinity : 10 * Math.Log10(residual / power);
    }

    [Fact]
    public void UnBypass_IsTheIdealAlignedCrossfade_AndThenNullsAgainstTheAlwaysProcessedChain_BitForBit()
    {
        // The whole default chain, as the console runs it.
        float[][] x = Noise(1770);
        float[][] processed = RunLive(x, null, out int latency);
        float[][] y = RunLive(x, BypassedAt, out _);
        int fade = (int)Math.Round(LiveMasterChain.CrossfadeMs * Rate / 1000);
        float[][] old = RunOldEngineStyle(x, fade);

        double worst = 0;
        for (int c = 0; c < 2; c++)
        {
            for (int i = latency; i < Length; i++)
            {
                double w = Math.Clamp((i - BypassAt + 1) / (double)fade, 0, 1) - Math.Clamp((i - UnBypassAt + 1) / (double)fade, 0, 1);
                double ideal = processed[c][i] + w * (x[c][i - latency] - processed[c][i]);
                worst = Math.Max(worst, Math.Abs(y[c][i] - ideal));
            }
        }
        int after = UnBypassAt + fade;
        double nullDb = Math.Max(NullDb(y[0], processed[0], after, Length), NullDb(y[1], processed[1], after, Length));
        double oldNullDb = Math.Max(NullDb(old[0], processed[0], after, Length), NullDb(old[1], processed[1], after, Length));
        log.WriteLine($"latency {latency} frames; largest distance from the ideal aligned crossfade {worst:E2}");
        log.WriteLine($"after the fade back: null against the always-processed chain {nullDb:0.0} dB (old console arrangement {oldNullDb:0.0} dB)");
        Assert.True(latency > 0);
        Assert.True(worst <= 1e-6, $"{worst:E2} away from the ideal aligned crossfade");
        Assert.Equal(double.NegativeInfinity, nullDb);
        Assert.True(oldNullDb > -200, $"negative control: a chain stopped while bypassed should not null, measured {oldNullDb:0.0} dB");
    }

    [Fact]
    public void BypassFade_KeepsOneCopyOfTheInput_NoCombNotchDeeperThanOneDb()
    {
        // The crossovers of the multiband and the imager and the subsonic high-pass shift phase: mid-fade, any dry/wet
        // blend dips where that phase nears 180 degrees (a handful of frequencies, inherent to a blend). Bypassed here,
        // the chain's wet is the aligned input times a gain, so what remains to see is the latency comb alone.
        Action<LiveMasterChain> linearPhase = live =>
        {
            live.Chain.SetBypass(Dsp.Mastering.MasterStage.Subsonic, true);
            live.Chain.SetBypass(Dsp.Mastering.MasterStage.Multiband, true);
            live.Chain.SetBypass(Dsp.Mastering.MasterStage.Imager, true);
        };
        float[][] x = Noise(1770);
        float[][] y = RunLive(x, BypassedAt, out int latency, linearPhase);
        int fade = (int)Math.Round(LiveMasterChain.CrossfadeMs * Rate / 1000);
        float[][] old = RunOldEngineStyle(x, fade, linearPhase);
        double notchDb = 0, oldNotchDb = 0;
        foreach (int at in new[] { BypassAt, UnBypassAt })
        {
            // Weights 0.25..0.75 of the fade.
            int from = at + fade / 4, to = at + 3 * fade / 4;
            for (int c = 0; c < 2; c++)
            {
                notchDb = Math.Min(notchDb, CombNotchDb(y[c], x[c], latency, from, to));
                oldNotchDb = Math.Min(oldNotchDb, CombNotchDb(old[c], x[c], latency, from, to));
            }
        }
        log.WriteLine($"latency {latency} frames; deepest comb notch mid-fade {notchDb:0.0} dB (old console arrangement {oldNotchDb:0.0} dB)");
        Assert.True(notchDb >= -1.0, $"a comb notch of {notchDb:0.0} dB mid-fade");
        Assert.True(oldNotchDb < -20, $"negative control: the undelayed dry should comb, measured {oldNotchDb:0.0} dB");
    }
}
