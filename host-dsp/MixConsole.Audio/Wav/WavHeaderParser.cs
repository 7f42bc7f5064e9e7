using System.Buffers.Binary;

namespace MixConsole.Audio.Wav;

/// <summary>
/// Walks a WAV file's RIFF chunks up to the first audio byte, reading at most a fixed number
/// of bytes per chunk whatever sizes the file declares.
/// </summary>
internal sealed class WavHeaderParser(Stream stream, string fileName, byte[] scratch)
{
    private const uint OpenSize = 0xFFFFFFFF;
    private long _position;
    private long _ds64RiffSize = -1;
    private long _ds64DataSize = -1;
    private uint _riffSize;
    private WavFormat? _format;

    public byte[] Scratch => scratch;
    public WavFormat Format => _format!;
    public bool IsRf64 { get; private set; }
    public long DataStart { get; private set; }
    public long DeclaredDataBytes { get; private set; }

    public void Parse()
    {
        if (stream.CanSeek)
            _position = stream.Position;
        long origin = _position;
        Span<byte> head = stackalloc byte[12];
        int got = ReadFully(head);
        if (got == 0)
            throw Fail("empty file");
        if (got >= 4)
            CheckRiffId(BinaryPrimitives.ReadUInt32LittleEndian(head));
        if (got < 12)
            throw Fail($"truncated: file ends inside the RIFF header ({got} bytes)");
        uint formType = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
        if (formType != WavRiff.Wave)
            throw Fail($"RIFF file of type {WavRiff.FourCcText(formType)}, not a WAVE file");
        _riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);

