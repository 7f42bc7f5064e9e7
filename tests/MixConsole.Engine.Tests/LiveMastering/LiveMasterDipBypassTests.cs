using MixConsole.Dsp.Core;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Tests.Mixer;

namespace MixConsole.Engine.Tests.LiveMastering;

using static BypassScenario;

/// <summary>
/// /master/bypass with <see cref="LiveMasterChain.ZeroLatencyBypass"/> (the live console): bypassed, the output is the
/// undelayed input; a switch dips through silence (raised cosine out, swap, raised cosine in), so the delayed chain
/// and the undelayed input are never heard together; the chain keeps running, and the latency follows the path heard.
/// </summary>
public sealed class LiveMasterDipBypassTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static float[][] Sines(double frequencyHz, double amplitude)
    {
        float[][] x = [new float[Length], new float[Length]];
        double w = 2 * Math.PI * frequencyHz / Rate;
        for (int i = 0; i < Length; i++)
        {
            x[0][i] = (float)(amplitude * Math.Sin(w * i));
            x[1][i] = (float)(amplitude * Math.Sin(w * i + 0.7));
        }
        return x;
    }

    private static bool BypassedAt(int start) => start >= BypassAt && start < UnBypassAt;

    /// <summary>Runs the chain block by block; <paramref name="latencies"/> gets LatencyFrames after each block.</summary>
    private static float[][] Run(float[][] x, Func<int, bool>? bypassed, bool zeroLatency, out int chainLatency, int[]? latencies = null, bool chainsStop = true)
    {
        var store = NewStore();
        int bypass = store.Table.IndexOf("/master/bypass");
        if (bypassed is not null) store.TrySetInt(bypass, bypassed(0) ? 1 : 0);
        var live = new LiveMasterChain(store) { ZeroLatencyBypass = zeroLatency, StopsChainsWhenBypassed = chainsStop };
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        chainLatency = live.Chain.LatencyFrames;
        var buffer = new AudioBuffer(2, Block);
        float[][] y = [new float[Length], new float[Length]];
        for (int start = 0; start < Length; start += Block)
        {
            if (bypassed is not null) store.TrySetInt(bypass, bypassed(start) ? 1 : 0);
            for (int c = 0; c < 2; c++) x[c].AsSpan(start, Block).CopyTo(buffer.Channel(c, Block));
            live.Process(buffer, Block);
            for (int c = 0; c < 2; c++) buffer.Channel(c, Block).CopyTo(y[c].AsSpan(start, Block));
            if (latencies is not null) latencies[start / Block] = live.LatencyFrames;
        }
        return y;
    }

    private static int DipSamples => (int)Math.Round(BypassCrossfade.DefaultDipFadeMs * Rate / 1000);

    [Fact]
    public void Bypassed_OutputIsTheInput_SampleExact_WithZeroDelay()
    {
        float[][] x = Noise(1771);
        // Bypassed from the start (a fresh console), then un-bypassed and bypassed again.
        float[][] y = Run(x, start => start < BypassAt || start >= UnBypassAt, zeroLatency: true, out int latency);
        int settled = UnBypassAt + 2 * DipSamples + Block;
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < BypassAt; i++) Assert.Equal(x[c][i], y[c][i]);
            for (int i = settled; i < Length; i++) Assert.Equal(x[c][i], y[c][i]);
        }
        log.WriteLine($"chain latency {latency} frames; bypassed output = input, bit for bit, at lag 0");
        Assert.True(latency > 0);
    }

    [Fact]
    public void Switch_EitherWay_IsAGainTimesExactlyOnePath_AtEverySample_NeverASum()
    {
        float[][] x = Noise(1771);
        float[][] processed = Run(x, null, zeroLatency: true, out _);   // never bypassed: the running chain
        // The dip's shape against the one chain: a chain restarted by un-bypass is compared in LiveMasterSleepTests.
        float[][] y = Run(x, BypassedAt, zeroLatency: true, out _, chainsStop: false);
        int dip = DipSamples;
        foreach ((int at, bool toDry) in new[] { (BypassAt, true), (UnBypassAt, false) })
        {
            int end = at + 2 * dip + Block;
            float[][] from = toDry ? processed : x, to = toDry ? x : processed;
            int swap = -1, silentOrAmbiguous = 0;
            double previousGain = 1, maxGainStep = 0;
            for (int i = at - Block; i < end + Block; i++)
            {
                (double gFrom, double rFrom) = Fit(y, from, i);
                (double gTo, double rTo) = Fit(y, to, i);
                bool isFrom = rFrom <= 1e-6, isTo = rTo <= 1e-6;
                Assert.True(isFrom || isTo, $"sample {i} (switch at {at}): a gain times neither path alone (residuals {rFrom:E2}, {rTo:E2}): a sum");
                if (isFrom && isTo) { silentOrAmbiguous++; continue; }   // only where the gain is ~0
                double g = isFrom ? gFrom : gTo;
                Assert.InRange(g, -1e-6, 1 + 1e-6);
                if (isTo && swap < 0) swap = i;
                if (isFrom) Assert.True(swap < 0, $"sample {i}: back on the old path after the swap at {swap}");
                if (i >= at - Block + 1) maxGainStep = Math.Max(maxGainStep, Math.Abs(g - previousGain));
                previousGain = g;
                if (i < at) Assert.Equal(1.0, g, 6);
                if (i >= end) Assert.Equal(1.0, g, 6);
            }
            log.WriteLine($"switch at {at} ({(toDry ? "to bypass" : "back to the chain")}): swap at +{swap - at}, {silentOrAmbiguous} samples near silence, largest gain step {maxGainStep:E3} (raised cosine: {Math.PI / (2 * dip):E3})");
            Assert.InRange(swap - at, dip - 4, dip + 4);
            Assert.True(silentOrAmbiguous < dip / 4, $"{silentOrAmbiguous} samples fit both paths");
            Assert.True(maxGainStep <= Math.PI / (2 * dip) * 1.01, $"gain step {maxGainStep:E3}");
        }
    }

    // The one gain that best explains both channels of y[i] as gain x path[i], and the largest residual.
    private static (double Gain, double Residual) Fit(float[][] y, float[][] path, int i)
    {
        double pp = 0, yp = 0;
        for (int c = 0; c < 2; c++) { pp += (double)path[c][i] * path[c][i]; yp += (double)y[c][i] * path[c][i]; }
        double g = pp == 0 ? 0 : yp / pp, r = 0;
        for (int c = 0; c < 2; c++) r = Math.Max(r, Math.Abs(y[c][i] - g * path[c][i]));
        return (g, r);
    }

    [Fact]
    public void Switch_EitherWay_StepsBoundedByTheSignalsOwnSlope()
    {
        const double frequencyHz = 440;
        float[][] x = Sines(frequencyHz, 0.25);
        float[][] y = Run(x, BypassedAt, zeroLatency: true, out int latency);
        float[][] silence = [new float[Length], new float[Length]];
        int window = 2 * DipSamples + 4 * Block;
        // Negative control: the same paths switched in one step (the chain's output, then the undelayed input, and back).
        float[][] processed = Run(x, null, zeroLatency: true, out _);
        float[][] hard = [new float[Length], new float[Length]];
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < Length; i++) hard[c][i] = BypassedAt(i) ? x[c][i] : processed[c][i];
        foreach (int at in new[] { BypassAt, UnBypassAt })
        {
            var (ratio, step, peak) = LiveMasterGlideTests.StepRatio(y, silence, frequencyHz, at - Block, at + window);
            var (hardRatio, _, _) = LiveMasterGlideTests.StepRatio(hard, silence, frequencyHz, at - Block, at + window);
            log.WriteLine($"switch at {at}: largest step {step:0.000000} = {ratio:0.000} x the signal's own slope (peak {peak:0.0000}; switched in one step: {hardRatio:0.00} x; latency {latency})");
            Assert.True(ratio <= LiveMasterGlideTests.StepBound, $"a step of {ratio:0.00} x the signal's own slope (bound {LiveMasterGlideTests.StepBound})");
        }
    }

    [Fact]
    public void LatencyFrames_FollowsThePathHeard()
    {
        float[][] x = Noise(1771);
        var latencies = new int[Length / Block];
        Run(x, BypassedAt, zeroLatency: true, out int latency, latencies);
        int dipBlocks = (DipSamples + Block - 1) / Block;
        int bypassBlock = BypassAt / Block, unBypassBlock = UnBypassAt / Block;
        Assert.True(latency > 0);
        Assert.Equal(latency, latencies[bypassBlock - 1]);
        Assert.Equal(latency, latencies[bypassBlock]);                    // fading the chain out: still the chain
        Assert.Equal(0, latencies[bypassBlock + dipBlocks]);              // swapped to the undelayed input
        Assert.Equal(0, latencies[unBypassBlock - 1]);
        Assert.Equal(0, latencies[unBypassBlock]);                        // fading the input out
        Assert.Equal(latency, latencies[unBypassBlock + dipBlocks]);      // the chain again
        Assert.Equal(latency, latencies[^1]);

        // The mastering box's latency-aligned bypass keeps the chain's latency throughout.
        Run(x, BypassedAt, zeroLatency: false, out _, latencies);
        Assert.All(latencies, l => Assert.Equal(latency, l));
    }

    [Fact]
    public void Engine_ReportsTheChainsLatency_ZeroOnAFreshBypassedConsole()
    {
        var h = new EngineHarness();
        h.Real("/master/bypass", 1);
        var live = new LiveMasterChain(h.Store) { ZeroLatencyBypass = true };
        h.Engine.SetMasterChain(live);
        Assert.Equal(0, h.Engine.LatencyFrames);
        var x = EngineHarness.Constant(0.2f, 4800);
        h.Render([x]);
        Assert.Equal(0, h.Engine.LatencyFrames);
        h.Real("/master/bypass", 0);
        h.Render([x]);
        Assert.Equal(live.Chain.LatencyFrames, h.Engine.LatencyFrames);
        Assert.True(h.Engine.LatencyFrames > 0);
        h.Real("/master/bypass", 1);
        h.Render([x]);
        Assert.Equal(0, h.Engine.LatencyFrames);
    }
}
