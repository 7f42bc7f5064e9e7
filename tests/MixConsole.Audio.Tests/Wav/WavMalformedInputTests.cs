using System.Buffers.Binary;
using System.Text;
using MixConsole.Audio.Wav;
using Xunit;
using static MixConsole.Audio.Tests.Wav.WavTestFiles;

namespace MixConsole.Audio.Tests.Wav;

public sealed class WavMalformedInputTests
{
    private static byte[] Fmt16Stereo => Chunk("fmt ", FmtBody(1, 2, 48_000, 16));

    private static string ErrorOf(byte[] file, string name = "x.wav", bool pipe = false)
    {
        Stream stream = new MemoryStream(file);
        if (pipe)
            stream = new NonSeekableStream(stream);
        var error = Assert.Throws<WavFormatException>(() =>
        {
            using var reader = new WavReader(stream, name);
            ReadAll(reader);
        });
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith(name + ": ", error.Message);
        return error.Message;
    }

    [Fact]
    public void Mp3InWav_IsRefusedByName()
    {
        byte[] file = Riff("RIFF", null, Chunk("fmt ", FmtBody(0x0055, 2, 44_100, 0, blockAlign: 1)), Chunk("data", new byte[100]));
        Assert.Equal("x.wav: unsupported format tag 0x0055 (MPEG Layer 3); MixConsole reads PCM and IEEE float WAV", ErrorOf(file));
    }

