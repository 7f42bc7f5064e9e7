using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using Xunit;
using static MixConsole.Audio.Tests.Wav.WavTestFiles;

namespace MixConsole.Audio.Tests.Wav;

/// <summary>Files made by SoX and FFmpeg read as those tools decode them, and ours decode in those tools.</summary>
public sealed class WavExternalToolTests
{
    private static void AssertMatchesInts(string path, int[] expected, int channels)
    {
        using var reader = WavReader.Open(path);
        var (format, audio, frames) = ReadAll(reader, blockFrames: 700);
        Assert.Equal(channels, format.Channels);
        Assert.Equal(expected.Length, frames * channels);
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
                Assert.Equal(expected[channels * i + c] / 2147483648f, audio.Channel(c)[i]);
        }
    }

    [Theory]
    [InlineData(16, 2, 48_000)]
    [InlineData(24, 2, 48_000)]
    [InlineData(24, 1, 8_000)]
    [InlineData(32, 4, 192_000)]
    [InlineData(24, 6, 44_100)]
    public void SoxFiles_ReadAsSoxDecodesThem(int bits, int channels, int rateHz)
    {
        string dir = TempFolder();
        string path = Path.Combine(dir, "sox.wav");
        RunTool("sox", "-n", "-r", rateHz.ToString(), "-c", channels.ToString(), "-b", bits.ToString(), path,
            "synth", "0.3", "sine", "1000", "sine", "333", "vol", "0.9");
        int[] expected = Ints(RunTool("sox", path, "-t", "raw", "-e", "signed", "-b", "32", "-"));

        AssertMatchesInts(path, expected, channels);
        Assert.Contains(expected, v => Math.Abs(v) > 1 << 30);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void SoxWritingToAPipe_ItsPlaceholderLengthReadsToTheEnd()
    {
        string dir = TempFolder();
        string piped = Path.Combine(dir, "piped.wav");
        File.WriteAllBytes(piped, RunTool("sox", "-n", "-r", "48000", "-c", "2", "-b", "24", "-t", "wav", "-", "synth", "0.5", "sine", "440"));
        string seekable = Path.Combine(dir, "seekable.wav");
        RunTool("sox", "-n", "-r", "48000", "-c", "2", "-b", "24", seekable, "synth", "0.5", "sine", "440");

        using var pipeReader = WavReader.Open(piped);
        using var fileReader = WavReader.Open(seekable);
        Assert.Equal(-1, pipeReader.DeclaredFrameCount);
        Assert.Equal(24_000, pipeReader.FrameCount);
        var (_, fromPipe, pipeFrames) = ReadAll(pipeReader);
        var (_, fromFile, fileFrames) = ReadAll(fileReader);
        Assert.Equal(24_000, pipeFrames);
        Assert.Equal(fileFrames, pipeFrames);
        Assert.Equal(fromFile.Channel(0, fileFrames).ToArray(), fromPipe.Channel(0, pipeFrames).ToArray());
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("pcm_s16le", 2, "always")]
    [InlineData("pcm_s24le", 2, "never")]
    [InlineData("pcm_s32le", 8, "always")]
    [InlineData("pcm_s24le", 6, "auto")]
    public void FfmpegFiles_ReadAsFfmpegDecodesThem(string codec, int channels, string rf64)
    {
        string dir = TempFolder();
        string path = Path.Combine(dir, "ff.wav");
        RunTool("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=997:sample_rate=48000:duration=0.3",
            "-af", "volume=7dB", "-ac", channels.ToString(), "-c:a", codec, "-rf64", rf64, path);
        int[] expected = Ints(RunTool("ffmpeg", "-v", "error", "-i", path, "-f", "s32le", "-c:a", "pcm_s32le", "-"));

        AssertMatchesInts(path, expected, channels);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void FfmpegFloat64_ReadsAsFfmpegDecodesIt()
    {
        string dir = TempFolder();
        string path = Path.Combine(dir, "f64.wav");
        RunTool("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1234:sample_rate=44100:duration=0.2",
            "-ac", "2", "-c:a", "pcm_f64le", path);
        float[] expected = Floats(RunTool("ffmpeg", "-v", "error", "-i", path, "-f", "f32le", "-c:a", "pcm_f32le", "-"));

        var (format, audio, frames) = ReadAll(File.ReadAllBytes(path));
        Assert.Equal(WavSampleFormat.Float64, format.SampleFormat);
        Assert.Equal(expected.Length, 2 * frames);
        for (int i = 0; i < frames; i++)
            Assert.Equal(expected[2 * i + 1], audio.Channel(1)[i]);
        Directory.Delete(dir, recursive: true);
    }

    public static TheoryData<WavSampleFormat, int, uint> WriterLayouts() => new()
    {
        { WavSampleFormat.Pcm16, 2, 0 },
        { WavSampleFormat.Pcm24, 2, 0x3 },
        { WavSampleFormat.Pcm24, 6, 0x3F },
        { WavSampleFormat.Pcm32, 1, 0 },
        { WavSampleFormat.Float32, 2, 0 },
        { WavSampleFormat.Float64, 8, 0x63F },
    };

    [Theory]
    [MemberData(nameof(WriterLayouts))]
    public void OurFiles_DecodeInFfmpeg_ToTheSamplesWeWrote(WavSampleFormat sampleFormat, int channels, uint mask)
    {
        const int frames = 3000;
        string dir = TempFolder();
        string path = Path.Combine(dir, "ours.wav");
        var format = new WavFormat(48_000, channels, sampleFormat, mask);
        AudioBuffer signal = ExactSignal(sampleFormat, channels, frames, seed: channels);
        using (var writer = WavWriter.Create(path, format))
            writer.Write(signal, frames);

        float[] decoded = Floats(RunTool("ffmpeg", "-v", "error", "-i", path, "-f", "f32le", "-c:a", "pcm_f32le", "-"));
        string probe = System.Text.Encoding.ASCII.GetString(RunTool("ffprobe", "-v", "error", "-show_entries",
            "stream=channels,sample_rate,channel_layout", "-of", "default=noprint_wrappers=1", path));

        Assert.Contains($"channels={channels}", probe);
        Assert.Contains("sample_rate=48000", probe);
        if (mask == 0x3F)
            Assert.Contains("channel_layout=5.1", probe);
        if (mask == 0x63F)
            Assert.Contains("channel_layout=7.1", probe);
        Assert.Equal(frames * channels, decoded.Length);
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
                Assert.Equal(signal.Channel(c)[i], decoded[channels * i + c]);
        }
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm16, 2)]
    [InlineData(WavSampleFormat.Pcm24, 6)]
    [InlineData(WavSampleFormat.Float32, 1)]
    public void OurFiles_DecodeInSox_ToTheSamplesWeWrote(WavSampleFormat sampleFormat, int channels)
    {
        const int frames = 2000;
        string dir = TempFolder();
        string path = Path.Combine(dir, "ours.wav");
        AudioBuffer signal = ExactSignal(sampleFormat, channels, frames, seed: 77);
        if (sampleFormat.IsFloat())
        {
            // SoX's float path goes through 32-bit integers: keep the signal inside full scale on the 24-bit grid.
            Span<float> ch = signal.Channel(0, frames);
            for (int i = 0; i < frames; i++)
                ch[i] = MathF.Round(Math.Clamp(ch[i], -1f, 0.99f) * 8388608f) / 8388608f;
        }
        using (var writer = WavWriter.Create(path, new WavFormat(44_100, channels, sampleFormat)))
            writer.Write(signal, frames);

        int[] decoded = Ints(RunTool("sox", path, "-t", "raw", "-e", "signed", "-b", "32", "-"));

        Assert.Equal(frames * channels, decoded.Length);
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
                Assert.Equal(signal.Channel(c)[i], decoded[channels * i + c] / 2147483648f);
        }
        Directory.Delete(dir, recursive: true);
    }
}
