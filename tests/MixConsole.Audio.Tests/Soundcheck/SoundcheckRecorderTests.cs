using MixConsole.Audio.Backends;
using MixConsole.Audio.Null;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Soundcheck;
using MixConsole.Audio.Tests.Support;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using Xunit.Abstractions;

namespace MixConsole.Audio.Tests.Soundcheck;

/// <summary>Virtual soundcheck: every input of every period lands in one WAV, none dropped at 32 ch / 48 kHz.</summary>
public sealed class SoundcheckRecorderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThirtyTwoChannels48k_RecordsEveryFrameExactly_DroppingNone(bool paced)
    {
        using var dir = new TempDir();
        const int channels = 32;
        long frames = paced ? 96_000 : 240_000;
        TestWav.Write(dir.File("show.wav"), channels, frames);
        // Unpaced, the producer outruns any disk, so the fast run gets a ring for its whole length and proves
        // the content; the paced run keeps the 2 s default a show uses and proves nothing is dropped.
        var recorder = new SoundcheckRecorder(dir.File("soundcheck.wav"), channels, 48_000, 128, ringSeconds: paced ? 2.0 : 6.0);
        var callback = new GainCallback([1f]);
        using (var backend = new WavBackend())
        {
            backend.Open(new AudioBackendOptions
            {
                InputPath = dir.File("show.wav"), ChannelsIn = channels, ChannelsOut = 2, PeriodFrames = 128,
                Paced = paced, Realtime = RealtimeOptions.None,
            });
            backend.Start(new SoundcheckTap(callback, recorder));
            Assert.True(backend.WaitForEnd(Timeout));
            Assert.Null(backend.Fault);
        }
        recorder.Dispose();
        output.WriteLine($"{(paced ? "paced" : "fast")}: {recorder.WrittenFrames} frames written, {recorder.DroppedFrames} dropped, ring {recorder.RingFrames} frames");
        Assert.Equal(0, recorder.DroppedFrames);
        Assert.Equal(frames, recorder.WrittenFrames);
        callback.Allocations.AssertNone("the gain callback feeding the soundcheck recorder");
        var recorded = TestWav.ReadAll(dir.File("soundcheck.wav"));
        Assert.Equal(channels, recorded.Length);
        for (int c = 0; c < channels; c++)
        {
            Assert.Equal(frames, recorded[c].Length);
            for (int i = 0; i < frames; i++)
                if (recorded[c][i] != TestWav.Sample(i, c)) Assert.Fail($"channel {c + 1} frame {i}: {recorded[c][i]} != {TestWav.Sample(i, c)}");
        }
    }

    [Fact]
    public void ThirtyTwoChannels_OnTheNullBackendInRealTime_DropsNothing()
    {
        using var dir = new TempDir();
        var recorder = new SoundcheckRecorder(dir.File("soundcheck.wav"), 32, 48_000, 64);
        using (var backend = new NullBackend())
        {
            backend.Open(new AudioBackendOptions { ChannelsIn = 32, ChannelsOut = 32, PeriodFrames = 64, MaxFrames = 96_000, Realtime = RealtimeOptions.None });
            backend.Start(new SoundcheckTap(new GainCallback([1f]), recorder));
            Assert.True(backend.WaitForEnd(Timeout));
        }
        recorder.Dispose();
        Assert.Equal(0, recorder.DroppedFrames);
        Assert.Equal(96_000, recorder.WrittenFrames);
        using var reader = MixConsole.Audio.Wav.WavReader.Open(dir.File("soundcheck.wav"));
        Assert.Equal(32, reader.Format.Channels);
        Assert.Equal(96_000, reader.FrameCount);
    }

    [Fact]
    public void AStalledDisk_DropsWholePeriods_AndCountsEveryFrameLost()
    {
        using var dir = new TempDir();
        var recorder = new SoundcheckRecorder(dir.File("sc.wav"), 4, 48_000, 100, ringSeconds: 0.01);
        recorder.PauseWriter = true;
        var block = new AudioBuffer(4, 100);
        for (int i = 0; i < 100; i++) recorder.Capture(block, 100);
        long capturedWhileStalled = recorder.CapturedFrames;
        recorder.Dispose();
        Assert.Equal(recorder.RingFrames / 100 * 100, capturedWhileStalled);
        Assert.Equal(10_000 - capturedWhileStalled, recorder.DroppedFrames);
        Assert.Equal(capturedWhileStalled, recorder.WrittenFrames);
    }

    [Fact]
    public void ARecordedSoundcheck_PlaysBackThroughTheWavBackend()
    {
        using var dir = new TempDir();
        TestWav.Write(dir.File("live.wav"), 4, 20_000);
        var recorder = new SoundcheckRecorder(dir.File("sc.wav"), 4, 48_000, 128);
        using (var live = new WavBackend())
        {
            live.Open(new AudioBackendOptions { InputPath = dir.File("live.wav"), ChannelsIn = 4, ChannelsOut = 4, Paced = false, Realtime = RealtimeOptions.None });
            live.Start(new SoundcheckTap(new GainCallback([1f]), recorder));
            Assert.True(live.WaitForEnd(Timeout));
        }
        recorder.Dispose();
        using var replay = new WavBackend();
        replay.Open(new AudioBackendOptions { InputPath = dir.File("sc.wav"), OutputPath = dir.File("replay.wav"), ChannelsIn = 4, ChannelsOut = 4, Paced = false, Realtime = RealtimeOptions.None });
        replay.Start(new GainCallback([0.5f]));
        Assert.True(replay.WaitForEnd(Timeout));
        replay.Dispose();
        var played = TestWav.ReadAll(dir.File("replay.wav"));
        for (int c = 0; c < 4; c++)
            for (int i = 0; i < 20_000; i++)
                Assert.Equal(TestWav.Sample(i, c) * 0.5f, played[c][i]);
    }
}
