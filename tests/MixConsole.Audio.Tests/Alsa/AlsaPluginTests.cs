using System.Runtime.InteropServices;
using MixConsole.Audio.Alsa;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Realtime;
using MixConsole.Audio.Tests.Support;

namespace MixConsole.Audio.Tests.Alsa;

/// <summary>
/// ALSA end to end through its file and null plugins from an in-memory config: no root, no
/// sound card. Capture reads a raw file of known samples, playback writes a raw file that is
/// compared sample by sample with what the callback must produce.
/// </summary>
public sealed class AlsaPluginTests
{
    private const int Channels = 16;
    private const int Period = 64;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    internal static string Config(string inFile, string outFile) => $$"""
        pcm.cap {
            type file
            slave.pcm { type null }
            file "/dev/null"
            infile "{{inFile}}"
            format "raw"
        }
        pcm.play {
            type file
            slave.pcm { type null }
            file "{{outFile}}"
            format "raw"
        }
        pcm.sink { type null }
        """;

    // 24 significant bits in the top of each S32 word, so int -> float -> int is exact.
    internal static int InputSample(long frame, int channel) =>
        (int)(((frame * 7919 + channel * 104729) % (1 << 23)) - (1 << 22)) << 8;

    internal static void WriteInput(string path, int channels, long frames)
    {
        var words = new int[frames * channels];
        for (long f = 0; f < frames; f++)
            for (int c = 0; c < channels; c++)
                words[f * channels + c] = InputSample(f, c);
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(words.AsSpan()).ToArray());
    }

    private static readonly float[] Gains = [1f, 0.5f, -1f, 0.25f, 2f, -0.5f, 0.125f, 1f];

    [Fact]
    public void FilePlugins_16ChannelsS32_PlayExactlyTheGainedInput_AfterTheBufferOfSilence()
    {
        using var dir = new TempDir();
        const long frames = 48_000;
        WriteInput(dir.File("in.raw"), Channels, frames + 20 * Period);
        using var backend = new AlsaBackend();
        var format = backend.Open(new AudioBackendOptions
        {
            AlsaConfig = Config(dir.File("in.raw"), dir.File("out.raw")),
            Device = "play",
            CaptureDevice = "cap",
            ChannelsIn = Channels,
            ChannelsOut = Channels,
            SampleRateHz = 48_000,
            PeriodFrames = Period,
            Periods = 2,
            MaxFrames = frames,
            Formats = [AudioSampleFormat.S32],
            Realtime = RealtimeOptions.None,
        });
        Assert.Equal(AudioSampleFormat.S32, format.SampleFormat);
        Assert.Equal(Period, format.PeriodFrames);
        Assert.Equal(2 * Period, format.LatencyFrames);
        var callback = new GainCallback(Gains);
        backend.Start(callback);
        Assert.True(backend.WaitForEnd(Timeout), "the ALSA stream did not end");
        backend.Stop();
        Assert.Null(backend.Fault);
        backend.Dispose();

        var output = MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(dir.File("out.raw")).AsSpan()).ToArray();
        long outFrames = output.Length / Channels;
        Assert.True(outFrames >= format.LatencyFrames + frames - Period, $"played {outFrames} frames");
        int mismatches = 0;
        for (long f = 0; f < outFrames; f++)
        {
            for (int c = 0; c < Channels; c++)
            {
                long src = f - format.LatencyFrames;
                int expected = src < 0 ? 0 : (int)Math.Clamp(Math.Round(InputSample(src, c) * (double)Gains[c % Gains.Length]), int.MinValue, int.MaxValue);
                if (output[f * Channels + c] != expected) mismatches++;
            }
        }
        Assert.Equal(0, mismatches);
        Assert.Equal(0, backend.Xruns);
    }
}
