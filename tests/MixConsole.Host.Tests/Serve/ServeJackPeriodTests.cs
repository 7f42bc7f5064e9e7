using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Jack;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;
using MixConsole.Host.Commands;
using MixConsole.Host.Serve;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// <c>serve --audio jack</c> while the server's period changes under it (jack_bufsize 128 -> 256 -> 64 -> 512 -> 128) and
/// a control surface streams 1,000 changes a second: another JACK client plays a constant level into input 1 and hears
/// main left come back at the same level after every change. Alone in the process, as every JACK client test is.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed partial class ServeJackPeriodTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Serve_FollowsJackBufferSizeChanges_WhileControlChangesStreamIn_AtTheSameLevel()
    {
        const float Level = 0.5f;
        using var server = new JackDummyServer(period: 128);
        var lines = new LineCollector();
        var errors = new StringWriter();
        using var cancel = new CancellationTokenSource();
        int code = -1;
        var serve = new Thread(() => code = new CommandRunner(CommandCatalog.All).Run(
            ["serve", "--audio", "jack", "--jack-server", server.Name, "--status", "0.5", "--osc-port", "0", "--http-port", "0", "--bind", "127.0.0.1", "--rt-priority", "0", "--no-mlock"],
            new CommandContext(lines, errors, cancel.Token))) { IsBackground = true, Name = "serve" };
        serve.Start();
        using var probeClient = new JackBackend();
        var probe = new LevelProbe(Level);
        OscControlLoad? load = null;
        try
        {
            int port = WaitForPort(lines, serve);
            probeClient.Open(new AudioBackendOptions
            {
                JackServerName = server.Name, JackClientName = "probe", JackAutoConnect = false, ChannelsIn = 1, ChannelsOut = 1, Realtime = RealtimeOptions.None,
            });
            probeClient.Start(probe);
            Assert.Equal(0, ToolExitCode(server.Name, "jack_connect", "probe:out_1", "mixconsole:in_1"));
            Assert.Equal(0, ToolExitCode(server.Name, "jack_connect", "mixconsole:out_1", "probe:in_1"));
            load = new OscControlLoad(port, changesPerSecond: 1_000, mainEq: false);
            load.Start();
            WaitForProcessing(lines, 128, serve);
            float reference = WaitForSteadyLevel(probe, float.NaN, "at 128 frames");
            output.WriteLine($"main left at 128 frames: {reference} for {Level} into input 1");
            Assert.InRange(reference, 0.1f, 1f);
            foreach (int period in new[] { 256, 64, 512, 128 })
            {
                Assert.Equal(0, ToolExitCode(server.Name, "jack_bufsize", period.ToString(CultureInfo.InvariantCulture)));
                WaitForProcessing(lines, period, serve);
                WaitForSteadyLevel(probe, reference, $"after the change to {period} frames");
                output.WriteLine($"{period} frames: level {probe.LastLevel}, {load.Changes} changes sent");
            }
        }
        finally
        {
            load?.Dispose();
            probeClient.Stop();
            cancel.Cancel();
            Assert.True(serve.Join(TimeSpan.FromSeconds(60)), "serve did not stop");
        }

        output.WriteLine(string.Join("\n", lines.All));
        Assert.True(code == 0, errors.ToString());
        Assert.DoesNotContain("Exception", errors.ToString(), StringComparison.Ordinal);
        // The changes arrived and were applied while the periods changed.
        var stopped = ServeOutputLines.Stopped().Match(string.Join("\n", lines.All));
        Assert.True(stopped.Success, "no stopped line");
        Assert.True(long.Parse(stopped.Groups[1].Value, CultureInfo.InvariantCulture) >= 1_000, $"serve applied only {stopped.Groups[1].Value} changes");
        Assert.Contains(lines.All, line => line.StartsWith("gc      ", StringComparison.Ordinal) && line.Contains("gen2 collections since the audio started", StringComparison.Ordinal));
    }

    private static int WaitForPort(LineCollector lines, Thread serve)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            foreach (string line in lines.All)
            {
                var m = ServeOutputLines.Listening().Match(line);
                if (m.Success) return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            Assert.True(serve.IsAlive, "serve stopped:\n" + string.Join("\n", lines.All));
            Assert.True(watch.Elapsed < Patience, "serve never listened:\n" + string.Join("\n", lines.All));
            Thread.Sleep(50);
        }
    }

    // Waits until the probe has heard 50 periods in a row, each flat and at one level (the reference, when given), and
    // returns that level. A glitch (silence while the period changes, a ramp) only restarts the count.
    private static float WaitForSteadyLevel(LevelProbe probe, float reference, string when)
    {
        var watch = Stopwatch.StartNew();
        probe.Expect(reference);
        long need = probe.Periods + 50;
        while (probe.SteadyInARow < 50 || probe.Periods < need)
        {
            Assert.True(watch.Elapsed < Patience, $"{when}: {probe.SteadyInARow} steady periods in a row, last level {probe.LastLevel} (expected {reference})");
            Thread.Sleep(20);
        }

        return probe.LastLevel;
    }

    // Waits (generously: the machine is shared) for two status lines reporting the period whose frame counts show 0.1 s
    // of audio processed between them.
    private static void WaitForProcessing(LineCollector lines, int period, Thread serve)
    {
        var watch = Stopwatch.StartNew();
        long first = -1;
        int seen = lines.Count;
        while (true)
        {
            Assert.True(serve.IsAlive, "serve stopped:\n" + string.Join("\n", lines.All));
            Assert.True(watch.Elapsed < Patience, $"period {period}: no processing seen\n" + string.Join("\n", lines.All));
            var all = lines.All;
            for (; seen < all.Count; seen++)
            {
                var m = ServeOutputLines.Status().Match(all[seen]);
                if (!m.Success || int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) != period) continue;
                long frames = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (first < 0) first = frames;
                else if (frames - first >= 4_800) return;
            }

            Thread.Sleep(100);
        }
    }

    [Fact]
    public void EngineFollower_PreparesForALongerPeriod_AndKeepsAShorterOneAsItIs()
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        var engine = new MixerEngine(store);
        int outputs = MixerOutputs.Total(ConsoleConfig.Default.Buses);
        engine.Prepare(48_000, 128, 32, outputs);
        PeriodChangeHandler follow = EnginePeriod.Follower(engine, null, 48_000, 128, 32, outputs);
        var input = new AudioBuffer(32, 256);
        var result = new AudioBuffer(outputs, 256);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Process(input, result, 256));
        Assert.True(follow(256));
        engine.Process(input, result, 256);
        Assert.True(follow(64));
        engine.Process(input, result, 64);
        engine.Process(input, result, 256);
    }

    private static int ToolExitCode(string server, string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name, arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["JACK_DEFAULT_SERVER"] = server;
        using var p = Process.Start(start)!;
        p.StandardOutput.ReadToEnd();
        return p.WaitForExit(60_000) ? p.ExitCode : -1;
    }

    /// <summary>
    /// Plays a constant level and judges what comes back per period: steady when flat across the period and at the
    /// expected level (or, with none expected yet, at the previous period's level).
    /// </summary>
    private sealed class LevelProbe(float level) : IAudioCallback
    {
        private const float Tolerance = 1e-5f;
        private float _expected = float.NaN;
        private float _last = float.NaN;
        private long _periods;
        private long _inARow;

        public long Periods => Volatile.Read(ref _periods);

        public long SteadyInARow => Volatile.Read(ref _inARow);

        public float LastLevel => Volatile.Read(ref _last);

        public void Expect(float expected)
        {
            Volatile.Write(ref _expected, expected);
            Volatile.Write(ref _inARow, 0);
        }

        public void Process(AudioBuffer input, AudioBuffer output, int frames)
        {
            output.Channel(0, frames).Fill(level);
            var x = input.Channel(0, frames);
            float first = x[0];
            bool flat = true;
            for (int i = 1; i < frames; i++) flat &= Math.Abs(x[i] - first) <= Tolerance;
            float target = Volatile.Read(ref _expected);
            if (float.IsNaN(target)) target = _last;
            bool steady = flat && Math.Abs(first - target) <= Tolerance;
            Volatile.Write(ref _last, first);
            Volatile.Write(ref _inARow, steady ? _inARow + 1 : 0);
            Interlocked.Increment(ref _periods);
        }
    }

    /// <summary>Whole lines written to it, readable from another thread while serve writes.</summary>
    private sealed class LineCollector : TextWriter
    {
        private readonly List<string> _lines = [];
        private readonly System.Text.StringBuilder _current = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public int Count
        {
            get
            {
                lock (_lines) return _lines.Count;
            }
        }

        public List<string> All
        {
            get
            {
                lock (_lines) return [.. _lines];
            }
        }

        public override void Write(char value)
        {
            lock (_lines)
            {
                if (value == '\n')
                {
                    _lines.Add(_current.ToString().TrimEnd('\r'));
                    _current.Clear();
                }
                else
                {
                    _current.Append(value);
                }
            }
        }
    }
}
