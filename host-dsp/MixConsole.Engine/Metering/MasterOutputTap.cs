using MixConsole.Dsp.Core;

namespace MixConsole.Engine.Metering;

/// <summary>
/// The master chain's stereo output on its way to the control side's meters: the audio thread writes each block as
/// records of at most <see cref="RecordFrames"/> frames (frame count, the chain's <see cref="MasterChainReadings"/>, then
/// the samples interleaved L, R) into a preallocated <see cref="SpscRing{T}"/>; one control thread reads them. A full
/// ring refuses a whole record and counts its frames in <see cref="LostFrames"/>. Nothing allocates after construction.
/// </summary>
public sealed class MasterOutputTap
{
    /// <summary>Largest record, in frames: a block of any length is cut into records this size.</summary>
    public const int RecordFrames = 256;

    /// <summary>Audio the ring holds, in seconds: how long the control side may fall behind before frames are lost.</summary>
    public const double RingSeconds = 1.0;

    private const int HeaderFloats = 8;

    private readonly SpscRing<float> _ring;
    private readonly float[] _record = new float[HeaderFloats + 2 * RecordFrames];
    private readonly float[] _header = new float[HeaderFloats];
    private long _lostFrames;

    /// <summary>Creates a tap holding <paramref name="ringSeconds"/> (default <see cref="RingSeconds"/>) of stereo audio at <paramref name="sampleRateHz"/>.</summary>
    public MasterOutputTap(double sampleRateHz, double ringSeconds = RingSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRateHz, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ringSeconds, 0);
        SampleRateHz = sampleRateHz;
        int records = (int)Math.Ceiling(sampleRateHz * ringSeconds / RecordFrames);
        _ring = new SpscRing<float>(records * _record.Length);
    }

    /// <summary>Sample rate of the audio, in hertz.</summary>
    public double SampleRateHz { get; }

    /// <summary>Frames refused because the ring was full (the control side fell behind).</summary>
    public long LostFrames => Interlocked.Read(ref _lostFrames);

    /// <summary>Audio thread: publishes the first <paramref name="frames"/> frames of channels 0 and 1 with the limiter's reduction alone.</summary>
    public void Write(AudioBuffer stereo, int frames, float gainReductionDb) =>
        Write(stereo, frames, MasterChainReadings.LimiterOnly(gainReductionDb));

    /// <summary>Audio thread: publishes the first <paramref name="frames"/> frames of channels 0 and 1 with what the chain reported.</summary>
    public void Write(AudioBuffer stereo, int frames, in MasterChainReadings readings)
    {
        for (int offset = 0; offset < frames; offset += RecordFrames)
        {
            int n = Math.Min(RecordFrames, frames - offset);
            ReadOnlySpan<float> left = stereo.Channel(0).Slice(offset, n), right = stereo.Channel(1).Slice(offset, n);
            float[] record = _record;
            record[0] = n;
            record[1] = readings.LimiterReductionDb;
            record[2] = readings.InputPeakLeft;
            record[3] = readings.InputPeakRight;
            record[4] = readings.Band0ReductionDb;
            record[5] = readings.Band1ReductionDb;
            record[6] = readings.Band2ReductionDb;
            record[7] = readings.Band3ReductionDb;
            for (int i = 0; i < n; i++)
            {
                record[HeaderFloats + 2 * i] = left[i];
                record[HeaderFloats + 2 * i + 1] = right[i];
            }

            if (!_ring.TryWrite(record.AsSpan(0, HeaderFloats + 2 * n))) Interlocked.Add(ref _lostFrames, n);
        }
    }

    /// <summary>
    /// Control thread: takes the oldest record into channels 0 and 1 of <paramref name="stereo"/> (room for
    /// <see cref="RecordFrames"/>), using <paramref name="interleaved"/> (2 x <see cref="RecordFrames"/> floats) as scratch.
    /// False when none is waiting.
    /// </summary>
    public bool TryRead(AudioBuffer stereo, Span<float> interleaved, out int frames, out MasterChainReadings readings)
    {
        readings = default;
        // Records go in whole, so a header in the ring means its samples are there too.
        if (_ring.Count < HeaderFloats)
        {
            frames = 0;
            return false;
        }

        _ring.Read(_header);
        frames = (int)_header[0];
        readings.LimiterReductionDb = _header[1];
        readings.InputPeakLeft = _header[2];
        readings.InputPeakRight = _header[3];
        readings.Band0ReductionDb = _header[4];
        readings.Band1ReductionDb = _header[5];
        readings.Band2ReductionDb = _header[6];
        readings.Band3ReductionDb = _header[7];
        Span<float> samples = interleaved.Slice(0, 2 * frames);
        _ring.Read(samples);
        Span<float> left = stereo.Channel(0, frames), right = stereo.Channel(1, frames);
        for (int i = 0; i < frames; i++)
        {
            left[i] = samples[2 * i];
            right[i] = samples[2 * i + 1];
        }

        return true;
    }
}
