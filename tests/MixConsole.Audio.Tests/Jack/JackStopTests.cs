using System.Diagnostics;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;
using MixConsole.Dsp.Core;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Jack;

/// <summary>
/// Stopping a JACK client while another thread keeps the garbage collector busy: libjack must never cancel the process
/// thread inside managed code (or while it is suspended for a collection), which hangs or aborts the process.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class JackStopTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void StartStop100Times_UnderAllocationPressure_EndsTheProcessThreadWithoutCancellingIt()
    {
        const int Rounds = 100;
        using var server = new JackDummyServer(channels: 2, period: 64);
        using var monitor = new JackXrunMonitor(server.Name);
        using var stopPressure = new CancellationTokenSource();
        long allocated = 0;
        var pressure = new Thread(() =>
        {
            // Garbage as fast as one thread makes it: a gen0 collection every few milliseconds, each one suspending
            // the JACK process thread wherever it is in managed code.
            var keep = new byte[64][];
            for (int i = 0; !stopPressure.IsCancellationRequested; i++)
            {
                keep[i & 63] = new byte[8 * 1024];
                allocated += keep[i & 63].Length;
            }
        }) { IsBackground = true, Name = "allocation pressure" };
        pressure.Start();
        int collections = GC.CollectionCount(0);
        int abandonedBefore = LibJack.ClosesAbandoned;
        var longestStop = TimeSpan.Zero;
        int openRetries = 0;
        try
        {
            for (int round = 0; round < Rounds; round++)
            {
                using var backend = new JackBackend();
                var options = new AudioBackendOptions
                {
                    JackServerName = server.Name, JackAutoConnect = false, ChannelsIn = 1, ChannelsOut = 1, Realtime = RealtimeOptions.None,
                };
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        backend.Open(options);
                        break;
                    }
                    catch (AudioBackendException e) when (attempt < 5 && server.IsRunning)
                    {
                        // With another test run starting and stopping its own jackd beside this one, JACK's shared
                        // server registry is briefly unreadable now and then: this test is about stopping, so open again.
                        openRetries++;
                        output.WriteLine($"round {round}: open attempt {attempt} failed while the server ran ({e.Message}); retrying");
                        Thread.Sleep(200);
                    }
                }

                var callback = new BusyCallback();
                backend.Start(callback);
                var waited = Stopwatch.StartNew();
                while (callback.Calls < 20)
                {
                    Assert.True(waited.Elapsed < Patience, $"round {round}: only {callback.Calls} callbacks");
                    Thread.Sleep(1);
                }

                // Stopped on another thread so a hang fails the test rather than stalling it for ever.
                var stopped = Stopwatch.StartNew();
                var stop = new Thread(backend.Stop) { IsBackground = true };
                stop.Start();
                Assert.True(stop.Join(Patience), $"round {round}: Stop did not return");
                if (stopped.Elapsed > longestStop) longestStop = stopped.Elapsed;
                long callsAtStop = callback.Calls;
                Assert.True(backend.ProcessThreadEndedItself, $"round {round}: JACK's process thread did not end by itself; deactivate cancelled it");
                Thread.Sleep(5);
                Assert.Equal(callsAtStop, callback.Calls);
            }
        }
        finally
        {
            stopPressure.Cancel();
            pressure.Join();
        }

        int gcs = GC.CollectionCount(0) - collections;
        output.WriteLine($"{Rounds} start/stop rounds, {gcs} gen0 collections meanwhile ({allocated / (1 << 20)} MiB allocated), longest stop {longestStop.TotalMilliseconds:0} ms, {openRetries} opens retried, {LibJack.ClosesAbandoned - abandonedBefore} closes abandoned to a server that never answered, server xruns {monitor.Xruns}");
        // The pressure was real: collections ran all through the rounds, not just once.
        Assert.True(gcs >= Rounds, $"only {gcs} collections in {Rounds} rounds");
    }

    /// <summary>Managed work on every period (so collections find the thread in managed code), counted.</summary>
    private sealed class BusyCallback : IAudioCallback
    {
        private long _calls;

        public long Calls => Volatile.Read(ref _calls);

        public void Process(AudioBuffer input, AudioBuffer output, int frames)
        {
            var x = input.Channel(0, frames);
            var y = output.Channel(0, frames);
            for (int pass = 0; pass < 20; pass++)
                for (int i = 0; i < frames; i++) y[i] = x[i] * 0.5f + y[i] * 0.5f;
            Interlocked.Increment(ref _calls);
        }
    }
}
