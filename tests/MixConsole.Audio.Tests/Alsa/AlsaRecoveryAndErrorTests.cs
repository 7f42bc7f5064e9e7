using MixConsole.Audio.Alsa;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;

namespace MixConsole.Audio.Tests.Alsa;

/// <summary>Xrun and suspend recovery keeps the stream running; bad devices fail with one clear line.</summary>
public sealed class AlsaRecoveryAndErrorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static AudioBackendOptions Options(TempDir dir, long frames) => new()
    {
        AlsaConfig = AlsaPluginTests.Config(dir.File("in.raw"), dir.File("out.raw")),
        Device = "play",
        CaptureDevice = "cap",
        ChannelsIn = 4,
        ChannelsOut = 4,
        PeriodFrames = 64,
        Periods = 2,
        MaxFrames = frames,
        Realtime = RealtimeOptions.None,
    };

    [Fact]
    public void Xruns_AreCountedAndRecovered_AndTheStreamRunsToTheEnd()
    {
        using var dir = new TempDir();
        AlsaPluginTests.WriteInput(dir.File("in.raw"), 4, 40_000);
        using var backend = new AlsaBackend();
        backend.Open(Options(dir, 19_200) with { });
        // Periods 10, 20 and 30 fail with -EPIPE as an over-run would.
        backend.InjectError = i => i is 10 or 20 or 30 ? -32 : 0;
        var callback = new GainCallback([1f]);
        backend.Start(callback);
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Null(backend.Fault);
        Assert.Equal(3, backend.Xruns);
        Assert.Equal(0, backend.Suspends);
        Assert.Equal(19_200, backend.FramesProcessed);
    }

    [Fact]
    public void Suspend_IsCountedAndResumed_AndTheStreamRunsToTheEnd()
    {
        using var dir = new TempDir();
        AlsaPluginTests.WriteInput(dir.File("in.raw"), 4, 40_000);
        using var backend = new AlsaBackend();
        backend.Open(Options(dir, 12_800));
        backend.InjectError = i => i == 5 ? -86 : 0;
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        Assert.Null(backend.Fault);
        Assert.Equal(1, backend.Suspends);
        Assert.Equal(12_800, backend.FramesProcessed);
    }

    [Fact]
    public void AnUnrecoverableError_EndsTheStreamWithAFault_InsteadOfHanging()
    {
        using var dir = new TempDir();
        AlsaPluginTests.WriteInput(dir.File("in.raw"), 4, 40_000);
        using var backend = new AlsaBackend();
        backend.Open(Options(dir, 1_000_000));
        backend.InjectError = i => i == 3 ? -19 : 0; // ENODEV: the card went away
        backend.Start(new GainCallback([1f]));
        Assert.True(backend.WaitForEnd(Timeout));
        var fault = Assert.IsType<AudioBackendException>(backend.Fault);
        Assert.Contains("'cap'", fault.Message);
        Assert.Contains("No such device", fault.Message);
    }

    [Fact]
    public void MissingDevice_NamesItAndWhatExists()
    {
        using var backend = new AlsaBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            Device = "hw:CARD=NoSuchCard,DEV=0",
            ChannelsIn = 0,
            ChannelsOut = 2,
            Realtime = RealtimeOptions.None,
        }));
        Assert.Contains("'hw:CARD=NoSuchCard,DEV=0'", e.Message);
        Assert.Contains("cannot be opened for playback", e.Message);
        Assert.True(e.Message.Contains("cards:", StringComparison.Ordinal) || e.Message.Contains("no sound cards", StringComparison.Ordinal), e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void UnknownPcmInTheInMemoryConfig_IsNamed()
    {
        using var backend = new AlsaBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            AlsaConfig = "pcm.sink { type null }",
            Device = "nothere",
            ChannelsIn = 0,
            Realtime = RealtimeOptions.None,
        }));
        Assert.Contains("'nothere'", e.Message);
    }

    [Fact]
    public void AConfigThatDoesNotParse_IsRefusedInOneLine()
    {
        using var backend = new AlsaBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            AlsaConfig = "pcm.sink { type null ",
            Device = "sink",
            ChannelsIn = 0,
            Realtime = RealtimeOptions.None,
        }));
        Assert.StartsWith("ALSA config", e.Message);
    }

    [Fact]
    public void UnsupportedFormat_ListsWhatWasTried()
    {
        // The linear plugin converts between integer formats only: float is refused.
        using var backend = new AlsaBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            AlsaConfig = "pcm.intonly { type linear slave { pcm { type null } format S16_LE } }",
            Device = "intonly",
            ChannelsIn = 0,
            ChannelsOut = 2,
            Formats = [AudioSampleFormat.Float32],
            Realtime = RealtimeOptions.None,
        }));
        Assert.Contains("supports none of FLOAT_LE", e.Message);
    }

    [Theory]
    [InlineData(8_000, 128, 2, "sample rate must be 44100-192000 Hz, got 8000")]
    [InlineData(48_000, 8, 2, "period must be 16-1024 frames, got 8")]
    [InlineData(48_000, 128, 5, "periods must be 2-4, got 5")]
    public void OptionsOutOfRange_AreRefusedBeforeTouchingTheDevice(int rate, int period, int periods, string message)
    {
        using var backend = new AlsaBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions
        {
            Device = "null", SampleRateHz = rate, PeriodFrames = period, Periods = periods, Realtime = RealtimeOptions.None,
        }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void TooManyChannels_AreRefused()
    {
        using var backend = new AlsaBackend();
        var e = Assert.Throws<AudioBackendException>(() => backend.Open(new AudioBackendOptions { Device = "null", ChannelsOut = 48, Realtime = RealtimeOptions.None }));
        Assert.Equal("output channels must be 0-32, got 48", e.Message);
    }

    [Fact]
    public void PlaybackOnly_WritesTheCallbacksOutput_AfterTheSilencePrimingTheBuffer()
    {
        using var dir = new TempDir();
        using var backend = new AlsaBackend();
        var format = backend.Open(new AudioBackendOptions
        {
            AlsaConfig = AlsaPluginTests.Config(dir.File("unused.raw"), dir.File("out.raw")),
            Device = "play",
            ChannelsIn = 0,
            ChannelsOut = 2,
            PeriodFrames = 32,
            Periods = 3,
            MaxFrames = 3_200,
            Formats = [AudioSampleFormat.S16],
            Realtime = RealtimeOptions.None,
        });
        Assert.Equal(AudioSampleFormat.S16, format.SampleFormat);
        Assert.Equal(96, format.LatencyFrames);
        backend.Start(new ConstantCallback(0.5f));
        Assert.True(backend.WaitForEnd(Timeout));
        backend.Dispose();
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(File.ReadAllBytes(dir.File("out.raw")).AsSpan()).ToArray();
        Assert.True(samples.Length >= 2 * (96 + 3_200 - 32));
        for (int i = 0; i < samples.Length; i++)
            Assert.Equal(i < 2 * 96 ? 0 : 16384, samples[i]);
    }

    private sealed class ConstantCallback(float value) : IAudioCallback
    {
        public void Process(MixConsole.Dsp.Core.AudioBuffer input, MixConsole.Dsp.Core.AudioBuffer output, int frames)
        {
            for (int c = 0; c < output.Channels; c++) output.Channel(c, frames).Fill(value);
        }
    }
}
