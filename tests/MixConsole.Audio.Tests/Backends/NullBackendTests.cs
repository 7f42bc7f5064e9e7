using MixConsole.Audio.Backends;
using MixConsole.Audio.Null;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Backends;

/// <summary>
/// The null backend runs like a card with nothing plugged in: paced periods, silence in. Pacing is checked on a
/// clock the test moves (<see cref="ManualPacingClock"/>), so no figure here depends on how busy the machine is;
/// <see cref="PacedOnTheSystemClockTests"/> runs it on the real clock.
/// </summary>
public sealed class NullBackendTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Paced_SleepsToEachPeriodsDeadline_AtTheSampleRate()
    {
        var clock = new ManualPacingClock();
        using var backend = new NullBackend(clock);
        backend.Open(new AudioBackendOptions { ChannelsIn = 8, ChannelsOut = 8, PeriodFrames = 128, MaxFrames = 48_000, Realtime = RealtimeOptions.None });
        var callback = new GainCallback([1f]);
        backend.Start(callback);
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Equal(48_000, backend.FramesProcessed);
        Assert.Equal(375, backend.Callbacks);
        // After each period but the last, a sleep to the start plus the audio made so far: 1 s of audio ends 1 s in.
        Assert.Equal(374, clock.Sleeps);
        for (int k = 0; k < clock.Sleeps; k++)
        {
            long exactNs = (k + 1) * 128L * 1_000_000_000L / 48_000;
            Assert.InRange(clock.Deadline(k) - ManualPacingClock.StartNs, exactNs - 1, exactNs + 1);
        }
        Assert.Equal(0, backend.Xruns);
        callback.Allocations.AssertNone("the null backend's loop with a gain callback");
    }

    [Fact]
    public void Stop_EndsARunningStreamPromptly()
    {
        using var backend = new NullBackend();
        backend.Open(new AudioBackendOptions { Realtime = RealtimeOptions.None });
        backend.Start(new GainCallback([1f]));
        Assert.True(SpinWait.SpinUntil(() => backend.Callbacks > 10, Timeout), "the stream never got going");
        // Stop throws when the audio thread has not ended within its join limit (5 s): returning is the promptness.
        backend.Stop();
        long after = backend.Callbacks;
        Thread.Sleep(50);
        Assert.Equal(after, backend.Callbacks);
    }

    [Theory]
    [InlineData(50, 0)]  // shorter than the 85 ms buffer: the periods after it catch up
    [InlineData(300, 1)] // longer: a card would have under-run once; the clock restarts and the stream goes on
    public void AStalledCallback_IsAnXrun_OnlyWhenItOutlastsTheBuffer(int stallMs, int xruns)
    {
        var clock = new ManualPacingClock();
        using var backend = new NullBackend(clock);
        // 4 periods of 1024 frames at 48 kHz: an 85 ms buffer.
        backend.Open(new AudioBackendOptions { PeriodFrames = 1024, Periods = 4, MaxFrames = 1024 * 20, Realtime = RealtimeOptions.None });
        backend.Start(new StallingCallback(clock, stallAt: 10, stallNs: stallMs * 1_000_000L));
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Equal(xruns, backend.Xruns);
        Assert.Equal(1024 * 20, backend.FramesProcessed);
    }

    [Fact]
    public void RealtimeRequest_EitherRunsSchedFifo_OrSaysWhyNot()
    {
        using var backend = new NullBackend();
        backend.Open(new AudioBackendOptions { MaxFrames = 4_800, Realtime = new RealtimeOptions(Priority: 10, LockMemory: false, LowLatencyGc: false) });
        var probe = new PolicyProbe();
        backend.Start(probe);
        Assert.True(backend.WaitForEnd(Timeout));
        var rt = backend.Realtime;
        // Which branch ran depends on the machine (RLIMIT_RTPRIO, CAP_SYS_NICE): say it, so a log shows what was tested.
        output.WriteLine(rt.PriorityGranted
            ? $"SCHED_FIFO granted (priority {rt.Priority}); the audio thread ran with policy {probe.Policy.Item1}, priority {probe.Policy.Item2}"
            : $"SCHED_FIFO refused; ran at normal priority (policy {probe.Policy.Item1}): {rt.Message}");
        Assert.StartsWith("real-time: SCHED_FIFO 10", rt.Message);
        if (rt.PriorityGranted) Assert.Equal((1, 10), probe.Policy);
        else Assert.Contains("refused", rt.Message);
    }

    /// <summary>Call <paramref name="stallAt"/> takes <paramref name="stallNs"/> on the backend's clock.</summary>
    private sealed class StallingCallback(ManualPacingClock clock, int stallAt, long stallNs) : IAudioCallback
    {
        private int _calls;

        public void Process(MixConsole.Dsp.Core.AudioBuffer input, MixConsole.Dsp.Core.AudioBuffer output, int frames)
        {
            if (++_calls == stallAt) clock.Advance(stallNs);
        }
    }

    private sealed class PolicyProbe : IAudioCallback
    {
        public (int, int) Policy { get; private set; }

        public void Process(MixConsole.Dsp.Core.AudioBuffer input, MixConsole.Dsp.Core.AudioBuffer output, int frames) =>
            Policy = RealtimeScheduling.CurrentThreadPolicy();
    }
}
