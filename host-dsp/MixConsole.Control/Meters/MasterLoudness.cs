using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Engine.Metering;

namespace MixConsole.Control.Meters;

/// <summary>
/// The mastering box's output loudness on the control side: <see cref="Update"/> drains the audio thread's
/// <see cref="MasterOutputTap"/> into an EBU R128 <see cref="LoudnessMeter"/> (the one <c>analyze</c> uses: momentary,
/// short-term, integrated, LRA, 8x true peak); <see cref="Read"/> answers any thread; <see cref="Reset"/> restarts
/// every reading. The limiter's gain reduction is the deepest the chain reported over the last 10 ms of audio.
/// Allocation-free after construction; a short lock keeps readers and the one updater apart (control side only).
/// </summary>
public sealed class MasterLoudness
{
    private readonly MasterOutputTap _tap;
    private readonly LoudnessMeter _meter = new();
    private readonly AudioBuffer _block = new(2, MasterOutputTap.RecordFrames);
    private readonly float[] _interleaved = new float[2 * MasterOutputTap.RecordFrames];
    private readonly int _holdFrames;
    private readonly object _gate = new();
    private readonly MasterChainMeters _chainMeters;
    private float _reductionHeldDb, _reductionDb;
    private int _heldFrames;
    private long _framesMetered;

    /// <summary>Meters what <paramref name="tap"/> carries.</summary>
    public MasterLoudness(MasterOutputTap tap)
    {
        _tap = tap ?? throw new ArgumentNullException(nameof(tap));
        _meter.Prepare(new ProcessSpec(tap.SampleRateHz, MasterOutputTap.RecordFrames, 2));
        _holdFrames = Math.Max(1, (int)(tap.SampleRateHz / 100));
        _chainMeters = new MasterChainMeters(tap.SampleRateHz);
    }

    /// <summary>Frames metered since start (resets do not restart it).</summary>
    public long FramesMetered => Interlocked.Read(ref _framesMetered);

    /// <summary>Frames the audio thread could not hand over (the control side fell behind): the readings miss them.</summary>
    public long FramesLost => _tap.LostFrames;

    /// <summary>One control thread: meters every record waiting in the tap.</summary>
    public void Update()
    {
        while (true)
        {
            lock (_gate)
            {
                if (!_tap.TryRead(_block, _interleaved, out int frames, out MasterChainReadings readings)) return;
                _meter.Process(_block, frames);
                _chainMeters.Add(_block, frames, readings);
                float reductionDb = readings.LimiterReductionDb;
                Interlocked.Add(ref _framesMetered, frames);
                if (reductionDb > _reductionHeldDb) _reductionHeldDb = reductionDb;
                _heldFrames += frames;
                if (_heldFrames >= _holdFrames)
                {
                    _reductionDb = _reductionHeldDb;
                    _reductionHeldDb = 0;
                    _heldFrames = 0;
                }
            }
        }
    }

    /// <summary>
    /// The control thread that updates: writes the chain's meter section (and the output peaks as the main bus's) into
    /// <paramref name="linear"/> at <paramref name="layout"/>'s indices, held since the last take; false when no audio came since.
    /// </summary>
    public bool TryTakeChainMeters(Span<float> linear, OscMeterLayout layout)
    {
        lock (_gate) return _chainMeters.TryTake(linear, layout);
    }

    /// <summary>Any thread: restarts momentary, short-term, integrated, LRA and the true-peak maximum from the next sample.</summary>
    public void Reset()
    {
        lock (_gate) _meter.Reset();
    }

    /// <summary>Any thread: the readings now (-inf LUFS / dBTP where there is nothing to measure yet, LRA 0).</summary>
    public MasterLoudnessReading Read()
    {
        lock (_gate)
        {
            return new MasterLoudnessReading(
                (float)_meter.MomentaryLufs, (float)_meter.ShortTermLufs, (float)_meter.IntegratedLufs,
                (float)_meter.LoudnessRangeLu, (float)_meter.TruePeakDbtp, _reductionDb);
        }
    }
}
