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
public sealed class JackEngineSoakTests(ITestOutputHelper output)
{
    [Fact]
    public void Engine_OnJackDummy_WhileParametersChange_AllocatesNothing()
    {
        var figures = Run(TimeSpan.FromSeconds(3), baseline: false);
        Assert.Equal(0, figures.AllocatedBytes);
        // 3 s paced at 48 kHz / 128 frames is 1125 periods; the dummy driver catches up after stalls, so allow some over.
        Assert.InRange(figures.Callbacks, 400, 1500);
        Assert.True(figures.ParameterChanges > 20_000, $"only {figures.ParameterChanges} parameter changes");
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

    private sealed record Figures(long ServerXruns, long ClientXruns, long Callbacks, long ParameterChanges, long AllocatedBytes, double WorstCallbackUs, int Collections = 0, double P999CallbackUs = 0);

    private Figures Run(TimeSpan duration, bool baseline)
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
                    changes++;
                }
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "soak-control" };
        // As `serve` does: compile every engine path on a throwaway console before the audio starts.
        MixConsole.Host.Serve.EngineWarmUp.Run(ConsoleConfig.Default, format.SampleRateHz, format.PeriodFrames, format.ChannelsIn, format.ChannelsOut);
        int collections = GC.CollectionCount(0);
        backend.Start(callback);
        control.Start();
        Thread.Sleep(duration);
        stop.Cancel();
        control.Join();
        backend.Stop();
        output.WriteLine($"{format.DescribeFormat()}; {backend.Realtime.Message}");
        return new Figures(monitor.Xruns, backend.Xruns, callback.Calls, changes, callback.AllocatedAfterWarmup, callback.WorstUs,
            GC.CollectionCount(0) - collections, callback.Percentile(0.999));
    }

    private sealed class MeasuringCallback(MixerEngine engine) : IAudioCallback
    {
        private const int Warmup = 100;
        private long _bytesAtWarm;
        private long _bytesNow;

        public long Calls { get; private set; }

        public double WorstUs { get; private set; }

        // Callback times after warm-up, preallocated so measuring allocates nothing.
        private readonly double[] _times = new double[1 << 16];

        public double Percentile(double p)
        {
            int n = (int)Math.Min(Calls - Warmup, _times.Length);
            if (n <= 0) return 0;
            var sorted = _times.AsSpan(0, n).ToArray();
            Array.Sort(sorted);
            return sorted[Math.Min(n - 1, (int)(n * p))];
        }

        public long AllocatedAfterWarmup => Calls > Warmup ? _bytesNow - _bytesAtWarm : -1;

        public void Process(AudioBuffer input, AudioBuffer output, int frames)
        {
            long t0 = Stopwatch.GetTimestamp();
            engine.Process(input, output, frames);
            double us = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            if (++Calls > Warmup && us > WorstUs) WorstUs = us;
            if (Calls > Warmup && Calls - Warmup <= _times.Length) _times[Calls - Warmup - 1] = us;
            if (Calls == Warmup) _bytesAtWarm = GC.GetAllocatedBytesForCurrentThread();
            else if (Calls > Warmup) _bytesNow = GC.GetAllocatedBytesForCurrentThread();
        }
    }
}
