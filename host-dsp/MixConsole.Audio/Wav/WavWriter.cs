using System.Buffers.Binary;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Wav;

/// <summary>
/// Streams planar float audio into a WAV file. Integer formats are rounded to nearest and
/// clipped to full scale (no dither: that belongs to the mastering chain). The header uses
/// WAVE_FORMAT_EXTENSIBLE when the RIFF rules call for it (more than two channels, more than
/// 16 bits, or a speaker mask) and reserves a JUNK chunk that becomes a ds64 chunk, turning
/// the file into RF64 in place, when the data outgrows the 4 GiB RIFF limit.
/// </summary>
/// <remarks>
/// Sizes are written on <see cref="Flush"/> and <see cref="Dispose"/>. Until then the header
/// carries the open sizes (0xFFFFFFFF) streaming readers understand, so an interrupted
/// recording is still readable. A non-seekable stream keeps the open sizes for good.
/// Not thread-safe: one writer belongs to one thread at a time.
/// </remarks>
public sealed class WavWriter : IDisposable
{
    /// <summary>Largest RIFF size a 32-bit field can state; 0xFFFFFFFF itself means "open".</summary>
    internal const long RiffSizeLimit = 0xFFFFFFFE;

    private const int ChunkTargetBytes = 96 * 1024;
    private const uint OpenSize = 0xFFFFFFFF;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _riffSizeLimit;
    private readonly long _origin;
    private readonly byte[] _bytes;
    private readonly int _chunkFrames;
    private readonly int _headerBytes;
    private readonly long _factSizeOffset;
    private bool _disposed;

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/> and writes its header.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public static WavWriter Create(string path, WavFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(format);
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            return new WavWriter(stream, format, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes a WAV file of <paramref name="format"/> into <paramref name="stream"/> from its current position.</summary>
    /// <param name="stream">A writable stream; when it can seek, sizes are filled in on <see cref="Flush"/> and <see cref="Dispose"/>.</param>
    /// <param name="format">The file's layout.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the writer is disposed.</param>
    public WavWriter(Stream stream, WavFormat format, bool leaveOpen = false)
        : this(stream, format, leaveOpen, RiffSizeLimit)
    {
    }

    /// <summary>Test seam: <paramref name="riffSizeLimit"/> replaces the 4 GiB RIFF limit so RF64 can be tested small.</summary>
    internal WavWriter(Stream stream, WavFormat format, bool leaveOpen, long riffSizeLimit)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        if (!stream.CanWrite)
            throw new ArgumentException("stream must be writable", nameof(stream));
        ArgumentOutOfRangeException.ThrowIfLessThan(riffSizeLimit, 64);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _riffSizeLimit = riffSizeLimit;
        Format = format;
        _origin = stream.CanSeek ? stream.Position : 0;
        _chunkFrames = Math.Max(1, ChunkTargetBytes / format.BlockAlign);
        _bytes = new byte[_chunkFrames * format.BlockAlign];

        _headerBytes = WriteHeader(out _factSizeOffset);
    }

    /// <summary>The file's layout.</summary>
    public WavFormat Format { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten { get; private set; }

    /// <summary>True once the data has outgrown the RIFF limit and the header was rewritten as RF64.</summary>
    public bool IsRf64 { get; private set; }

    /// <summary>
    /// Appends the first <paramref name="frames"/> frames of channels 0..Channels-1 of
    /// <paramref name="buffer"/>. Allocates nothing.
    /// </summary>
    public void Write(AudioBuffer buffer, int frames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Channels != Format.Channels)
            throw new ArgumentException($"buffer has {buffer.Channels} channels, the file {Format.Channels}", nameof(buffer));
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frames, buffer.CapacityFrames);

        int blockAlign = Format.BlockAlign;
        for (int done = 0; done < frames;)
        {
            int n = Math.Min(frames - done, _chunkFrames);
            WavSampleCodec.Encode(Format.SampleFormat, Format.Channels, buffer.RawData, buffer.Stride, done, n, _bytes);
            _stream.Write(_bytes, 0, n * blockAlign);
            done += n;
            FramesWritten += n;
        }
    }

