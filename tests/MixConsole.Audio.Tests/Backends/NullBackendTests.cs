using MixConsole.Audio.Backends;
using MixConsole.Audio.Null;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;

namespace MixConsole.Audio.Tests.Backends;

/// <summary>The null backend runs like a card with nothing plugged in: real-time periods, silence in.</summary>
public sealed class NullBackendTests
{
    [Fact]
    public void Paced_DeliversPeriodsAtTheSampleRate()
    {
        using var backend = new NullBackend();
        backend.Open(new AudioBackendOptions { ChannelsIn = 8, ChannelsOut = 8, PeriodFrames = 128, MaxFrames = 48_000, Realtime = RealtimeOptions.None });
        var callback = new GainCallback([1f]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        backend.Start(callback);
        Assert.True(backend.WaitForEnd(TimeSpan.FromSeconds(10)));
        watch.Stop();
        Assert.InRange(watch.Elapsed.TotalMilliseconds, 980, 1600);
        Assert.Equal(48_000, backend.FramesProcessed);
        Assert.Equal(375, backend.Callbacks);
        callback.Allocations.AssertNone("the null backend's loop with a gain callback");
    }

    [Fact]
    public void Stop_EndsARunningStreamPromptly()
    {
        using var backend = new NullBackend();
        backend.Open(new AudioBackendOptions { Realtime = RealtimeOptions.None });
        backend.Start(new GainCallback([1f]));
        Thread.Sleep(100);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        backend.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
        Assert.True(backend.Callbacks > 10);
        long after = backend.Callbacks;
        Thread.Sleep(50);
        Assert.Equal(after, backend.Callbacks);
    }

    [Fact]
    public void AStalledCallback_IsCountedAsAnXrun_AndTheStreamGoesOn()
    {
        using var backend = new NullBackend();
        backend.Open(new AudioBackendOptions { PeriodFrames = 1024, Periods = 4, MaxFrames = 1024 * 20, Realtime = RealtimeOptions.None });
        // 300 ms stalled against an 85 ms buffer: a card would have under-run once (a busy shared machine may add one).
        backend.Start(new StallingCallback(stallAt: 10, stallMs: 300));
        Assert.True(backend.WaitForEnd(TimeSpan.FromSeconds(10)));
        Assert.InRange(backend.Xruns, 1, 2);
        Assert.Equal(1024 * 20, backend.FramesProcessed);
    }

    [Fact]
    public void RealtimeRequest_EitherRunsSchedFifo_OrSaysWhyNot()
    {
        using var backend = new NullBackend();
        backend.Open(new AudioBackendOptions { MaxFrames = 4_800, Realtime = new RealtimeOptions(Priority: 10, LockMemory: false, LowLatencyGc: false) });
        var probe = new PolicyProbe();
        backend.Start(probe);
        Assert.True(backend.WaitForEnd(TimeSpan.FromSeconds(10)));
        var rt = backend.Realtime;
        Assert.StartsWith("real-time: SCHED_FIFO 10", rt.Message);
        if (rt.PriorityGranted) Assert.Equal((1, 10), probe.Policy);
        else Assert.Contains("refused", rt.Message);
    }

    private sealed class StallingCallback(int stallAt, int stallMs) : IAudioCallback
    {
        private int _calls;

        public void Process(MixConsole.Dsp.Core.AudioBuffer input, MixConsole.Dsp.Core.AudioBuffer output, int frames)
        {
            if (++_calls == stallAt) Thread.Sleep(stallMs);
        }
    }

    private sealed class PolicyProbe : IAudioCallback
    {
        public (int, int) Policy { get; private set; }

        public void Process(MixConsole.Dsp.Core.AudioBuffer input, MixConsole.Dsp.Core.AudioBuffer output, int frames) =>
            Policy = RealtimeScheduling.CurrentThreadPolicy();
    }
}
