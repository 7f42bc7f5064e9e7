using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;
using MixConsole.Dsp.Oversampling;

namespace MixConsole.Benchmarks.Baseline;

// Frozen copy of the product code at b19a289 (before the 2x-aware limiter detector), kept only as the
// "old" side of the same-run speed comparison (LimiterComparison); do not change it.

/// <summary>
/// One lookahead gain computer of <see cref="BaselineTruePeakLimiter"/>: detector = near-ideal 2x half-band then the
/// 8x <see cref="TruePeakInterpolator"/> (16 points per sample); required gain per interval, minimum held
/// over lookahead + 1 intervals (both samples around each interval), a release one-pole that may only rise,
/// then a moving average over the lookahead, applied to the input delayed by <see cref="LatencyFrames"/>.
/// Every averaged value includes the held requirement of the sample it is applied to, so the gain is fully
/// down when the peak arrives.
/// </summary>
internal sealed class BaselineLimiterGainStage
{
    private readonly BaselineHalfBandUpsampler _upsampler;

    /// <summary>A stage whose detector is flat to (0.5 - <paramref name="detectorTransitionWidth"/> / 2) of the rate.</summary>
    public BaselineLimiterGainStage(double detectorTransitionWidth) => _upsampler = new BaselineHalfBandUpsampler(detectorTransitionWidth);
    private TruePeakInterpolator[] _detectors = [];
    private float[][] _doubled = [];
    private float[][] _peaks = [];
    private float[][] _delay = [];
    private float[] _gains = [];
    private int _delayLength, _delayPos;

    // Each sample's gain also honours the intervals this many frames either side: band-limited ringing
    // (an abrupt end, a step) puts an interval's peak under the influence of samples a few frames away.
    private const int NeighbourFrames = 4;

    private int _lookahead;          // W: averaging window and attack length in frames
    private double[] _holdValues = [];
    private long[] _holdIndices = [];
    private int _holdHead, _holdCount;
    private long _requiredCount;

    private MovingAverage _first = new(1), _second = new(1);
    private double _releaseEnvelope = 1, _releaseCoefficient;
    private double _sampleRateHz = 48000;

    private double _releaseMs = 80;
    private float _blockMinGain = 1;

    /// <summary>Release time constant in ms.</summary>
    public double ReleaseMs
    {
        get => _releaseMs;
        set { _releaseMs = value; UpdateRelease(); }
    }

    /// <summary>Delay of this stage in frames: lookahead plus detector delay.</summary>
    public int LatencyFrames => _lookahead + NeighbourFrames + DetectorLatencyFrames;

    /// <summary>Lowest gain during the last block.</summary>
    public float BlockMinGain => _blockMinGain;

    // The interpolator's odd delay L at 2x makes 2x outputs 2n and 2n+1 cover base interval (m-1, m], m = n - D - (L-1)/2.
    private int DetectorLatencyFrames => _upsampler.DelayFrames + (TruePeakInterpolator.Latency - 1) / 2;

    /// <summary>Sizes memory for <paramref name="spec"/> with an attack/hold of <paramref name="lookaheadFrames"/>.</summary>
    public void Prepare(in ProcessSpec spec, int lookaheadFrames)
    {
        if (TruePeakInterpolator.Latency % 2 == 0)
            throw new InvalidOperationException("the detector pairing assumes an odd true-peak interpolator delay");
        _sampleRateHz = spec.SampleRateHz;
        _lookahead = Math.Max(1, lookaheadFrames);
        _detectors = new TruePeakInterpolator[spec.Channels];
        _upsampler.Prepare(spec.Channels, spec.MaxBlockFrames);
        _doubled = new float[spec.Channels][];
        _peaks = new float[spec.Channels][];
        _delay = new float[spec.Channels][];
        _delayLength = LatencyFrames + 1;
        _gains = new float[spec.MaxBlockFrames];
        for (int c = 0; c < spec.Channels; c++)
        {
            _detectors[c] = new TruePeakInterpolator();
            _detectors[c].Prepare(2 * spec.SampleRateHz, 2 * spec.MaxBlockFrames);
            _doubled[c] = new float[2 * spec.MaxBlockFrames];
            _peaks[c] = new float[2 * spec.MaxBlockFrames];
            _delay[c] = new float[_delayLength];
        }
        _holdValues = new double[_lookahead + 2 * NeighbourFrames + 2];
        _holdIndices = new long[_lookahead + 2 * NeighbourFrames + 2];
        // Two boxcars whose combined support is the lookahead: a triangular attack with far less spectral splatter.
        int firstLength = (_lookahead + 2) / 2;
        _first = new MovingAverage(firstLength);
        _second = new MovingAverage(_lookahead + 1 - firstLength);
        UpdateRelease();
        Reset();
    }

    /// <summary>Clears history.</summary>
    public void Reset()
    {
        foreach (var d in _detectors) d.Reset();
        _upsampler.Reset();
        foreach (var d in _delay) Array.Clear(d);
        _delayPos = 0;
        _holdHead = 0;
        _holdCount = 0;
        _requiredCount = 0;
        _first.Reset();
        _second.Reset();
        _releaseEnvelope = 1;
        _blockMinGain = 1;
    }

