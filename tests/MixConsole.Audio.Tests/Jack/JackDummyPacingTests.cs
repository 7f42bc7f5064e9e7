using System.Diagnostics;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Jack;

/// <summary>
/// The JACK backend's callback on a jackd dummy server, which paces periods by the clock: counted, never timed.
/// The test waits for a number of callbacks (a loaded machine only makes that take longer) and bounds them from
/// above by the time they took (load cannot make a paced server run faster).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class JackDummyPacingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
        const double periodsPerSecond = 48_000 / 128.0;
        const long wanted = 375; // one second of periods
        var watch = Stopwatch.StartNew();
        backend.Start(callback);
        bool reached = SpinWait.SpinUntil(() => callback.Calls >= wanted, Patience);
        long calls = callback.Calls;
        double seconds = watch.Elapsed.TotalSeconds;
        Assert.Contains("mixconsole:in_1", JackPorts.List(server.Name, out _) ?? []);
        backend.Stop();
        output.WriteLine($"{format.DescribeFormat()}; {format.DescribeLatency()}");
        output.WriteLine($"{calls} callbacks in {seconds:0.00} s ({periodsPerSecond * seconds:0} periods of real time), host xruns {backend.Xruns}, server xruns {monitor.Xruns}, {backend.Realtime.Message}");
        Assert.True(reached, $"only {calls} of {wanted} callbacks in {Patience.TotalSeconds:0} s");
        // The dummy driver sleeps to each period's deadline and restarts its clock after a late one (no catch-up
        // bursts): more callbacks than the elapsed time holds periods would mean the server is not paced at all.
        Assert.True(calls <= periodsPerSecond * seconds * 1.25 + 10, $"{calls} callbacks in {seconds:0.00} s: faster than real time");
        callback.Allocations.AssertNone("the JACK process callback with a gain callback, 32 channels");
    }
}
