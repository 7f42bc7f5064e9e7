using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Wav;

/// <summary>
/// Streams audio out of a WAV file (RIFF, RF64 or BW64; PCM 16/24/32-bit or IEEE float 32/64;
/// plain or WAVE_FORMAT_EXTENSIBLE) as planar float. Holds one reusable chunk of bytes, never
/// the file. Anything it cannot read honestly raises <see cref="WavFormatException"/>.
/// </summary>
/// <remarks>
/// Real-world quirks it accepts: a data size of 0 or 0xFFFFFFFF left by a streaming writer, or
/// SoX's 0x7FFFF000 placeholder when writing to a pipe (read to the end of the file), unknown chunks anywhere (skipped, odd sizes padded), a lying
/// RIFF size (ignored), a trailing partial frame (dropped), a fmt chunk after the data chunk
/// (seekable streams). A data chunk that claims more than the file holds is clamped to the
/// file; by default that counts as truncation and raises, unless the reader was opened with
/// <c>allowTruncated</c>, in which case <see cref="IsTruncated"/> says so.
/// Not thread-safe: one reader belongs to one thread at a time.
/// </remarks>
public sealed class WavReader : IDisposable
{
    /// <summary>Bytes per read from the stream: large enough to amortise system calls, small enough for L2.</summary>
    private const int ChunkTargetBytes = 96 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _allowTruncated;
    private readonly byte[] _bytes;
    private readonly int _chunkFrames;
    private readonly int _blockAlign;
    private readonly long _dataStart;
    private long _framePosition;
    private int _carryBytes;
    private bool _endReached;
    private bool _disposed;

    /// <summary>Opens the WAV file at <paramref name="path"/> for reading.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="allowTruncated">
    /// False (the default): a file holding fewer frames than its header declares raises
    /// <see cref="WavFormatException"/>. True: read what is there and report it through
    /// <see cref="IsTruncated"/>.
    /// </param>
    /// <exception cref="WavFormatException">The file is not a WAV file MixConsole can read.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static WavReader Open(string path, bool allowTruncated = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        // No FileStream buffering: the reader does its own large reads.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            return new WavReader(stream, Path.GetFileName(path), allowTruncated, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a WAV file from <paramref name="stream"/>, positioned at its first byte.</summary>
    /// <param name="stream">A readable stream; seekable streams also allow <see cref="Seek"/> and fmt-after-data files.</param>
    /// <param name="fileName">The name error messages give the file (e.g. "song.wav" or "stdin").</param>
    /// <param name="allowTruncated">See <see cref="Open"/>.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <exception cref="WavFormatException">The stream does not hold a WAV file MixConsole can read.</exception>
    public WavReader(Stream stream, string fileName, bool allowTruncated = false, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!stream.CanRead)
            throw new ArgumentException("stream must be readable", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _allowTruncated = allowTruncated;
        FileName = fileName;

        // The scratch buffer is allocated before parsing: skipping chunks on a pipe reads through it.
        var header = new WavHeaderParser(stream, fileName, new byte[ChunkTargetBytes + WavSampleCodec.SourcePaddingBytes]);
        header.Parse();
        Format = header.Format;
        _blockAlign = Format.BlockAlign;
        _chunkFrames = Math.Max(1, ChunkTargetBytes / _blockAlign);
        _bytes = header.Scratch;
        _dataStart = header.DataStart;
        IsRf64 = header.IsRf64;
        DeclaredFrameCount = header.DeclaredDataBytes < 0 ? -1 : header.DeclaredDataBytes / _blockAlign;

        if (stream.CanSeek)
        {
            long availableFrames = Math.Max(0, stream.Length - _dataStart) / _blockAlign;
            if (DeclaredFrameCount < 0)
            {
                FrameCount = availableFrames;
            }
            else if (availableFrames < DeclaredFrameCount)
            {
                FrameCount = availableFrames;
                MarkTruncated(availableFrames);
            }
            else
            {
                FrameCount = DeclaredFrameCount;
            }
        }
        else
        {
            FrameCount = DeclaredFrameCount;
        }
    }

    /// <summary>The name error messages give the file.</summary>
    public string FileName { get; }

    /// <summary>Sample rate, channels, sample format and speaker mask.</summary>
    public WavFormat Format { get; }

    /// <summary>True when the file is RF64 or BW64 (sizes in a ds64 chunk).</summary>
    public bool IsRf64 { get; }