        long deferredDataStart = -1;
        long deferredDataBytes = -1;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            got = ReadFully(chunkHeader);
            if (got < 8)
                break;
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader);
            uint size32 = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            long size = size32;
            if (id == WavRiff.Ds64 && IsRf64)
            {
                ParseDs64(size);
            }
            else if (id == WavRiff.Fmt && _format is null)
            {
                ParseFmt(size);
            }
            else if (id == WavRiff.Data)
            {
                long dataBytes = DataChunkBytes(size32, origin);
                if (_format is not null)
                {
                    DataStart = _position;
                    DeclaredDataBytes = IsSoxOpenSize(size32) ? -1 : dataBytes;
                    return;
                }
                if (!stream.CanSeek)
                    throw Fail("fmt chunk comes after the data chunk, which needs a seekable file");
                if (dataBytes < 0)
                    throw Fail("fmt chunk comes after a data chunk of unknown size");
                if (deferredDataStart < 0)
                {
                    deferredDataStart = _position;
                    deferredDataBytes = dataBytes;
                }
                if (!Skip(dataBytes + (dataBytes & 1)))
                    break;
            }
            else if (!Skip(size + (size & 1)))
            {
                break;
            }

            if (_format is not null && deferredDataStart >= 0)
            {
                stream.Position = deferredDataStart;
                _position = deferredDataStart;
                DataStart = deferredDataStart;
                DeclaredDataBytes = deferredDataBytes;
                return;
            }
        }

        if (_format is null)
            throw Fail(_position - origin <= 12 ? "truncated: file ends after the RIFF header" : "no fmt chunk");
        throw Fail("no data chunk");
    }

    private void CheckRiffId(uint id)
    {
        switch (id)
        {
            case WavRiff.Riff:
                return;
            case WavRiff.Rf64:
            case WavRiff.Bw64:
                IsRf64 = true;
                return;
            case WavRiff.Rifx:
                throw Fail("big-endian RIFX WAV is not supported; MixConsole reads little-endian RIFF, RF64 and BW64");
            case WavRiff.Form:
                throw Fail("not a WAV file (this looks like AIFF)");
            default:
                throw Fail($"not a WAV file (starts with {WavRiff.FourCcText(id)}, expected 'RIFF')");
        }
    }

    /// <summary>The data chunk's byte count, or -1 when the writer left it open.</summary>
    private long DataChunkBytes(uint size32, long origin)
    {
        if (IsRf64 && size32 == OpenSize)
        {
            if (_ds64DataSize < 0)
                throw Fail("RF64 file without a ds64 chunk giving the data size");
            // Streaming RF64 writers leave the 64-bit size at 0 or all ones too.
            return _ds64DataSize is 0 or long.MaxValue ? -1 : _ds64DataSize;
        }
        if (size32 == OpenSize)
            return -1;
        if (size32 == 0)
        {
            // An empty data chunk is real only when the RIFF size says the file goes on past it.
            long riffEnd = IsRf64 ? _ds64RiffSize : _riffSize;
            bool riffSizeOpen = riffEnd is 0 or OpenSize or < 0;
            return riffSizeOpen || origin + 8 + riffEnd <= _position ? -1 : 0;
        }
        return size32;
    }

    /// <summary>
    /// SoX writing to a pipe declares 0x7FFFF000 rounded down to whole frames; that is an open
    /// size unless the file really holds that much.
    /// </summary>
    private bool IsSoxOpenSize(uint size32)
    {
        const uint soxUnknownLength = 0x7FFFF000;
        int blockAlign = _format!.BlockAlign;
        if (size32 != soxUnknownLength / (uint)blockAlign * (uint)blockAlign)
            return false;
        return !stream.CanSeek || stream.Length - _position < size32;
    }

    private void ParseDs64(long size)
    {
        if (size < WavRiff.Ds64BodyBytes)
            throw Fail($"ds64 chunk is {size} bytes, needs at least {WavRiff.Ds64BodyBytes}");
        Span<byte> body = stackalloc byte[WavRiff.Ds64BodyBytes];
        if (ReadFully(body) < body.Length)
            throw Fail("truncated: file ends inside the ds64 chunk");
        _ds64RiffSize = ClampSize(BinaryPrimitives.ReadUInt64LittleEndian(body));
        _ds64DataSize = ClampSize(BinaryPrimitives.ReadUInt64LittleEndian(body[8..]));
        // The table sizes chunks other than data; MixConsole never needs those past 4 GiB.
        long rest = size - WavRiff.Ds64BodyBytes;
        if (!Skip(rest + (size & 1)))
            throw Fail("truncated: file ends inside the ds64 chunk");
    }

    private static long ClampSize(ulong size) => size > long.MaxValue ? long.MaxValue : (long)size;

    private void ParseFmt(long size)
    {
        if (size < 16)
            throw Fail($"fmt chunk is {size} bytes, needs at least 16");
        Span<byte> fmt = stackalloc byte[WavRiff.ExtensibleFmtBytes];
        int want = (int)Math.Min(size, fmt.Length);
        if (ReadFully(fmt[..want]) < want)
            throw Fail("truncated: file ends inside the fmt chunk");
        if (!Skip(size - want + (size & 1)))
            throw Fail("truncated: file ends inside the fmt chunk");

        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        uint mask = 0;

        if (tag == WavRiff.TagExtensible)
        {
            if (size < WavRiff.ExtensibleFmtBytes)
                throw Fail($"WAVE_FORMAT_EXTENSIBLE fmt chunk is {size} bytes, needs {WavRiff.ExtensibleFmtBytes}");
            mask = BinaryPrimitives.ReadUInt32LittleEndian(fmt[20..]);
            ReadOnlySpan<byte> guid = fmt[24..40];
            if (!guid[2..].SequenceEqual(WavRiff.SubFormatTail))
                throw Fail($"unsupported WAVE_FORMAT_EXTENSIBLE sub-format {new Guid(guid)}; MixConsole reads PCM and IEEE float WAV");
            tag = BinaryPrimitives.ReadUInt16LittleEndian(guid);
        }

        if (channels == 0)
            throw Fail("fmt chunk declares zero channels");
        if (channels > WavFormat.MaxChannels)
            throw Fail($"{channels} channels; MixConsole reads 1 to {WavFormat.MaxChannels}");
        WavSampleFormat sampleFormat = SampleFormatOf(tag, bits);
        if (rate < WavFormat.MinSampleRateHz || rate > WavFormat.MaxSampleRateHz)
            throw Fail($"sample rate {rate} Hz is outside {WavFormat.MinSampleRateHz}..{WavFormat.MaxSampleRateHz} Hz");
        int expectedAlign = channels * sampleFormat.BytesPerSample();
        if (blockAlign != expectedAlign)
            throw Fail($"block align {blockAlign} does not match {channels} channels of {bits}-bit samples (expected {expectedAlign})");
        _format = new WavFormat((int)rate, channels, sampleFormat, mask);
    }

    private WavSampleFormat SampleFormatOf(ushort tag, int bits)
    {
        if (tag == WavRiff.TagPcm)
        {
            return bits switch
            {
                16 => WavSampleFormat.Pcm16,
                24 => WavSampleFormat.Pcm24,
                32 => WavSampleFormat.Pcm32,
                _ => throw Fail($"unsupported PCM bit depth {bits}; MixConsole reads 16, 24 and 32-bit PCM and 32 and 64-bit float"),
            };
        }
        if (tag == WavRiff.TagFloat)
        {
            return bits switch
            {
                32 => WavSampleFormat.Float32,
                64 => WavSampleFormat.Float64,
                _ => throw Fail($"unsupported float bit depth {bits}; MixConsole reads 32 and 64-bit float"),
            };
        }
        throw Fail($"unsupported format tag 0x{tag:X4} ({WavRiff.FormatTagName(tag)}); MixConsole reads PCM and IEEE float WAV");
    }

    private int ReadFully(Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int n = stream.Read(destination[total..]);
            if (n <= 0)
                break;
            total += n;
        }
        _position += total;
        return total;
    }

    /// <summary>Skips <paramref name="bytes"/> bytes; false when the stream ends first.</summary>
    private bool Skip(long bytes)
    {
        if (bytes <= 0)
            return true;
        if (stream.CanSeek)
        {
            long length = stream.Length;
            if (_position + bytes > length)
            {
                stream.Position = length;
                _position = length;
                return false;
            }
            _position += bytes;
            stream.Position = _position;
            return true;
        }
        while (bytes > 0)
        {
            int n = stream.Read(scratch, 0, (int)Math.Min(bytes, scratch.Length));
            if (n <= 0)
                return false;
            bytes -= n;
            _position += n;
        }
        return true;
    }

    private WavFormatException Fail(string problem) => new(fileName, problem);
}