    /// <summary>Writes the sizes so far into the header (seekable streams) and flushes the stream; writing may go on.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteSizes(final: false);
        _stream.Flush();
    }

    /// <summary>Pads the data to an even length, writes the final sizes and closes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            WriteSizes(final: true);
            _stream.Flush();
        }
        finally
        {
            if (!_leaveOpen)
                _stream.Dispose();
        }
    }

    private int WriteHeader(out long factSizeOffset)
    {
        bool extensible = Format.NeedsExtensible;
        bool isFloat = Format.SampleFormat.IsFloat();
        int fmtBytes = extensible ? WavRiff.ExtensibleFmtBytes : 16;
        Span<byte> h = stackalloc byte[128];
        int p = 0;
        PutId(h, ref p, WavRiff.Riff);
        PutU32(h, ref p, OpenSize);
        PutId(h, ref p, WavRiff.Wave);
        // Reserved room for a ds64 chunk, should the file outgrow RIFF.
        PutId(h, ref p, WavRiff.Junk);
        PutU32(h, ref p, WavRiff.Ds64BodyBytes);
        h.Slice(p, WavRiff.Ds64BodyBytes).Clear();
        p += WavRiff.Ds64BodyBytes;

        PutId(h, ref p, WavRiff.Fmt);
        PutU32(h, ref p, (uint)fmtBytes);
        ushort tag = isFloat ? WavRiff.TagFloat : WavRiff.TagPcm;
        PutU16(h, ref p, extensible ? WavRiff.TagExtensible : tag);
        PutU16(h, ref p, (ushort)Format.Channels);
        PutU32(h, ref p, (uint)Format.SampleRateHz);
        PutU32(h, ref p, (uint)Format.ByteRate);
        PutU16(h, ref p, (ushort)Format.BlockAlign);
        PutU16(h, ref p, (ushort)Format.SampleFormat.BitsPerSample());
        if (extensible)
        {
            PutU16(h, ref p, 22);
            PutU16(h, ref p, (ushort)Format.SampleFormat.BitsPerSample());
            PutU32(h, ref p, Format.ChannelMask);
            PutU16(h, ref p, tag);
            WavRiff.SubFormatTail.CopyTo(h[p..]);
            p += WavRiff.SubFormatTail.Length;
        }

        factSizeOffset = -1;
        if (isFloat)
        {
            // Non-PCM formats carry a fact chunk with the frame count.
            PutId(h, ref p, WavRiff.Fact);
            PutU32(h, ref p, 4);
            factSizeOffset = p;
            PutU32(h, ref p, OpenSize);
        }

        PutId(h, ref p, WavRiff.Data);
        PutU32(h, ref p, OpenSize);
        _stream.Write(h[..p]);
        return p;
    }

    private void WriteSizes(bool final)
    {
        if (!_stream.CanSeek)
            return;
        long dataBytes = FramesWritten * Format.BlockAlign;
        bool pad = (dataBytes & 1) != 0;
        if (final && pad)
            _stream.WriteByte(0);
        long riffSize = _headerBytes - 8 + dataBytes + (final && pad ? 1 : 0);
        long end = _stream.Position;

        IsRf64 = IsRf64 || riffSize > _riffSizeLimit;
        Span<byte> b = stackalloc byte[8 + WavRiff.Ds64BodyBytes];
        if (IsRf64)
        {
            int p = 0;
            PutId(b, ref p, WavRiff.Rf64);
            PutU32(b, ref p, OpenSize);
            PatchAt(0, b[..p]);

            p = 0;
            PutId(b, ref p, WavRiff.Ds64);
            PutU32(b, ref p, WavRiff.Ds64BodyBytes);
            BinaryPrimitives.WriteInt64LittleEndian(b[p..], riffSize);
            BinaryPrimitives.WriteInt64LittleEndian(b[(p + 8)..], dataBytes);
            BinaryPrimitives.WriteInt64LittleEndian(b[(p + 16)..], FramesWritten);
            BinaryPrimitives.WriteUInt32LittleEndian(b[(p + 24)..], 0);
            PatchAt(12, b);
            PatchU32(_headerBytes - 4, OpenSize);
            if (_factSizeOffset >= 0)
                PatchU32(_factSizeOffset, OpenSize);
        }
        else
        {
            PatchU32(4, (uint)riffSize);
            PatchU32(_headerBytes - 4, (uint)dataBytes);
            if (_factSizeOffset >= 0)
                PatchU32(_factSizeOffset, (uint)FramesWritten);
        }
        _stream.Position = end;
    }

    private void PatchU32(long offset, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        PatchAt(offset, b);
    }

    private void PatchAt(long offset, ReadOnlySpan<byte> bytes)
    {
        _stream.Position = _origin + offset;
        _stream.Write(bytes);
    }

    private static void PutId(Span<byte> s, ref int p, uint id) => PutU32(s, ref p, id);

    private static void PutU32(Span<byte> s, ref int p, uint v)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(s[p..], v);
        p += 4;
    }

    private static void PutU16(Span<byte> s, ref int p, ushort v)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(s[p..], v);
        p += 2;
    }
}
