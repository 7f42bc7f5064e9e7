using System.Buffers.Binary;
using System.Text;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using Xunit;
using static MixConsole.Audio.Tests.Wav.WavTestFiles;

namespace MixConsole.Audio.Tests.Wav;

public sealed class WavRf64Tests
{
    private static byte[] WriteWithLimit(WavFormat format, AudioBuffer signal, int frames, long riffSizeLimit, out bool isRf64)
    {
        using var ms = new MemoryStream();
        var writer = new WavWriter(ms, format, leaveOpen: true, riffSizeLimit);
        writer.Write(signal, frames);
        writer.Dispose();
        isRf64 = writer.IsRf64;
        return ms.ToArray();
    }

    [Fact]
    public void Writer_BecomesRf64InPlace_WhenDataOutgrowsTheRiffLimit()
    {
        const int frames = 2001;
        var format = new WavFormat(48_000, 2, WavSampleFormat.Pcm24);
        AudioBuffer signal = ExactSignal(format.SampleFormat, 2, frames, seed: 64);

        byte[] riff = WriteWithLimit(format, signal, frames, WavWriter.RiffSizeLimit, out bool riffIsRf64);
        byte[] rf64 = WriteWithLimit(format, signal, frames, riffSizeLimit: 4096, out bool rf64IsRf64);

        Assert.False(riffIsRf64);
        Assert.True(rf64IsRf64);
        Assert.Equal(riff.Length, rf64.Length);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(riff, 0, 4));
        Assert.Equal("JUNK", Encoding.ASCII.GetString(riff, 12, 4));
        Assert.Equal("RF64", Encoding.ASCII.GetString(rf64, 0, 4));
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(rf64.AsSpan(4)));
        Assert.Equal("ds64", Encoding.ASCII.GetString(rf64, 12, 4));
        Assert.Equal(rf64.Length - 8, BinaryPrimitives.ReadInt64LittleEndian(rf64.AsSpan(20)));
        Assert.Equal(frames * 6L, BinaryPrimitives.ReadInt64LittleEndian(rf64.AsSpan(28)));
        Assert.Equal(frames, BinaryPrimitives.ReadInt64LittleEndian(rf64.AsSpan(36)));
        int data = WavRoundTripTests.IndexOfChunk(rf64, "data");
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(rf64.AsSpan(data + 4)));
        // Only the size fields differ: the audio and the fmt chunk are where they were.
        Assert.Equal(riff.AsSpan(data).ToArray()[8..], rf64.AsSpan(data).ToArray()[8..]);

        using var reader = new WavReader(new MemoryStream(rf64), "big.wav");
        Assert.True(reader.IsRf64);
        Assert.Equal(frames, reader.FrameCount);
        var (_, audio, read) = ReadAll(reader);
        Assert.Equal(frames, read);
        Assert.Equal(signal.Channel(1, frames).ToArray(), audio.Channel(1, frames).ToArray());
    }

    [Fact]
    public void Rf64FromTheWriter_DecodesInFfmpeg_ToTheSameSamples()
    {
        const int frames = 4800;
        var format = new WavFormat(96_000, 3, WavSampleFormat.Pcm32, ChannelMask: 0x7);
        AudioBuffer signal = ExactSignal(format.SampleFormat, 3, frames, seed: 8);
        string dir = TempFolder();
        string path = Path.Combine(dir, "rf64.wav");
        File.WriteAllBytes(path, WriteWithLimit(format, signal, frames, riffSizeLimit: 1000, out bool isRf64));
        Assert.True(isRf64);

        int[] decoded = Ints(RunTool("ffmpeg", "-v", "error", "-i", path, "-f", "s32le", "-c:a", "pcm_s32le", "-"));

        Assert.Equal(frames * 3, decoded.Length);
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < 3; c++)
                Assert.Equal(signal.Channel(c)[i], decoded[3 * i + c] / 2147483648f);
        }
        Directory.Delete(dir, recursive: true);
    }

    private static byte[] Ds64Body(long riffSize, long dataSize, long sampleCount)
    {
        var body = new byte[28];
        BinaryPrimitives.WriteInt64LittleEndian(body, riffSize);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(8), dataSize);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(16), sampleCount);
        return body;
    }

    [Theory]
    [InlineData("RF64")]
    [InlineData("BW64")]
    public void HandBuiltRf64_TakesTheDataSizeFromDs64(string riffId)
    {
        byte[] file = Riff(riffId, 0xFFFFFFFF,
            Chunk("ds64", Ds64Body(0, 400, 100)),
            Chunk("fmt ", FmtBody(1, 2, 48_000, 16)),
            Chunk("data", Ramp16(300), declaredSize: 0xFFFFFFFF));

        using var reader = new WavReader(new MemoryStream(file), "bw.wav");
        Assert.True(reader.IsRf64);
        Assert.Equal(100, reader.FrameCount);
        var (_, audio, frames) = ReadAll(reader);
        Assert.Equal(100, frames);
        Assert.Equal((199 * 7 - 3000) / 32768f, audio.Channel(1)[99]);
    }

    [Fact]
    public void HandBuiltRf64_DeclaringMoreThan4GiB_UsesThe64BitSize()
    {
        const long fiveGiB = 5L << 30;
        byte[] file = Riff("RF64", 0xFFFFFFFF,
            Chunk("ds64", Ds64Body(fiveGiB + 100, fiveGiB, fiveGiB / 4)),
            Chunk("fmt ", FmtBody(1, 2, 48_000, 16)),
            Chunk("data", Ramp16(80), declaredSize: 0xFFFFFFFF));

        var error = Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream(file), "huge.wav"));
        Assert.Equal($"huge.wav: truncated: header says {fiveGiB / 4} frames, file holds 40", error.Message);

        using var reader = new WavReader(new MemoryStream(file), "huge.wav", allowTruncated: true);
        Assert.Equal(fiveGiB / 4, reader.DeclaredFrameCount);
        Assert.Equal(40, ReadAll(reader).Frames);
    }

    [Fact]
    public void Rf64WithoutDs64_IsRefused()
    {
        byte[] file = Riff("RF64", 0xFFFFFFFF, Chunk("fmt ", FmtBody(1, 2, 48_000, 16)), Chunk("data", Ramp16(8), declaredSize: 0xFFFFFFFF));
        var error = Assert.Throws<WavFormatException>(() => new WavReader(new MemoryStream(file), "x.wav"));
        Assert.Equal("x.wav: RF64 file without a ds64 chunk giving the data size", error.Message);
    }

    [Fact]
    public void FfmpegRf64Float_ReadsExactlyAsFfmpegDecodesIt()
    {
        string dir = TempFolder();
        string path = Path.Combine(dir, "ff.wav");
        RunTool("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anoisesrc=d=0.25:r=96000:c=pink:seed=7",
            "-af", "pan=5.1|c0=c0|c1=0.5*c0|c2=-0.25*c0|c3=0.125*c0|c4=-1*c0|c5=0.75*c0",
            "-c:a", "pcm_f32le", "-rf64", "always", path);
        float[] expected = Floats(RunTool("ffmpeg", "-v", "error", "-i", path, "-f", "f32le", "-c:a", "pcm_f32le", "-"));

        using var reader = WavReader.Open(path);
        Assert.True(reader.IsRf64);
        Assert.Equal(new WavFormat(96_000, 6, WavSampleFormat.Float32, 0x3F), reader.Format);
        var (_, audio, frames) = ReadAll(reader, blockFrames: 1024);

        Assert.Equal(24_000, frames);
        Assert.Equal(expected.Length, frames * 6);
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < 6; c++)
                Assert.Equal(expected[6 * i + c], audio.Channel(c)[i]);
        }
        Assert.True(audio.Channel(4, frames).ToArray().Max() > 0.05f, "the test signal must not be silent");
        Directory.Delete(dir, recursive: true);
    }
}
