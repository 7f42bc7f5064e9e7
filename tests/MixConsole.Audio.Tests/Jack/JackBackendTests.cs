using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Latency;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;
using MixConsole.Dsp.Core;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Jack;

/// <summary>
/// The JACK backend against a real jackd dummy server the test starts (its callback rate: <see cref="JackDummyPacingTests"/>).
/// Alone in the process, as every JACK client test is (see <see cref="TimingCollection"/>).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class JackBackendTests(ITestOutputHelper output)
{
    [Fact]
    public void OwnOutputLoopedToOwnInput_ReturnsAnImpulseOnePeriodLater()
    {
        using var server = new JackDummyServer(channels: 2, period: 64);
        using var backend = new JackBackend();
        backend.Open(new AudioBackendOptions
        {
            JackServerName = server.Name, JackAutoConnect = false, ChannelsIn = 1, ChannelsOut = 1, Realtime = RealtimeOptions.None,
        });
        // The latency command's probe: an impulse every 1,000 frames, 200 of them, so the connection made from another process is in place for most.
        var probe = new LoopbackLatencyProbe(0, 0, 1_000, 200);
        backend.Start(probe);
        Assert.Equal(0, Connect(server.Name, "mixconsole:out_1", "mixconsole:in_1"));
        Assert.True(probe.Done.Wait(TimeSpan.FromSeconds(60)), "the probe did not finish");
        backend.Stop();
        output.WriteLine($"loopback through the JACK graph: {probe.MedianDelayFrames()} frames ({probe.Delays.Length} of {probe.Sent} impulses back)");
        // A feedback connection in the JACK graph delivers a port's buffer one cycle later.
        Assert.True(probe.Delays.Length > 100, $"{probe.Delays.Length} impulses came back");
        Assert.All(probe.Delays.ToArray(), d => Assert.Equal(64, d));
    }

    [Fact]
    public void NoServer_IsOneClearLine_WithoutHanging()
    {
        using var backend = new JackBackend();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions { JackServerName = "no-such-server-4711", Realtime = RealtimeOptions.None }));
        // Refusing takes milliseconds; the bound only has to tell a hang (for ever) from a busy machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.StartsWith("no JACK server named 'no-such-server-4711' is running", e.Message);
        Assert.Null(JackPorts.List("no-such-server-4711", out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void ServerAtAnotherRate_IsRefusedInOneLine()
    {
        using var server = new JackDummyServer(channels: 2, period: 128, rateHz: 44_100);
        using var backend = new JackBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions { JackServerName = server.Name, SampleRateHz = 48_000, Realtime = RealtimeOptions.None }));
        Assert.Equal($"JACK server '{server.Name}' runs at 44100 Hz, not 48000 Hz (--rate 44100 to follow it)", e.Message);
    }

    [Fact]
    public void BufferSizeChanges_128To256To64_KeepTheSoundFlowing_WithoutXrunsPerPeriod()
    {
        const float Level = 0.5f;
        const float Gain = 0.25f;
        using var server = new JackDummyServer(channels: 2, period: 128);
        using var monitor = new JackXrunMonitor(server.Name);
        using var console = new JackBackend();
        console.Open(new AudioBackendOptions
        {
            JackServerName = server.Name, JackAutoConnect = false, ChannelsIn = 1, ChannelsOut = 1, Realtime = RealtimeOptions.None,
        });
        // A second client plays a known level into the console and measures what comes back: probe -> console -> probe.
        using var probeClient = new JackBackend();
        probeClient.Open(new AudioBackendOptions
        {
            JackServerName = server.Name, JackClientName = "probe", JackAutoConnect = false, ChannelsIn = 1, ChannelsOut = 1,
            Realtime = RealtimeOptions.None,
        });
        var gain = new ResizableGain(Gain);
        var probe = new LevelProbe(Level, Level * Gain);
        console.Start(gain);
        probeClient.Start(probe);
        Assert.Equal(0, Connect(server.Name, "probe:out_1", "mixconsole:in_1"));
        Assert.Equal(0, Connect(server.Name, "mixconsole:out_1", "probe:in_1"));

        WaitForFlow(probe, gain, 128, "at the start");
        output.WriteLine($"128 frames: {gain.Calls} periods, server xruns {monitor.Xruns}");
        foreach (int period in new[] { 256, 64 })
        {
            Assert.Equal(0, BufferSize(server.Name, period));
            WaitForFlow(probe, gain, period, $"after the change to {period} frames");
            output.WriteLine($"{period} frames: {gain.Calls} periods, server xruns {monitor.Xruns}");
            Assert.Equal(period, console.ServerPeriodFrames);
            Assert.Equal(period, console.CallbackPeriodFrames);
        }

        probeClient.Stop();
        console.Stop();
        output.WriteLine($"{gain.Calls} console periods, largest {gain.MaxFramesSeen} frames, prepared for {string.Join(" -> ", gain.Prepared)}; " +
            $"probe: {probe.GoodPeriods} periods at the expected level, {probe.OtherPeriods} not; console xruns {console.Xruns}, server xruns {monitor.Xruns}");
        Assert.Equal([256, 64], gain.Prepared);
        Assert.Equal(256, gain.MaxFramesSeen);
        // Every xrun the console counts is one the server reported (the monitor, attached first, sees them all): none is
        // counted per period of a new length. (The dummy driver itself reports an xrun whenever it wakes a few
        // microseconds late, which on a shared machine is often.)
        Assert.True(console.Xruns <= monitor.Xruns, $"console counted {console.Xruns} xruns, the server {monitor.Xruns}");
        Assert.Equal(0, gain.AllocatedAfterWarmup);
        // JACK's process thread entered the runtime in the thread-init callback, before the first period.
        Assert.Equal(console.ProcessThreadId, gain.FirstCallThreadId);
        Assert.True(console.ProcessThreadAttachedAtInit, "the process thread was not attached before the first period");
    }

    // Waits (generously: the machine is shared) until the console has run 50 periods of the given length and the probe has
    // since heard 50 periods in a row at exactly the expected level.
    private static void WaitForFlow(LevelProbe probe, ResizableGain gain, int period, string when)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        long needCalls = gain.CallsOf(period) + 50;
        while (gain.CallsOf(period) < needCalls)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"{when}: the console ran {gain.CallsOf(period)} periods of {period} frames");
            Thread.Sleep(20);
        }

        long needGood = probe.GoodPeriods + 50;
        while (probe.GoodInARow < 50 || probe.GoodPeriods < needGood)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"{when}: the probe heard {probe.GoodInARow} good periods in a row, {probe.OtherPeriods} others");
            Thread.Sleep(20);
        }
    }

    private static int BufferSize(string server, int frames) => Tool(server, "jack_bufsize", frames.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static int Connect(string server, string from, string to) => Tool(server, "jack_connect", from, to);

    private static int Tool(string server, string name, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(name, arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["JACK_DEFAULT_SERVER"] = server;
        using var p = System.Diagnostics.Process.Start(start)!;
        return p.WaitForExit(60_000) ? p.ExitCode : -1;
    }

    /// <summary>Output = input x gain; follows period changes; records the thread it runs on and its allocations.</summary>
    private sealed class ResizableGain(float gain) : IResizableAudioCallback
    {
        private readonly long[] _callsBySize = new long[AudioBackendOptions.MaxPeriodFrames + 1];
        private long _calls;
        private long _bytesAtWarm = -1;
        private long _bytesNow = -1;

        public List<int> Prepared { get; } = [];

        public long Calls => Volatile.Read(ref _calls);

        public int MaxFramesSeen { get; private set; }

        public int FirstCallThreadId { get; private set; }

        public long AllocatedAfterWarmup => _bytesNow - _bytesAtWarm;

        public long CallsOf(int frames) => Volatile.Read(ref _callsBySize[frames]);

        public bool TryPrepareForPeriod(int maxFrames)
        {
            Prepared.Add(maxFrames);
            return true;
        }

        public void Process(AudioBuffer input, AudioBuffer output, int frames)
        {
            if (_calls == 0) FirstCallThreadId = Environment.CurrentManagedThreadId;

            if (frames > MaxFramesSeen) MaxFramesSeen = frames;
            var x = input.Channel(0, frames);
            var y = output.Channel(0, frames);
            for (int i = 0; i < frames; i++) y[i] = x[i] * gain;
            Interlocked.Increment(ref _callsBySize[frames]);
            long calls = Interlocked.Increment(ref _calls);
            if (calls == 50) _bytesAtWarm = GC.GetAllocatedBytesForCurrentThread();
            else if (calls > 50) _bytesNow = GC.GetAllocatedBytesForCurrentThread();
        }
    }

    /// <summary>Plays a constant level and counts the periods whose input is exactly the expected level.</summary>
    private sealed class LevelProbe(float level, float expected) : IAudioCallback
    {
        private long _good;
        private long _other;
        private long _inARow;

        public long GoodPeriods => Volatile.Read(ref _good);

        public long OtherPeriods => Volatile.Read(ref _other);

        public long GoodInARow => Volatile.Read(ref _inARow);

        public void Process(AudioBuffer input, AudioBuffer output, int frames)
        {
            output.Channel(0, frames).Fill(level);
            var x = input.Channel(0, frames);
            bool good = true;
            for (int i = 0; i < frames; i++) good &= Math.Abs(x[i] - expected) < 1e-6f;
            if (good)
            {
                Interlocked.Increment(ref _good);
                Interlocked.Increment(ref _inARow);
            }
            else
            {
                Interlocked.Increment(ref _other);
                Volatile.Write(ref _inARow, 0);
            }
        }
    }
}
