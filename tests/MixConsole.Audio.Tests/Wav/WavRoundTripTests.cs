using System.Buffers.Binary;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using Xunit;

namespace MixConsole.Audio.Tests.Wav;

public sealed class WavRoundTripTests
{
    public static TheoryData<WavSampleFormat, int, int> Layouts()
    {
        var data = new TheoryData<WavSampleFormat, int, int>();
        foreach (WavSampleFormat format in Enum.GetValues<WavSampleFormat>())
        {
            data.Add(format, 1, 8_000);
            data.Add(format, 2, 44_100);
            data.Add(format, 6, 48_000);
            data.Add(format, 64, 384_000);
            data.Add(format, 2, 384_000);
            data.Add(format, 1, 44_100);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void RoundTrip_ReturnsEverySampleExactly(WavSampleFormat sampleFormat, int channels, int rateHz)
    {
        const int frames = 3001;  // odd: exercises the pad byte and the scalar tails of vector loops
        var format = new WavFormat(rateHz, channels, sampleFormat);
        AudioBuffer signal = WavTestFiles.ExactSignal(sampleFormat, channels, frames, seed: channels * 7 + rateHz);

        byte[] file = WavTestFiles.WriteToBytes(format, signal, frames);
        var (readFormat, audio, readFrames) = WavTestFiles.ReadAll(file, blockFrames: 517);

        Assert.Equal(format, readFormat);
        Assert.Equal(frames, readFrames);
        Assert.Equal(0, file.Length % 2);
        for (int c = 0; c < channels; c++)
            Assert.Equal(signal.Channel(c, frames).ToArray(), audio.Channel(c, frames).ToArray());
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm16, 2, false)]
    [InlineData(WavSampleFormat.Pcm16, 1, false)]
    [InlineData(WavSampleFormat.Pcm16, 3, true)]
    [InlineData(WavSampleFormat.Pcm24, 2, true)]
    [InlineData(WavSampleFormat.Pcm32, 1, true)]
    [InlineData(WavSampleFormat.Float32, 2, true)]
    [InlineData(WavSampleFormat.Float64, 1, true)]
    public void Writer_UsesExtensibleFmt_WhenMoreThanTwoChannelsOrMoreThan16Bits(WavSampleFormat sampleFormat, int channels, bool extensible)
    {
        var format = new WavFormat(48_000, channels, sampleFormat);
        byte[] file = WavTestFiles.WriteToBytes(format, new AudioBuffer(channels, 4), 4);

        int fmt = IndexOfChunk(file, "fmt ");
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(fmt + 8));
        uint fmtSize = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(fmt + 4));
        Assert.Equal(extensible ? 0xFFFE : 1, tag);
        Assert.Equal(extensible ? 40u : 16u, fmtSize);
        if (extensible)
        {
            ushort subTag = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(fmt + 8 + 24));
            Assert.Equal(sampleFormat.IsFloat() ? 3 : 1, subTag);
        }
    }

    [Theory]
    [InlineData(6, 0x3Fu)]
    [InlineData(2, 0x3u)]
    [InlineData(8, 0x63Fu)]
    [InlineData(1, 0x4u)]
    public void ChannelMask_IsPreserved(int channels, uint mask)
    {
        var format = new WavFormat(48_000, channels, WavSampleFormat.Pcm16, mask);
        byte[] file = WavTestFiles.WriteToBytes(format, new AudioBuffer(channels, 10), 10);

        Assert.Equal(format, WavTestFiles.ReadAll(file).Format);
    }

    [Fact]
    public void IntegerFormats_ClipAtFullScale_RoundToNearestEven_AndWriteNaNAsZero()
    {
        float[] input = [1.5f, -2f, float.NaN, 0.5f / 32768, 1.5f / 32768, -0.5f / 32768, float.PositiveInfinity, float.NegativeInfinity, 1f];
        short[] expected = [32767, -32768, 0, 0, 2, 0, 32767, -32768, 32767];
        var signal = new AudioBuffer(1, input.Length);
        input.CopyTo(signal.Channel(0));

        byte[] file = WavTestFiles.WriteToBytes(new WavFormat(48_000, 1, WavSampleFormat.Pcm16), signal, input.Length);

        int data = IndexOfChunk(file, "data") + 8;
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(data + 2 * i)));
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm24, 8388607, -8388608)]
    [InlineData(WavSampleFormat.Pcm32, int.MaxValue, int.MinValue)]
    public void WideIntegerFormats_ClipOverloadsToFullScale(WavSampleFormat sampleFormat, int max, int min)
    {
        var signal = new AudioBuffer(1, 4);
        float[] input = [3f, -3f, 1f, float.NaN];
        input.CopyTo(signal.Channel(0));
        byte[] file = WavTestFiles.WriteToBytes(new WavFormat(48_000, 1, sampleFormat), signal, 4);

        int data = IndexOfChunk(file, "data") + 8;
        int bytes = sampleFormat.BytesPerSample();
        int Sample(int i) => bytes == 3
            ? (file[data + 3 * i] | file[data + 3 * i + 1] << 8 | (sbyte)file[data + 3 * i + 2] << 16)
            : BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(data + 4 * i));
        Assert.Equal([max, min, max, 0], new[] { Sample(0), Sample(1), Sample(2), Sample(3) });
    }

    [Fact]
    public void WritingInBlocks_GivesTheSameFileAsOneWrite()
    {
        const int frames = 10_000;
        var format = new WavFormat(44_100, 2, WavSampleFormat.Pcm24);
        AudioBuffer signal = WavTestFiles.ExactSignal(format.SampleFormat, 2, frames, seed: 3);
        byte[] whole = WavTestFiles.WriteToBytes(format, signal, frames);

        using var ms = new MemoryStream();
        using (var writer = new WavWriter(ms, format, leaveOpen: true))
        {
            var block = new AudioBuffer(2, 333);
            for (int done = 0; done < frames;)
            {
                int n = Math.Min(333, frames - done);
                for (int c = 0; c < 2; c++)
                    signal.Channel(c, frames).Slice(done, n).CopyTo(block.Channel(c));
                writer.Write(block, n);
                done += n;
            }
            Assert.Equal(frames, writer.FramesWritten);
        }

        Assert.Equal(whole, ms.ToArray());
    }

    [Fact]
    public void FileOnDisk_RoundTrips_AndReportsFrameCountAndDuration()
    {
        string dir = WavTestFiles.TempFolder();
        string path = Path.Combine(dir, "take 1.wav");
        var format = new WavFormat(48_000, 2, WavSampleFormat.Pcm16);
        AudioBuffer signal = WavTestFiles.ExactSignal(format.SampleFormat, 2, 96_000, seed: 9);
        using (var writer = WavWriter.Create(path, format))
            writer.Write(signal, 96_000);

        using var reader = WavReader.Open(path);
        Assert.Equal("take 1.wav", reader.FileName);
        Assert.Equal(96_000, reader.FrameCount);
        Assert.Equal(96_000, reader.DeclaredFrameCount);
        Assert.Equal(TimeSpan.FromSeconds(2), reader.Duration);
        Assert.False(reader.IsRf64);
        var (_, audio, frames) = WavTestFiles.ReadAll(reader, blockFrames: 4096);
        Assert.Equal(96_000, frames);
        Assert.Equal(signal.Channel(1, frames).ToArray(), audio.Channel(1, frames).ToArray());
        Assert.Equal(0, reader.FramesRemaining);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Seek_ThenRead_ReturnsTheFramesFromThere()
    {
        const int frames = 5000;
        var format = new WavFormat(48_000, 2, WavSampleFormat.Pcm24);
        AudioBuffer signal = WavTestFiles.ExactSignal(format.SampleFormat, 2, frames, seed: 11);
        using var reader = new WavReader(new MemoryStream(WavTestFiles.WriteToBytes(format, signal, frames)), "s.wav");
        var block = new AudioBuffer(2, 100);

        reader.Read(block, 77);
        reader.Seek(4321);
        Assert.Equal(4321, reader.Position);
        Assert.Equal(frames - 4321, reader.FramesRemaining);
        Assert.Equal(100, reader.Read(block, 100));
        Assert.Equal(signal.Channel(1, frames).Slice(4321, 100).ToArray(), block.Channel(1, 100).ToArray());

        reader.Seek(frames);
        Assert.Equal(0, reader.Read(block, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Seek(frames + 1));
    }

    [Fact]
    public void NonSeekableOutput_LeavesOpenSizes_ThatTheReaderReadsToTheEnd()
    {
        const int frames = 2500;
        var format = new WavFormat(48_000, 2, WavSampleFormat.Float32);
        AudioBuffer signal = WavTestFiles.ExactSignal(format.SampleFormat, 2, frames, seed: 5);
        var sink = new MemoryStream();
        using (var writer = new WavWriter(new NonSeekableStream(sink), format))
            writer.Write(signal, frames);
        byte[] file = sink.ToArray();

        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        using var pipe = new WavReader(new NonSeekableStream(new MemoryStream(file), maxReadBytes: 1001), "pipe");
        Assert.Equal(-1, pipe.FrameCount);
        Assert.Equal(-1, pipe.FramesRemaining);
        var (_, audio, read) = WavTestFiles.ReadAll(pipe, blockFrames: 640);
        Assert.Equal(frames, read);
        Assert.Equal(signal.Channel(0, frames).ToArray(), audio.Channel(0, frames).ToArray());

        using var seekable = new WavReader(new MemoryStream(file), "file");
        Assert.Equal(frames, seekable.FrameCount);
    }

    [Fact]
    public void Flush_WritesSizesSoFar_AndWritingContinues()
    {
        var format = new WavFormat(48_000, 1, WavSampleFormat.Pcm16);
        AudioBuffer signal = WavTestFiles.ExactSignal(format.SampleFormat, 1, 200, seed: 2);
        using var ms = new MemoryStream();
        using var writer = new WavWriter(ms, format, leaveOpen: true);
        writer.Write(signal, 100);
        writer.Flush();

        Assert.Equal(100, new WavReader(new MemoryStream(ms.ToArray()), "partial.wav").DeclaredFrameCount);
        writer.Write(signal, 200);
        writer.Dispose();
        Assert.Equal(300, new WavReader(new MemoryStream(ms.ToArray()), "whole.wav").FrameCount);
    }

    [Fact]
    public void Read_AllocatesNothing_AfterTheFirstCall()
    {
        string dir = WavTestFiles.TempFolder();
        string path = Path.Combine(dir, "alloc.wav");
        foreach (var (sampleFormat, channels) in new[] { (WavSampleFormat.Pcm16, 2), (WavSampleFormat.Pcm24, 2), (WavSampleFormat.Float32, 6) })
        {
            var format = new WavFormat(48_000, channels, sampleFormat);
            using (var writer = WavWriter.Create(path, format))
                writer.Write(new AudioBuffer(channels, 100_000), 100_000);

            using var reader = WavReader.Open(path);
            var block = new AudioBuffer(channels, 512);
            reader.Read(block, 512);
            // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
            // collection started by another thread can bill to it as "allocated" on a busy machine.
            GC.Collect(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            int total = 0;
            while (reader.Read(block, 512) > 0)
                total++;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(total > 150, "the loop must make many Read calls");
            Assert.Equal(0, allocated);
        }
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Write_AllocatesNothing_AfterTheFirstCall()
    {
        var format = new WavFormat(48_000, 2, WavSampleFormat.Pcm24);
        using var writer = new WavWriter(Stream.Null, format);
        var block = new AudioBuffer(2, 256);
        writer.Write(block, 256);
        // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
        // collection started by another thread can bill to it as "allocated" on a busy machine.
        GC.Collect(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
            writer.Write(block, 256);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public unsafe void VectorDecoders_MatchTheScalarDecoders_OnRandomBytes()
    {
        var rng = new Random(42);
        byte[] src = new byte[6 * 1003 + 8];
        rng.NextBytes(src);
        float[] vl = new float[1003], vr = new float[1003], sl = new float[1003], sr = new float[1003];
        fixed (byte* s = src)
        fixed (float* a = vl, b = vr, c = sl, d = sr)
        {
            for (int frames = 0; frames <= 1003; frames += 59)
            {
                WavSampleCodec.Decode16Stereo(s, a, b, frames, true);
                WavSampleCodec.Decode16Stereo(s, c, d, frames, false);
                Assert.Equal(sl.AsSpan(0, frames).ToArray(), vl.AsSpan(0, frames).ToArray());
                Assert.Equal(sr.AsSpan(0, frames).ToArray(), vr.AsSpan(0, frames).ToArray());
                WavSampleCodec.Decode24Stereo(s, a, b, frames, true);
                WavSampleCodec.Decode24Stereo(s, c, d, frames, false);
                Assert.Equal(sl.AsSpan(0, frames).ToArray(), vl.AsSpan(0, frames).ToArray());
                Assert.Equal(sr.AsSpan(0, frames).ToArray(), vr.AsSpan(0, frames).ToArray());
            }
        }
        // The scalar 24-bit decoder reads the documented two's-complement values.
        Assert.Equal(-1f, Decode24([0x00, 0x00, 0x80]));
        Assert.Equal(8388607f / 8388608f, Decode24([0xFF, 0xFF, 0x7F]));
        Assert.Equal(-1f / 8388608f, Decode24([0xFF, 0xFF, 0xFF]));
    }

    private static float Decode24(byte[] sample)
    {
        var signal = new byte[12];
        sample.CopyTo(signal, 0);
        byte[] file = WavTestFiles.Riff("RIFF", null,
            WavTestFiles.Chunk("fmt ", WavTestFiles.FmtBody(1, 1, 48_000, 24)),
            WavTestFiles.Chunk("data", signal.AsSpan(0, 3)));
        return WavTestFiles.ReadAll(file).Audio.Channel(0)[0];
    }

    internal static int IndexOfChunk(byte[] file, string id)
    {
        ReadOnlySpan<byte> name = System.Text.Encoding.ASCII.GetBytes(id);
        int p = file.AsSpan().IndexOf(name);
        Assert.True(p >= 0, $"no {id} chunk");
        return p;
    }
}
