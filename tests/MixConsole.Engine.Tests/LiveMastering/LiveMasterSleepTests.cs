using MixConsole.Dsp.Core;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;
using MixConsole.Tests.Shared;
using static MixConsole.Engine.Tests.LiveMastering.MasterSound;

namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>
/// Work the live master chain skips and what is heard when it resumes: slot B sleeps while it would sound as A (or, on
/// the live console, while it is not heard) and wakes as a copy of A's running state; the live console's bypass stops
/// the chains and restarts them primed. Each is compared with a chain that never skips anything.
/// </summary>
public sealed class LiveMasterSleepTests(Xunit.Abstractions.ITestOutputHelper log)
{
    // Slot A working hard (loudness following, compression, EQ, saturation, a ceiling that limits), copied into B.
    private static ParameterStore BusyStoreWithBEqualToA()
    {
        var store = new ParameterStore(ParameterTable.Create(Configuration.ConsoleConfig.Default));
        Set(store, "/master/comp/amount", 70f);
        Set(store, "/master/eq/1/g", 4f);
        Set(store, "/master/sat/on", 1f);
        Set(store, "/master/limiter/ceiling", -3f);
        Set(store, "/master/loudness/target", -12f);
        MasterSlots.Copy(store, MasterSlots.A, MasterSlots.B);
        return store;
    }

    private static LiveMasterChain Prepared(ParameterStore store, bool sleeps, bool console)
    {
        var live = new LiveMasterChain(store) { SlotBSleeps = sleeps, StopsChainsWhenBypassed = sleeps, ZeroLatencyBypass = console };
        live.Prepare(new ProcessSpec(Rate, Block, 2));
        return live;
    }

    [Fact]
    public void SlotBEqualToA_Sleeps_ThenWakesWhenItDiverges_BitIdenticalToAnAlwaysRunningB()
    {
        float[][] input = Programme.Create(Rate, 4, 0.4);
        int diverge = Rate / Block * Block, play = 2 * Rate / Block * Block, back = 3 * Rate / Block * Block;
        var runningAt = new List<(int Frame, bool Running)>();
        float[][] Render(bool sleeps)
        {
            var store = BusyStoreWithBEqualToA();
            LiveMasterChain live = Prepared(store, sleeps, console: false);
            return Run(live, input, start =>
            {
                if (sleeps && start % (Rate / 4) == 0) runningAt.Add((start, live.SlotBRunning));
                if (start == diverge) Set(store, "/master/b/eq/2/g", -5f);
                if (start == play) Set(store, "/master/ab", 1f);
                if (start == back) Set(store, "/master/ab", 0f);
            });
        }

        float[][] reference = Render(sleeps: false), sleeping = Render(sleeps: true);
        log.WriteLine(string.Join(", ", runningAt.Select(r => $"{r.Frame / (double)Rate:0.00} s: {(r.Running ? "B runs" : "B sleeps")}")));
        Assert.All(runningAt, r => Assert.Equal(r.Frame > diverge, r.Running));
        for (int c = 0; c < 2; c++) Assert.Equal(reference[c], sleeping[c]);
    }

    [Fact]
    public void SlotBEqualToA_PutInPlay_WakesAsACopyOfA_BitIdenticalToAnAlwaysRunningB()
    {
        float[][] input = Programme.Create(Rate, 3, 0.4);
        float[][] Render(bool sleeps, bool console)
        {
            var store = BusyStoreWithBEqualToA();
            LiveMasterChain live = Prepared(store, sleeps, console);
            return Run(live, input, start => { if (start % (Rate / 2) < Block) Set(store, "/master/ab", start / (Rate / 2) % 2); });
        }

        foreach (bool console in new[] { false, true })
        {
            float[][] reference = Render(sleeps: false, console), sleeping = Render(sleeps: true, console);
            for (int c = 0; c < 2; c++) Assert.Equal(reference[c], sleeping[c]);
        }
    }

    [Fact]
    public void LiveConsole_SlotBNotHeard_Sleeps_ItsWakeIsClickFree_AndSettlesOnWhatAnAlwaysRunningBPlays()
    {
        float[][] input = Programme.Create(Rate, 10, 0.2);
        int play = Rate / Block * Block;
        var states = new List<bool>();
        float[][] Render(bool sleeps)
        {
            var store = HeldStore();
            Set(store, "/master/comp/amount", 40f);
            Set(store, "/master/b/eq/tilt", -3f);
            Set(store, "/master/b/comp/amount", 20f);
            LiveMasterChain live = Prepared(store, sleeps, console: true);
            return Run(live, input, start =>
            {
                if (sleeps) states.Add(live.SlotBRunning);
                if (start == play) Set(store, "/master/ab", 1f);
            });
        }

        float[][] reference = Render(sleeps: false), sleeping = Render(sleeps: true);
        Assert.All(states.Take(play / Block), running => Assert.False(running));
        Assert.All(states.Skip(play / Block + 1), running => Assert.True(running));
        // Not heard while it slept: A's output is untouched.
        for (int c = 0; c < 2; c++) Assert.Equal(reference[c].AsSpan(0, play).ToArray(), sleeping[c].AsSpan(0, play).ToArray());
        double inputStep = MaxStep(input, play, play + Rate / 10), wakeStep = MaxStep(sleeping, play, play + Rate / 10);
        // The loudness match starts from A's meter and settles within B's 3 s short-term window and its 0.3 s glide.
        double error = RelativeErrorDb(reference, sleeping, 8 * Rate, 10 * Rate);
        log.WriteLine($"largest step at the wake {wakeStep:0.0000} (input's own {inputStep:0.0000}); 8-10 s after: error {error:0.0} dB against an always-running B");
        Assert.True(wakeStep < 2 * inputStep, $"step {wakeStep} at the wake against the input's {inputStep}");
        Assert.True(error < -60, $"{error:0.0} dB");
    }

