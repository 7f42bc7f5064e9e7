using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
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
        var probe = new ImpulseProbe(sendAtCall: 20);
        backend.Start(probe);
        Assert.Equal(0, Connect(server.Name, "mixconsole:out_1", "mixconsole:in_1"));
        Assert.True(probe.Found.Wait(TimeSpan.FromSeconds(60)), "the impulse never came back");
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

    private static int Connect(string server, string from, string to)
    {
        var start = new System.Diagnostics.ProcessStartInfo("jack_connect", [from, to]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["JACK_DEFAULT_SERVER"] = server;
        using var p = System.Diagnostics.Process.Start(start)!;
        return p.WaitForExit(60_000) ? p.ExitCode : -1;
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
