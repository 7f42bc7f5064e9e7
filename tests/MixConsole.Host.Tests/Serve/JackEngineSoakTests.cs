using MixConsole.Audio.Tests.Jack;
using System.Diagnostics;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Realtime;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// The mixer engine on a real jackd dummy server (paced in real time, 32 x 32 channels, 128-frame
/// periods) while another thread changes parameters 10,000 times a second: no more xruns than the
/// same server shows alone over the same time, and nothing allocated on JACK's process thread.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class JackEngineSoakTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Engine_OnJackDummy_WhileParametersChange_AllocatesNothing()
    {
        // Counted, not timed: run until two seconds' worth of periods and of parameter changes have happened
        // (a loaded machine only makes that take longer), then bound the callbacks by the time it took.
        var figures = Run(Patience, baseline: false, untilCallbacks: 750, untilChanges: 20_000);
        output.WriteLine($"{figures.Callbacks} callbacks and {figures.ParameterChanges} parameter changes in {figures.Seconds:0.00} s; {figures.ServerXruns} server xruns");
        Assert.True(figures.Callbacks >= 750 && figures.ParameterChanges >= 20_000,
            $"only {figures.Callbacks} callbacks and {figures.ParameterChanges} parameter changes in {Patience.TotalSeconds:0} s");
        Assert.Equal(0, figures.AllocatedBytes);
        // The dummy driver sleeps to each period's deadline and restarts its clock after a late one: never faster than real time.
        Assert.True(figures.Callbacks <= 48_000 / 128.0 * figures.Seconds * 1.25 + 10, $"{figures.Callbacks} callbacks in {figures.Seconds:0.00} s: faster than real time");
    }

    [Fact]
    [Trait("Category", "Soak")]
    public void Soak60s_32Channels128Frames_10kChangesPerSecond_NoMoreXrunsThanTheServerAlone()
    {
        var seconds = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("MIXCONSOLE_SOAK_SECONDS") ?? "60", System.Globalization.CultureInfo.InvariantCulture));
        var alone = Run(seconds, baseline: true);
        var host = Run(seconds, baseline: false);
        output.WriteLine($"jack-soak: {seconds.TotalSeconds:0} s each, 32 in / 32 out, 128-frame periods at 48 kHz");
        output.WriteLine($"jack-soak: server alone: {alone.ServerXruns} xruns");
        output.WriteLine($"jack-soak: with console: {host.ServerXruns} xruns (client saw {host.ClientXruns}), {host.Callbacks} callbacks, {host.ParameterChanges} parameter changes ({host.ParameterChanges / seconds.TotalSeconds:0}/s), {host.AllocatedBytes} bytes allocated on the audio thread, worst callback {host.WorstCallbackUs:0} us of {128e6 / 48000:0} us (99.9th percentile {host.P999CallbackUs:0} us), {host.Collections} garbage collections in the process");
        Assert.Equal(0, host.AllocatedBytes);
        Assert.True(host.ParameterChanges >= 9_000 * seconds.TotalSeconds, "the control thread did not keep up 10,000 changes per second");
        // The dummy driver xruns on a busy shared machine even alone; allow for its own run-to-run spread.
        Assert.True(host.ServerXruns <= alone.ServerXruns + Math.Max(5, alone.ServerXruns / 2),
            $"console caused xruns: {host.ServerXruns} with it vs {alone.ServerXruns} alone");
    }

    private sealed record Figures(long ServerXruns, long ClientXruns, long Callbacks, long ParameterChanges, long AllocatedBytes, double WorstCallbackUs, int Collections = 0, double P999CallbackUs = 0, double Seconds = 0);

    /// <summary>
    /// Runs for <paramref name="duration"/>, or, given counts to reach, until both are reached (at most
    /// <paramref name="duration"/>).
    /// </summary>
    private Figures Run(TimeSpan duration, bool baseline, long untilCallbacks = 0, long untilChanges = 0)
    {
        using var server = new JackDummyServer();
        using var monitor = new JackXrunMonitor(server.Name);
        if (baseline)
        {
            Thread.Sleep(duration);
            return new Figures(monitor.Xruns, 0, 0, 0, 0, 0);
        }

        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        var engine = new MixerEngine(store);
        using var backend = new JackBackend();
        var format = backend.Open(new AudioBackendOptions { JackServerName = server.Name, ChannelsIn = 32, ChannelsOut = 32, Realtime = RealtimeOptions.None });
        engine.Prepare(format.SampleRateHz, format.PeriodFrames, format.ChannelsIn, format.ChannelsOut);
        var callback = new MeasuringCallback(engine);
        int[] faders = [.. Enumerable.Range(1, 32).Select(ch => store.Table.IndexOf($"/ch/{ch:00}/mix/fader"))];
        int[] pans = [.. Enumerable.Range(1, 32).Select(ch => store.Table.IndexOf($"/ch/{ch:00}/mix/pan"))];
        long changes = 0;
        using var stop = new CancellationTokenSource();
        var control = new Thread(() =>
        {
            // 10,000 changes a second, in 1 ms batches of 10, as a busy control surface would send them.
            var watch = Stopwatch.StartNew();
            var random = new Random(7);
            while (!stop.IsCancellationRequested)
            {
                long due = (long)(watch.Elapsed.TotalSeconds * 10_000);
                while (changes < due)
                {
                    int ch = random.Next(32);
                    if ((changes & 1) == 0) store.TrySetNormalized(faders[ch], (float)random.NextDouble());
                    else store.TrySetNormalized(pans[ch], (float)random.NextDouble());
                    Interlocked.Increment(ref changes);
                }
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "soak-control" };
        // As `serve` does: compile every engine path on a throwaway console before the audio starts.
        MixConsole.Host.Serve.EngineWarmUp.Run(ConsoleConfig.Default, format.SampleRateHz, format.PeriodFrames, format.ChannelsIn, format.ChannelsOut);
        int collections = GC.CollectionCount(0);
        var running = Stopwatch.StartNew();
        backend.Start(callback);
        control.Start();
        if (untilCallbacks > 0 || untilChanges > 0)
            SpinWait.SpinUntil(() => callback.Calls >= untilCallbacks && Interlocked.Read(ref changes) >= untilChanges, duration);
        else
            Thread.Sleep(duration);
        long calls = callback.Calls;
        double seconds = running.Elapsed.TotalSeconds;
        stop.Cancel();
        control.Join();
        backend.Stop();
        output.WriteLine($"{format.DescribeFormat()}; {backend.Realtime.Message}");
        // The backend times every callback itself (the figures serve's status reports).
        // Collections after the callback's own warm-up collection (counting that one reported a collection that was the test's).
        int afterWarmup = callback.CollectionsAtWarmup >= 0 ? callback.CollectionsAtWarmup : collections;
        return new Figures(monitor.Xruns, backend.Xruns, calls, changes, callback.AllocatedAfterWarmup, backend.CallbackTimes.WorstMicroseconds,
            GC.CollectionCount(0) - afterWarmup, backend.CallbackTimes.PercentileMicroseconds(0.999), seconds);
    }

    private sealed class MeasuringCallback(MixerEngine engine) : IAudioCallback
    {
        private const int Warmup = 100;
        private long _bytesAtWarm;
        private long _bytesNow;

        private long _calls;
        private int _collectionsAtWarmup = -1;

        public long Calls => Volatile.Read(ref _calls);

        /// <summary>Gen0 collection count right after the warm-up collection (-1 before it).</summary>
        public int CollectionsAtWarmup => Volatile.Read(ref _collectionsAtWarmup);

        public long AllocatedAfterWarmup => Calls > Warmup ? _bytesNow - _bytesAtWarm : -1;

        public void Process(AudioBuffer input, AudioBuffer output, int frames)
        {
            engine.Process(input, output, frames);
            long calls = _calls + 1;
            Volatile.Write(ref _calls, calls);
            if (calls == Warmup)
            {
                // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to
                // 8 KB) a collection started by another thread can bill to it as "allocated" on a busy machine.
                GC.Collect(0);
                Volatile.Write(ref _collectionsAtWarmup, GC.CollectionCount(0));
                _bytesAtWarm = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (calls > Warmup)
            {
                _bytesNow = GC.GetAllocatedBytesForCurrentThread();
            }
        }
    }
}
