using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Soundcheck;

/// <summary>
/// Virtual soundcheck: records every console input to one multichannel WAV (RF64 once it
/// passes 4 GiB). The audio thread hands each period to <see cref="Capture"/>, which copies it
/// into a lock-free ring and never waits; a writer thread drains the ring to disk. A period
/// that finds the ring full is dropped whole and counted in <see cref="DroppedFrames"/>.
/// Play the file back later with the wav backend (--audio wav --input FILE).
/// </summary>
public sealed class SoundcheckRecorder : IDisposable
{
    private const int WriterChunkFrames = 4096;

    private readonly SpscRing<float> _ring;
    private readonly float[] _interleaved;
    private readonly float[] _chunk;
    private readonly AudioBuffer _planar;
    private readonly WavWriter _writer;
    private readonly Thread _thread;
    private readonly int _channels;
    private long _captured;
    private long _dropped;
    private long _written;
    private int _stop;
    private Exception? _writeError;
    private bool _disposed;

    /// <summary>Creates the file and starts the writer thread.</summary>
    /// <param name="path">The WAV file to create (overwritten).</param>
    /// <param name="channels">Inputs recorded per frame.</param>
    /// <param name="sampleRateHz">Sample rate.</param>
    /// <param name="maxBlockFrames">Largest period <see cref="Capture"/> will be given.</param>
    /// <param name="ringSeconds">Audio the ring holds while the disk is slow (default 2 s).</param>
    /// <param name="sampleFormat">Stored format (default 32-bit float: nothing the console heard is lost).</param>
    public SoundcheckRecorder(string path, int channels, int sampleRateHz, int maxBlockFrames, double ringSeconds = 2.0,
        WavSampleFormat sampleFormat = WavSampleFormat.Float32)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockFrames, 1);
        if (!(ringSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(ringSeconds), ringSeconds, "ring must hold some audio");
        _channels = channels;
        int ringFrames = Math.Max(maxBlockFrames * 2, (int)Math.Ceiling(ringSeconds * sampleRateHz));
        _ring = new SpscRing<float>(checked(ringFrames * channels));
        _interleaved = new float[maxBlockFrames * channels];
        _chunk = new float[WriterChunkFrames * channels];
        _planar = new AudioBuffer(channels, WriterChunkFrames);
        _writer = WavWriter.Create(path, new WavFormat(sampleRateHz, channels, sampleFormat));
        Path = path;
        _thread = new Thread(WriterLoop) { IsBackground = true, Name = "mixconsole-soundcheck" };
        _thread.Start();
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Frames handed to <see cref="Capture"/> and accepted into the ring.</summary>
    public long CapturedFrames => Interlocked.Read(ref _captured);

    /// <summary>Frames lost because the ring was full (the disk fell behind by more than the ring holds).</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>Frames written to the file so far.</summary>
    public long WrittenFrames => Interlocked.Read(ref _written);

    /// <summary>Longest period <see cref="Capture"/> takes.</summary>
    public int MaxBlockFrames => _interleaved.Length / _channels;

    /// <summary>Frames the ring can hold.</summary>
    public int RingFrames => _ring.Capacity / _channels;

    /// <summary>The disk error that stopped the writer, if any.</summary>
    public Exception? WriteError => Volatile.Read(ref _writeError);

    /// <summary>Test seam: while true the writer thread does not drain (a stalled disk).</summary>
    internal bool PauseWriter { get; set; }

    /// <summary>
    /// Audio thread: queues the first <paramref name="frames"/> frames of the recorded channels of
    /// <paramref name="input"/> (missing channels record silence). Never blocks or allocates;
    /// a full ring drops the period and counts it.
    /// </summary>
    public void Capture(AudioBuffer input, int frames)
    {
        ArgumentNullException.ThrowIfNull(input);
        int channels = _channels;
        var dst = _interleaved.AsSpan(0, frames * channels);
        int available = Math.Min(channels, input.Channels);
        for (int c = 0; c < channels; c++)
        {
            if (c >= available)
            {
                for (int i = 0, k = c; i < frames; i++, k += channels) dst[k] = 0f;
                continue;
            }
            var src = input.Channel(c, frames);
            for (int i = 0, k = c; i < frames; i++, k += channels) dst[k] = src[i];
        }
        if (_ring.TryWrite(dst)) Interlocked.Add(ref _captured, frames);
        else Interlocked.Add(ref _dropped, frames);
    }

    /// <summary>Drains what is queued, finishes the file (sizes, RF64 if needed) and stops the writer.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        PauseWriter = false;
        Volatile.Write(ref _stop, 1);
        _thread.Join();
        _writer.Dispose();
    }

    private void WriterLoop()
    {
        try
        {
            while (true)
            {
                bool stopping = Volatile.Read(ref _stop) != 0;
                int got = PauseWriter ? 0 : DrainOnce();
                if (got == 0)
                {
                    if (stopping) return;
                    Thread.Sleep(2);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Volatile.Write(ref _writeError, e);
        }
    }

    private int DrainOnce()
    {
        int items = Math.Min(_ring.Count, _chunk.Length);
        items -= items % _channels;
        if (items == 0) return 0;
        int got = _ring.Read(_chunk.AsSpan(0, items));
        int frames = got / _channels;
        for (int c = 0; c < _channels; c++)
        {
            var dst = _planar.Channel(c, frames);
            for (int i = 0, k = c; i < frames; i++, k += _channels) dst[i] = _chunk[k];
        }
        _writer.Write(_planar, frames);
        Interlocked.Add(ref _written, frames);
        return frames;
    }
}
