using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;
using MixConsole.Dsp.Core;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Jack;

/// <summary>The JACK backend against a real jackd dummy server the test starts.</summary>
public sealed class JackBackendTests(ITestOutputHelper output)
{
    [Fact]
    public void DummyServer_32Channels_RunsTheCallbackInRealTime_AllocatingNothing()
    {
        using var server = new JackDummyServer();
        using var monitor = new JackXrunMonitor(server.Name);
        using var backend = new JackBackend();
        var format = backend.Open(new AudioBackendOptions
        {
            JackServerName = server.Name, ChannelsIn = 32, ChannelsOut = 32, SampleRateHz = 48_000, Realtime = RealtimeOptions.None,
        });
        Assert.Equal(128, format.PeriodFrames);
        Assert.Equal(64, backend.PortNames.Count);
        Assert.Equal("mixconsole:in_1", backend.PortNames[0]);
        var callback = new GainCallback([1f], warmupCalls: 50);
        backend.Start(callback);
        Thread.Sleep(2_000);
        backend.Stop();
        long calls = callback.Calls;
        output.WriteLine($"{format.DescribeFormat()}; {format.DescribeLatency()}");
        output.WriteLine($"2 s: {calls} callbacks, host xruns {backend.Xruns}, server xruns {monitor.Xruns}, {backend.Realtime.Message}");
        // 2 s at 48 kHz in 128-frame periods is 750 periods; the dummy driver paces by the clock and never
        // runs faster, but a non-real-time jackd on an overloaded shared machine delivers fewer.
        Assert.InRange(calls, 300, 800);
        callback.Allocations.AssertNone("the JACK process callback with a gain callback, 32 channels");
        Assert.Contains("mixconsole:in_1", JackPorts.List(server.Name, out _) ?? []);
    }

    [Fact]
    public void OwnOutputLoopedToOwnInput_ReturnsAnImpulseOnePeriodLater()
    {
        using var server = new JackDummyServer(channels: 2, period: 64);
        using var backend = new JackBackend();
        backend.Open(new AudioBackendOptions
        {
            JackServerName = server.Name, JackAutoConnect = false, ChannelsIn = 1, ChannelsOut = 1, Realtime = RealtimeOptions.None,
        });
        var probe = new ImpulseProbe(sendAtCall: 20);
        backend.Start(probe);
        Assert.Equal(0, Connect(server.Name, "mixconsole:out_1", "mixconsole:in_1"));
        Assert.True(probe.Found.Wait(TimeSpan.FromSeconds(10)), "the impulse never came back");
        backend.Stop();
        output.WriteLine($"loopback through the JACK graph: {probe.DelayFrames} frames");
        // A feedback connection in the JACK graph delivers a port's buffer one cycle later.
        Assert.Equal(64, probe.DelayFrames);
    }

    [Fact]
    public void NoServer_IsOneClearLine_WithoutHanging()
    {
        using var backend = new JackBackend();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions { JackServerName = "no-such-server-4711", Realtime = RealtimeOptions.None }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
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

    private static int Connect(string server, string from, string to)
    {
        var start = new System.Diagnostics.ProcessStartInfo("jack_connect", [from, to]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["JACK_DEFAULT_SERVER"] = server;
        using var p = System.Diagnostics.Process.Start(start)!;
        p.WaitForExit(10_000);
        return p.ExitCode;
    }

    private sealed class ImpulseProbe(int sendAtCall) : IAudioCallback
    {
        private long _calls;
        private long _sentAtFrame = -1;
        private long _frame;

        public ManualResetEventSlim Found { get; } = new(false);

        public long DelayFrames { get; private set; } = -1;

        public void Process(AudioBuffer input, AudioBuffer output, int frames)
        {
            var inp = input.Channel(0, frames);
            if (_sentAtFrame >= 0 && !Found.IsSet)
            {
                for (int i = 0; i < frames; i++)
                {
                    if (inp[i] == 0f) continue;
                    DelayFrames = _frame + i - _sentAtFrame;
                    Found.Set();
                    break;
                }
            }
            // Keep sending until the connection (made from another process) is in place; the first arrival counts.
            if (++_calls >= sendAtCall && !Found.IsSet && (_calls - sendAtCall) % 50 == 0)
            {
                output.Channel(0, frames)[0] = 1f;
                _sentAtFrame = _frame;
            }
            _frame += frames;
        }
    }
}