    [Fact]
    public void LiveConsoleBypass_StopsTheChains_UnBypassNullsAgainstTheAlwaysRunningChain_NoStaleLookahead()
    {
        float[][] input = Programme.Create(Rate, 4, 0.1);
        int bypass = Rate / 2 / Block * Block, unbypass = 3 * Rate / 2 / Block * Block;
        var stopped = new List<bool>();
        LiveMasterChain? chain = null;
        float[][] Render(bool stops)
        {
            var store = HeldStore();
            Set(store, "/master/eq/1/g", 3f);
            Set(store, "/master/comp/amount", 30f);
            LiveMasterChain live = Prepared(store, stops, console: true);
            chain = live;
            return Run(live, input, start =>
            {
                if (stops) stopped.Add(live.ChainsStopped);
                if (start == bypass) Set(store, "/master/bypass", 1f);
                if (start == unbypass) Set(store, "/master/bypass", 0f);
            });
        }

        float[][] reference = Render(stops: false), stopping = Render(stops: true);
        int dipFrames = 2 * chain!.Chain.LatencyFrames + 2 * (int)(BypassCrossfade.DefaultDipFadeMs * Rate / 1000);
        Assert.Contains(true, stopped);
        Assert.False(stopped[^1]);
        // Until the chains restart the output is the same (the dry input while they were stopped).
        for (int c = 0; c < 2; c++) Assert.Equal(reference[c].AsSpan(0, unbypass).ToArray(), stopping[c].AsSpan(0, unbypass).ToArray());
        double fadeIn = RelativeErrorDb(reference, stopping, unbypass + dipFrames / 2, unbypass + dipFrames);
        double after = RelativeErrorDb(reference, stopping, unbypass + Rate / 5, unbypass + Rate / 2);
        double settled = RelativeErrorDb(reference, stopping, unbypass + 2 * Rate, unbypass + 5 * Rate / 2);
        log.WriteLine($"against the always-running chain: {fadeIn:0.0} dB while the chain fades back in, {after:0.0} dB 200-500 ms after un-bypass, {settled:0.0} dB 2-2.5 s after");
        // Stale lookahead would replay audio from before the bypass (as loud as the signal); primed, only filter history differs.
        Assert.True(fadeIn < -20, $"{fadeIn:0.0} dB while fading in");
        // What stays is the 20 Hz subsonic filter's own float rounding (about -65 dB here): a restarted copy of that filter
        // alone differs from a never-stopped one by as much for good, while every other stage restarted nulls bit for bit.
        Assert.True(after < -55, $"{after:0.0} dB after the fade");
        Assert.True(settled < -55, $"{settled:0.0} dB 2 s after the fade");
    }

    [Fact]
    public void SleepingAndWaking_AllocatesNothing()
    {
        var store = BusyStoreWithBEqualToA();
        LiveMasterChain live = Prepared(store, sleeps: true, console: true);
        var buffer = new AudioBuffer(2, Block);
        float[][] input = Programme.Create(Rate, 0.1, 0.3);
        input[0].AsSpan(0, Block).CopyTo(buffer.Channel(0, Block));
        int ab = store.Table.IndexOf("/master/ab"), bypassed = store.Table.IndexOf("/master/bypass");
        long calls = 0;
        Allocations.AssertNone(() =>
        {
            // B in play for a while, then back (it falls asleep), and the bypass on and off (the chains stop and restart).
            long phase = calls++ / 40 % 4;
            store.TrySetReal(ab, phase == 1 ? 1 : 0);
            store.TrySetReal(bypassed, phase == 3 ? 1 : 0);
            live.Process(buffer, Block);
        }, calls: 2_000, "the live master chain while slot B sleeps and wakes and the bypass stops and restarts the chains");
    }

    private static double RelativeErrorDb(float[][] reference, float[][] actual, int from, int to)
    {
        double error = 0, signal = 0;
        for (int c = 0; c < 2; c++)
            for (int i = from; i < to; i++)
            {
                double d = actual[c][i] - reference[c][i];
                error += d * d;
                signal += (double)reference[c][i] * reference[c][i];
            }
        return 10 * Math.Log10(Math.Max(error, 1e-30) / signal);
    }
}