    /// <summary>
    /// Frames the reader will deliver: the declared count, clamped to what a seekable file
    /// holds, or counted to the end of the file when the header left the size open.
    /// -1 when unknown (an open-ended size on a non-seekable stream).
    /// </summary>
    public long FrameCount { get; private set; }

    /// <summary>Frames the header declares, or -1 when the header left the size open (0 or 0xFFFFFFFF).</summary>
    public long DeclaredFrameCount { get; }

    /// <summary>Frames not read yet, or -1 when <see cref="FrameCount"/> is unknown.</summary>
    public long FramesRemaining => FrameCount < 0 ? -1 : FrameCount - _framePosition;

    /// <summary>The next frame <see cref="Read"/> returns.</summary>
    public long Position => _framePosition;

    /// <summary>Length of the audio (<see cref="TimeSpan.Zero"/> when <see cref="FrameCount"/> is unknown).</summary>
    public TimeSpan Duration => FrameCount < 0
        ? TimeSpan.Zero
        : TimeSpan.FromTicks((long)Math.Round(FrameCount * (double)TimeSpan.TicksPerSecond / Format.SampleRateHz));

    /// <summary>
    /// True when the file holds fewer whole frames than its header declares (only possible
    /// when opened with <c>allowTruncated</c>; otherwise that raises).
    /// </summary>
    public bool IsTruncated { get; private set; }

    /// <summary>
    /// Reads up to <paramref name="maxFrames"/> frames (and at most the buffer's capacity) into
    /// channels 0..Channels-1 of <paramref name="buffer"/>, from frame 0 of each channel.
    /// Allocates nothing.
    /// </summary>
    /// <returns>Frames read; fewer than asked only at the end of the audio, 0 once there.</returns>
    /// <exception cref="WavFormatException">The file ends before its declared length and the reader does not allow truncation.</exception>
    public int Read(AudioBuffer buffer, int maxFrames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Channels != Format.Channels)
            throw new ArgumentException($"buffer has {buffer.Channels} channels, the file {Format.Channels}", nameof(buffer));
        ArgumentOutOfRangeException.ThrowIfNegative(maxFrames);

        long wanted = Math.Min(maxFrames, buffer.CapacityFrames);
        if (FrameCount >= 0)
            wanted = Math.Min(wanted, FrameCount - _framePosition);
        int frames = (int)wanted;
        int done = 0;
        while (done < frames && !_endReached)
        {
            int chunkFrames = Math.Min(frames - done, _chunkFrames);
            int needBytes = chunkFrames * _blockAlign;
            int haveBytes = _carryBytes;
            while (haveBytes < needBytes)
            {
                int n = _stream.Read(_bytes, haveBytes, needBytes - haveBytes);
                if (n <= 0)
                {
                    _endReached = true;
                    break;
                }
                haveBytes += n;
            }

            int whole = haveBytes / _blockAlign;
            WavSampleCodec.Decode(Format.SampleFormat, Format.Channels, _bytes, buffer.RawData, buffer.Stride, done, whole);
            _carryBytes = haveBytes - whole * _blockAlign;
            if (_carryBytes > 0)
                Buffer.BlockCopy(_bytes, whole * _blockAlign, _bytes, 0, _carryBytes);
            done += whole;
            _framePosition += whole;
        }

        if (_endReached && FrameCount >= 0 && _framePosition < FrameCount)
        {
            // The stream ended early: a pipe cut short, or a file that shrank after opening.
            long declared = FrameCount;
            FrameCount = _framePosition;
            MarkTruncated(_framePosition, declared);
        }
        return done;
    }

    /// <summary>Moves to frame <paramref name="frame"/> (0..<see cref="FrameCount"/>) of a seekable file.</summary>
    /// <exception cref="NotSupportedException">The stream cannot seek.</exception>
    public void Seek(long frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_stream.CanSeek)
            throw new NotSupportedException($"{FileName}: cannot seek in a non-seekable stream");
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frame, FrameCount);
        _stream.Position = _dataStart + frame * _blockAlign;
        _framePosition = frame;
        _carryBytes = 0;
        _endReached = false;
    }

    /// <summary>Closes the stream unless the reader was told to leave it open.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private void MarkTruncated(long heldFrames, long declaredFrames = -1)
    {
        IsTruncated = true;
        if (!_allowTruncated)
        {
            long declared = declaredFrames >= 0 ? declaredFrames : DeclaredFrameCount;
            throw new WavFormatException(FileName, $"truncated: header says {declared} frames, file holds {heldFrames}");
        }
    }
}
