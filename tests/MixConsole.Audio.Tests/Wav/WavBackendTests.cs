using MixConsole.Audio.Backends;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;
using MixConsole.Audio.Wav;

namespace MixConsole.Audio.Tests.Wav;

/// <summary>Files as a sound card: multichannel files and stem folders in, a WAV out, paced or fast.</summary>
public sealed class WavBackendTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void MultichannelFile_ThroughGains_IsRecordedSampleExact_WithNoLatency()
    {
        using var dir = new TempDir();
        TestWav.Write(dir.File("in.wav"), 8, 10_000);
        float[] gains = [1f, 0.5f, -1f, 0.25f];
        using var backend = new WavBackend();
        var format = backend.Open(new AudioBackendOptions
        {
            InputPath = dir.File("in.wav"), OutputPath = dir.File("out.wav"), ChannelsIn = 8, ChannelsOut = 8,
            PeriodFrames = 128, Paced = false, Realtime = RealtimeOptions.None,
        });
        Assert.Equal(0, format.LatencyFrames);
        backend.Start(new GainCallback(gains));
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Null(backend.Fault);
        var output = TestWav.ReadAll(dir.File("out.wav"));
        Assert.Equal(10_000, output[0].Length);
        for (int c = 0; c < 8; c++)
            for (int i = 0; i < 10_000; i++)
                Assert.Equal(TestWav.Sample(i, c) * gains[c % 4], output[c][i]);
    }

    [Fact]
    public void StemFolder_LaysStemsSideBySide_InNameOrder_PaddingShortOnesWithSilence()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("stems"));
        TestWav.Write(dir.File("stems/02-gtr.wav"), 2, 3_000, firstChannel: 1);
        TestWav.Write(dir.File("stems/01-kick.wav"), 1, 5_000, firstChannel: 0);
        TestWav.Write(dir.File("stems/03-vox.wav"), 1, 4_000, firstChannel: 3);
        using var backend = new WavBackend();
        backend.Open(new AudioBackendOptions
        {
            InputPath = dir.File("stems"), OutputPath = dir.File("out.wav"), ChannelsIn = 4, ChannelsOut = 4,
            PeriodFrames = 256, Paced = false, Realtime = RealtimeOptions.None,
        });
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        var output = TestWav.ReadAll(dir.File("out.wav"));
        Assert.Equal(5_000, output[0].Length);
        int[] lengths = [5_000, 3_000, 3_000, 4_000];
        for (int c = 0; c < 4; c++)
            for (int i = 0; i < 5_000; i++)
                Assert.Equal(i < lengths[c] ? TestWav.Sample(i, c) : 0f, output[c][i]);
    }

    [Fact]
    public void WrongChannelCount_IsOneClearLine()
    {
        using var dir = new TempDir();
        TestWav.Write(dir.File("in.wav"), 6, 1_000);
        using var backend = new WavBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            InputPath = dir.File("in.wav"), ChannelsIn = 16, ChannelsOut = 2, Realtime = RealtimeOptions.None,
        }));
        Assert.Contains("6 channel(s), but the console has 16 inputs", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void WrongRate_IsOneClearLine()
    {
        using var dir = new TempDir();
        TestWav.Write(dir.File("in.wav"), 2, 1_000, rateHz: 44_100);
        using var backend = new WavBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            InputPath = dir.File("in.wav"), ChannelsIn = 2, Realtime = RealtimeOptions.None,
        }));
        Assert.Contains("44100 Hz, but the console runs at 48000 Hz", e.Message);
    }

    [Fact]
    public void SurroundStem_IsRefused_NamingTheFile()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("stems"));
        TestWav.Write(dir.File("stems/a.wav"), 1, 100);
        TestWav.Write(dir.File("stems/b.wav"), 6, 100);
        var e = Assert.Throws<AudioBackendException>(() => WavInputSource.Open(dir.File("stems"), 64));
        Assert.Equal("b.wav: stems must be mono or stereo, this one has 6 channels", e.Message);
    }

    [Fact]
    public void MissingInput_IsOneClearLine()
    {
        using var backend = new WavBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            InputPath = "/nonexistent/show.wav", ChannelsIn = 2, Realtime = RealtimeOptions.None,
        }));
        Assert.Equal("/nonexistent/show.wav: no such file or folder", e.Message);
    }

    [Fact]
    public void NotAWav_IsOneClearLine()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("notes.wav"), "this is not audio at all, just text long enough to have a header");
        using var backend = new WavBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            InputPath = dir.File("notes.wav"), ChannelsIn = 2, Realtime = RealtimeOptions.None,
        }));
        Assert.Contains("notes.wav", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Paced_SleepsToEachPeriodsDeadline_AtTheSampleRate()
    {
        using var dir = new TempDir();
        TestWav.Write(dir.File("in.wav"), 2, 24_000);
        var clock = new ManualPacingClock();
        using var backend = new WavBackend(clock);
        backend.Open(new AudioBackendOptions { InputPath = dir.File("in.wav"), ChannelsIn = 2, PeriodFrames = 256, Realtime = RealtimeOptions.None });
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Equal(24_000, backend.FramesProcessed);
        // 24,000 frames in 256-frame periods is 94 periods (the last one short), each followed by a sleep to the
        // start plus the audio read so far: 500 ms of audio ends 500 ms in.
        Assert.Equal(94, clock.Sleeps);
        for (int k = 0; k < clock.Sleeps; k++)
        {
            long exactNs = Math.Min((k + 1) * 256L, 24_000) * 1_000_000_000L / 48_000;
            Assert.InRange(clock.Deadline(k) - ManualPacingClock.StartNs, exactNs - 1, exactNs + 1);
        }
        Assert.Equal(0, backend.Xruns);
    }
}