    [Fact]
    public void UnknownExtensibleSubFormat_IsRefused()
    {
        byte[] fmt = new byte[40];
        FmtBody(0xFFFE, 2, 48_000, 16).CopyTo(fmt, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), 0x0092);  // not the KSDATAFORMAT family tail
        byte[] file = Riff("RIFF", null, Chunk("fmt ", fmt), Chunk("data", new byte[8]));
        Assert.Contains("unsupported WAVE_FORMAT_EXTENSIBLE sub-format", ErrorOf(file));
    }

    [Theory]
    [InlineData("FORM", "not a WAV file (this looks like AIFF)")]
    [InlineData("RIFX", "big-endian RIFX WAV is not supported")]
    [InlineData("ID3\u0004", "not a WAV file (starts with 0x49443304, expected 'RIFF')")]
    [InlineData("OggS", "not a WAV file (starts with 'OggS', expected 'RIFF')")]
    public void NonRiffFiles_AreNamedForWhatTheyAre(string magic, string problem)
    {
        byte[] file = Riff("RIFF", null, Fmt16Stereo, Chunk("data", new byte[8]));
        Encoding.Latin1.GetBytes(magic).CopyTo(file, 0);
        Assert.Contains(problem, ErrorOf(file));
    }

    [Fact]
    public void RiffOfAnotherType_IsRefused()
    {
        byte[] file = Riff("RIFF", null, Fmt16Stereo);
        Encoding.ASCII.GetBytes("AVI ").CopyTo(file, 8);
        Assert.Equal("x.wav: RIFF file of type 'AVI ', not a WAVE file", ErrorOf(file));
    }

    [Fact]
    public void ZeroChannels_IsRefused() =>
        Assert.Equal("x.wav: fmt chunk declares zero channels",
            ErrorOf(Riff("RIFF", null, Chunk("fmt ", FmtBody(1, 0, 48_000, 16, blockAlign: 0)), Chunk("data", new byte[8]))));

    [Fact]
    public void TooManyChannels_IsRefused() =>
        Assert.Contains("65 channels; MixConsole reads 1 to 64",
            ErrorOf(Riff("RIFF", null, Chunk("fmt ", FmtBody(1, 65, 48_000, 16)), Chunk("data", new byte[130]))));

    [Fact]
    public void BlockAlignMismatch_IsRefused() =>
        Assert.Equal("x.wav: block align 6 does not match 2 channels of 16-bit samples (expected 4)",
            ErrorOf(Riff("RIFF", null, Chunk("fmt ", FmtBody(1, 2, 48_000, 16, blockAlign: 6)), Chunk("data", new byte[12]))));

    [Theory]
    [InlineData(1, 8, "unsupported PCM bit depth 8")]
    [InlineData(1, 20, "unsupported PCM bit depth 20")]
    [InlineData(3, 16, "unsupported float bit depth 16")]
    public void UnsupportedBitDepths_AreRefused(ushort tag, int bits, string problem) =>
        Assert.Contains(problem, ErrorOf(Riff("RIFF", null, Chunk("fmt ", FmtBody(tag, 1, 48_000, bits, blockAlign: Math.Max(1, bits / 8))), Chunk("data", new byte[8]))));

    [Theory]
    [InlineData(4_000)]
    [InlineData(768_000)]
    [InlineData(0)]
    public void SampleRatesOutsideTheSupportedRange_AreRefused(int rateHz) =>
        Assert.Contains($"sample rate {rateHz} Hz is outside 8000..384000 Hz",
            ErrorOf(Riff("RIFF", null, Chunk("fmt ", FmtBody(1, 1, rateHz, 16)), Chunk("data", new byte[8]))));

    [Fact]
    public void MissingFmt_MissingData_EmptyAndTinyFiles_AreRefused()
    {
        Assert.Equal("x.wav: no fmt chunk", ErrorOf(Riff("RIFF", null, Chunk("LIST", new byte[10]), Chunk("data", new byte[8]))));
        Assert.Equal("x.wav: no data chunk", ErrorOf(Riff("RIFF", null, Fmt16Stereo, Chunk("LIST", new byte[10]))));
        Assert.Equal("x.wav: empty file", ErrorOf([]));
        Assert.Equal("x.wav: truncated: file ends inside the RIFF header (6 bytes)", ErrorOf(Encoding.ASCII.GetBytes("RIFF\0\0")));
        Assert.Equal("x.wav: truncated: file ends after the RIFF header", ErrorOf(Riff("RIFF", null)));
        Assert.Equal("x.wav: truncated: file ends inside the fmt chunk", ErrorOf(Riff("RIFF", null, Fmt16Stereo)[..30]));
        Assert.Equal("x.wav: fmt chunk is 14 bytes, needs at least 16", ErrorOf(Riff("RIFF", null, Chunk("fmt ", new byte[14]), Chunk("data", new byte[8]))));
    }

    [Fact]
    public void TruncatedData_IsReportedWithBothCounts_OrReadWhenAllowed()
    {
        byte[] file = Riff("RIFF", null, Fmt16Stereo, Chunk("data", Ramp16(2000), declaredSize: 4_800_000));

        Assert.Equal("song.wav: truncated: header says 1200000 frames, file holds 1000", ErrorOf(file, "song.wav"));
        Assert.Equal("song.wav: truncated: header says 1200000 frames, file holds 1000", ErrorOf(file, "song.wav", pipe: true));

        using var reader = new WavReader(new MemoryStream(file), "song.wav", allowTruncated: true);
        Assert.True(reader.IsTruncated);
        Assert.Equal(1000, reader.FrameCount);
        Assert.Equal(1_200_000, reader.DeclaredFrameCount);
        var (_, audio, frames) = ReadAll(reader);
        Assert.Equal(1000, frames);
        Assert.Equal((1999 * 7 - 3000) / 32768f, audio.Channel(1)[999]);
    }

    [Fact]
    public void HugeDeclaredSizes_AllocateNothingLarge()
    {
        byte[] file = Riff("RIFF", 0xFFFFFFF0, Chunk("fmt ", FmtBody(1, 2, 48_000, 16), declaredSize: 0xFFFFFFF0));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("truncated: file ends inside the fmt chunk", ErrorOf(file));
        Assert.Contains("truncated: file ends inside the fmt chunk", ErrorOf(file, pipe: true));
        byte[] bigData = Riff("RIFF", null, Fmt16Stereo, Chunk("data", new byte[40], declaredSize: 0xFFFFFFF0));
        Assert.Contains("header says 1073741820 frames, file holds 10", ErrorOf(bigData));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    public void OpenDataSizeFromStreamingWriters_ReadsToTheEndOfTheFile(uint dataSize)
    {
        byte[] file = Riff("RIFF", dataSize, Fmt16Stereo, Chunk("data", Ramp16(2002), declaredSize: dataSize));
        foreach (bool pipe in new[] { false, true })
        {
            Stream stream = pipe ? new NonSeekableStream(new MemoryStream(file), 333) : new MemoryStream(file);
            using var reader = new WavReader(stream, "live.wav");
            Assert.Equal(-1, reader.DeclaredFrameCount);
            Assert.Equal(pipe ? -1 : 1001, reader.FrameCount);
            var (_, audio, frames) = ReadAll(reader);
            Assert.Equal(1001, frames);
            Assert.False(reader.IsTruncated);
            Assert.Equal((2001 * 7 - 3000) / 32768f, audio.Channel(1)[1000]);
        }
    }

    [Fact]
    public void EmptyDataChunkFollowedByOtherChunks_HoldsNoFrames()
    {
        byte[] file = Riff("RIFF", null, Fmt16Stereo, Chunk("data", []), Chunk("LIST", new byte[64]));
        using var reader = new WavReader(new MemoryStream(file), "empty.wav");
        Assert.Equal(0, reader.FrameCount);
        Assert.Equal(0, ReadAll(reader).Frames);
    }

    [Fact]
    public void UnknownChunks_WithOddSizes_AreSkippedWithTheirPadByte()
    {
        byte[] file = Riff("RIFF", null,
            Chunk("bext", new byte[603]), Fmt16Stereo, Chunk("odd!", new byte[1]), Chunk("LIST", new byte[77]),
            Chunk("data", Ramp16(200)), Chunk("id3 ", new byte[33]));
        foreach (bool pipe in new[] { false, true })
        {
            Stream stream = pipe ? new NonSeekableStream(new MemoryStream(file), 50) : new MemoryStream(file);
            using var reader = new WavReader(stream, "tagged.wav");
            var (_, audio, frames) = ReadAll(reader);
            Assert.Equal(100, frames);
            Assert.Equal(-3000 / 32768f, audio.Channel(0)[0]);
            Assert.Equal((199 * 7 - 3000) / 32768f, audio.Channel(1)[99]);
        }
    }

    [Fact]
    public void LongerFmtChunk_ExtraBytesAreSkipped_AndTrailingPartialFrameIsDropped()
    {
        byte[] fmt = new byte[19];
        FmtBody(1, 2, 48_000, 16).CopyTo(fmt, 0);
        byte[] file = Riff("RIFF", null, Chunk("fmt ", fmt), Chunk("data", Ramp16(41).AsSpan(0, 81)));
        var (_, _, frames) = ReadAll(file);
        Assert.Equal(20, frames);
    }

    [Fact]
    public void FmtAfterData_IsReadFromSeekableFiles_AndExplainedForPipes()
    {
        byte[] file = Riff("RIFF", null, Chunk("data", Ramp16(20)), Fmt16Stereo);
        var (format, audio, frames) = ReadAll(file);
        Assert.Equal(10, frames);
        Assert.Equal(2, format.Channels);
        Assert.Equal((19 * 7 - 3000) / 32768f, audio.Channel(1)[9]);

        Assert.Equal("x.wav: fmt chunk comes after the data chunk, which needs a seekable file", ErrorOf(file, pipe: true));
    }

    [Fact]
    public void Open_OnAFileThatIsNotWav_NamesTheFileWithoutItsFolder()
    {
        string dir = TempFolder();
        string path = Path.Combine(dir, "notes.wav");
        File.WriteAllText(path, "these are not samples");
        var error = Assert.Throws<WavFormatException>(() => WavReader.Open(path));
        Assert.Equal("notes.wav: not a WAV file (starts with 'thes', expected 'RIFF')", error.Message);
        Assert.Equal("notes.wav", error.FileName);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Read_RefusesABufferWithTheWrongChannelCount()
    {
        using var reader = new WavReader(new MemoryStream(Riff("RIFF", null, Fmt16Stereo, Chunk("data", Ramp16(8)))), "x.wav");
        Assert.Throws<ArgumentException>(() => reader.Read(new MixConsole.Dsp.Core.AudioBuffer(1, 16), 16));
    }
}