    /// <summary>Limits <paramref name="buffer"/> in place so its detected true peak stays under <paramref name="ceilingLinear"/>.</summary>
    public void Process(AudioBuffer buffer, int frames, double ceilingLinear)
    {
        int channels = Math.Min(buffer.Channels, _detectors.Length);
        double ceiling = ceilingLinear;
        bool quiet = IsSafelyUnder(buffer, frames, channels, ceiling);
        // A quiet block needs no detection, only the detector history: its last TapsPerPhase 2x samples.
        int firstComputed = quiet ? Math.Max(0, frames - TruePeakInterpolator.TapsPerPhase / 2) : 0;
        for (int c = 0; c < channels; c++)
        {
            Span<float> doubled = _doubled[c].AsSpan(0, 2 * frames);
            _upsampler.Process(c, buffer.Channel(c, frames), doubled, firstComputed);
            if (quiet) _detectors[c].Skip(doubled[(2 * firstComputed)..]);
            else _detectors[c].Process(doubled, _peaks[c].AsSpan(0, 2 * frames));
        }

        double release = _releaseCoefficient;
        int span = _lookahead + 2 * NeighbourFrames + 1;
        float blockMin = 1;
        Span<float> gains = _gains.AsSpan(0, frames);
        for (int i = 0; i < frames; i++)
        {
            double required = 1.0;
            if (!quiet)
            {
                float peak = 0;
                // Two 2x intervals make one base interval (m - 1, m], m = n - DetectorLatencyFrames.
                for (int c = 0; c < channels; c++) peak = MathF.Max(peak, MathF.Max(_peaks[c][2 * i], _peaks[c][2 * i + 1]));
                if (peak > ceiling) required = ceiling / peak;
            }

            double held = PushAndHoldMin(required, span);
            // Release: the envelope may rise only slowly, and never above what the hold demands.
            double env = _releaseEnvelope + (1.0 - _releaseEnvelope) * release;
            if (env > held) env = held;
            _releaseEnvelope = env;

            float g = (float)Math.Min(_second.Push(_first.Push(env)), 1.0);
            gains[i] = g;
            if (g < blockMin) blockMin = g;
        }

        int delayPos = _delayPos, length = _delayLength;
        for (int c = 0; c < channels; c++)
        {
            float[] line = _delay[c];
            Span<float> x = buffer.Channel(c, frames);
            delayPos = _delayPos;
            for (int i = 0; i < x.Length; i++)
            {
                int readPos = delayPos + 1 == length ? 0 : delayPos + 1;
                line[delayPos] = x[i];
                x[i] = line[readPos] * gains[i];
                delayPos = readPos;
            }
        }
        _delayPos = channels > 0 ? delayPos : (_delayPos + frames) % length;
        _blockMinGain = blockMin;
    }

    // True when no detector point of this block can exceed the ceiling: the largest |input| the block's 2x samples
    // depend on, times the half-band's and the 8x interpolator's L1 norms, with room for float rounding.
    private bool IsSafelyUnder(AudioBuffer buffer, int frames, int channels, double ceiling)
    {
        double inputMax = 0, doubledHistoryMax = 0;
        for (int c = 0; c < channels; c++)
        {
            inputMax = Math.Max(inputMax, Math.Max(_upsampler.HistoryAbsMax(c), AbsMax(buffer.Channel(c, frames))));
            doubledHistoryMax = Math.Max(doubledHistoryMax, _detectors[c].HistoryAbsMax());
        }
        double bound = Math.Max(inputMax * _upsampler.OddL1Norm, doubledHistoryMax) * TruePeakInterpolator.MaxPhaseL1Norm;
        return bound * (1 + 1e-3) < ceiling;
    }

    private static float AbsMax(ReadOnlySpan<float> x)
    {
        float max = 0;
        for (int i = 0; i < x.Length; i++) max = MathF.Max(max, MathF.Abs(x[i]));
        return max;
    }

    // Monotonic deque: the minimum of the last `span` required gains in O(1) amortised time.
    private double PushAndHoldMin(double value, int span)
    {
        long index = _requiredCount++;
        int capacity = _holdValues.Length;
        while (_holdCount > 0)
        {
            int tail = _holdHead + _holdCount - 1;
            if (tail >= capacity) tail -= capacity;
            if (_holdValues[tail] < value) break;
            _holdCount--;
        }
        int slot = _holdHead + _holdCount;
        if (slot >= capacity) slot -= capacity;
        _holdValues[slot] = value;
        _holdIndices[slot] = index;
        _holdCount++;
        while (_holdIndices[_holdHead] <= index - span)
        {
            if (++_holdHead == capacity) _holdHead = 0;
            _holdCount--;
        }
        return _holdValues[_holdHead];
    }

    private void UpdateRelease() => _releaseCoefficient = 1 - Math.Exp(-1 / (_releaseMs * 1e-3 * _sampleRateHz));

    // Running mean of the last Length values; re-summed exactly once per lap so rounding cannot drift.
    private sealed class MovingAverage(int length)
    {
        private readonly double[] _ring = new double[length];
        private readonly double _inverse = 1.0 / length;
        private int _pos;
        private double _sum;

        public void Reset()
        {
            Array.Fill(_ring, 1.0);
            _pos = 0;
            _sum = _ring.Length;
        }

        public double Push(double value)
        {
            _sum += value - _ring[_pos];
            _ring[_pos] = value;
            if (++_pos == _ring.Length)
            {
                _pos = 0;
                double exact = 0;
                for (int k = 0; k < _ring.Length; k++) exact += _ring[k];
                _sum = exact;
            }
            return _sum * _inverse;
        }
    }
}
