using System.Diagnostics;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Null;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;
using MixConsole.Audio.Wav;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Backends;

/// <summary>
/// The paced backends on the real CLOCK_MONOTONIC: never ahead of real time. A loaded machine only makes a
/// period later (or counts an xrun and restarts the clock later still), so the bound cannot fail by chance;
/// how closely they follow the sample rate is checked exactly on a hand-moved clock (NullBackendTests, WavBackendTests).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class PacedOnTheSystemClockTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void NullBackend_NeverRunsAheadOfRealTime()
    {
        using var backend = new NullBackend();
        backend.Open(new AudioBackendOptions { PeriodFrames = 128, MaxFrames = 24_000, Realtime = RealtimeOptions.None });
        var watch = Stopwatch.StartNew();
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        AssertNotAhead(watch.Elapsed, backend, 24_000, 128);
    }

    [Fact]
    public void WavBackend_NeverRunsAheadOfRealTime()
    {
        using var dir = new TempDir();
        TestWav.Write(dir.File("in.wav"), 2, 24_000);
        using var backend = new WavBackend();
        backend.Open(new AudioBackendOptions { InputPath = dir.File("in.wav"), ChannelsIn = 2, PeriodFrames = 256, Realtime = RealtimeOptions.None });
        var watch = Stopwatch.StartNew();
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        AssertNotAhead(watch.Elapsed, backend, 24_000, 256);
    }

    // The last period starts at the deadline of the one before it, (periods - 1) periods of audio after the start
    // (the wav backend then sleeps once more, to the end of the audio: the bound holds for both).
    private void AssertNotAhead(TimeSpan took, IAudioBackend backend, long frames, int period)
    {
        long periods = (frames + period - 1) / period;
        var lastStart = TimeSpan.FromSeconds((periods - 1) * period / 48_000.0);
        output.WriteLine($"{frames} frames ({frames / 48.0:0.0} ms of audio) took {took.TotalMilliseconds:0.0} ms, {backend.Xruns} xruns; the last period may start {lastStart.TotalMilliseconds:0.00} ms in");
        Assert.Equal(frames, backend.FramesProcessed);
        Assert.True(took >= lastStart - TimeSpan.FromMilliseconds(1), $"{frames} frames took {took.TotalMilliseconds:0.0} ms: ahead of real time");
    }
}
