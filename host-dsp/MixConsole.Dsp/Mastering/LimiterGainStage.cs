using MixConsole.Dsp.Core;
using MixConsole.Dsp.Lanes;
using MixConsole.Dsp.Oversampling;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// One lookahead gain computer of <see cref="TruePeakLimiter"/>: detector = near-ideal 2x half-band then the
/// short 8x <see cref="DoubledRatePeakInterpolator"/> (16 points per sample); required gain per interval, minimum
/// held over lookahead + 1 intervals (both samples around each interval), a release one-pole that may only rise,
/// then a moving average over the lookahead, applied to the input delayed by <see cref="LatencyFrames"/>.
/// Every averaged value includes the held requirement of the sample it is applied to, so the gain is fully
/// down when the peak arrives.
/// </summary>
internal sealed class LimiterGainStage
{
    private readonly HalfBandUpsampler _upsampler;

    /// <summary>A stage whose detector is flat to (0.5 - <paramref name="detectorTransitionWidth"/> / 2) of the rate.</summary>
    public LimiterGainStage(double detectorTransitionWidth) => _upsampler = new HalfBandUpsampler(detectorTransitionWidth);
    private DoubledRatePeakInterpolator[] _detectors = [];
    // libebur128's own reading, lined up with the detectors: its phases over-read dense limited material.
    private Ebur128PeakInterpolator[] _commonMeters = [];
    private double _commonMeterL1Norm = 1;
    private float[] _even = [], _odd = [];
    private float[] _peaks = [];
    private float[][] _delay = [];
    private float[] _gains = [];
    private int _delayLength, _delayPos;
    // After a block proved quiet the detector history is not computed; the next detected block recomputes it by look-back.
    private bool _detectorStale;
    // While stale: every 2x sample of the last look-back frames is under this (the limit the last quiet block was proved
    // against), so a block whose limit is at least this need not prove its look-back again. It holds for blocks shorter
    // than the look-back too: a proof either covered the look-back under its own limit or skipped it under a lower one.
    private double _provenLimit = double.PositiveInfinity;
    // The gain computer is at a fixed point (fully recovered, every ring settled): a block without detection only moves positions.
    private bool _atRest;
    // Largest |input| (over the channels) of each recent block and its length, in a ring: bounds the filters' input
    // histories without scanning them.
    private float[] _recentMax = [];
    // This block's largest |input| per channel.
    private float[] _channelMax = [];
    private int[] _recentFrames = [];
    private int _recentPos;

    // Each sample's gain also honours the intervals this many frames either side: band-limited ringing
    // (an abrupt end, a step) puts an interval's peak under the influence of samples a few frames away.
    private const int NeighbourFrames = 4;

    private int _lookahead;          // W: averaging window and attack length in frames
    private double[] _holdValues = [];
    private long[] _holdIndices = [];
    private int _holdHead, _holdCount;
    private long _requiredCount;

    // Two boxcars whose combined support is the lookahead: running sums, re-summed exactly once per lap so rounding cannot drift.
    private double[] _firstRing = [], _secondRing = [];
    private int _firstPos, _secondPos;
    private double _firstSum, _secondSum;
    // The release envelope is kept as its depth 1 - envelope: one multiply and one maximum per sample on the serial path.
    private double _releaseDepth, _releaseDecay;
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

    // The half-band's even output is the input D frames late; the detector's output i covers its interval (m - 1, m], m = i - latency.
    private int DetectorLatencyFrames => _upsampler.DelayFrames + DoubledRatePeakInterpolator.LatencyFrames;

    /// <summary>Sizes memory for <paramref name="spec"/> with an attack/hold of <paramref name="lookaheadFrames"/>.</summary>
    public void Prepare(in ProcessSpec spec, int lookaheadFrames)
    {
        _sampleRateHz = spec.SampleRateHz;
        _lookahead = Math.Max(1, lookaheadFrames);
        _detectors = new DoubledRatePeakInterpolator[spec.Channels];
        _commonMeters = new Ebur128PeakInterpolator[spec.Channels];
        _commonMeterL1Norm = Ebur128PeakInterpolator.MaxPhaseL1Norm(spec.SampleRateHz);
        // Its output n spans [n - L, n - L + 1); the detectors' output i the interval (m - 1, m], m = i - latency.
        int commonDelay = Math.Max(0, DetectorLatencyFrames - Ebur128PeakInterpolator.IntrinsicLatencyFor(spec.SampleRateHz) + 1);
        _upsampler.Prepare(spec.Channels, spec.MaxBlockFrames, DoubledRatePeakInterpolator.HistoryFrames);
        _even = new float[DoubledRatePeakInterpolator.HistoryFrames + spec.MaxBlockFrames];
        _odd = new float[DoubledRatePeakInterpolator.HistoryFrames + spec.MaxBlockFrames];
        _peaks = new float[spec.MaxBlockFrames];
        _delay = new float[spec.Channels][];
        // A ring long enough that a whole block is written before any of it is read back.
        _delayLength = LatencyFrames + spec.MaxBlockFrames;
        _gains = new float[spec.MaxBlockFrames];
        for (int c = 0; c < spec.Channels; c++)
        {
            _detectors[c] = new DoubledRatePeakInterpolator();
            _detectors[c].Prepare(spec.MaxBlockFrames);
            _commonMeters[c] = new Ebur128PeakInterpolator();
            _commonMeters[c].Prepare(spec.SampleRateHz, spec.MaxBlockFrames, commonDelay);
            _delay[c] = new float[_delayLength];
        }
        // One slot per frame of the longest history, plus this block's: enough even for blocks of one frame.
        int recent = Math.Max(_upsampler.HistoryFrames, _commonMeters.Length > 0 ? _commonMeters[0].HistoryFrames : 0) + 2;
        _recentMax = new float[recent];
        _channelMax = new float[spec.Channels];
        _recentFrames = new int[recent];
        _holdValues = new double[_lookahead + 2 * NeighbourFrames + 2];
        _holdIndices = new long[_lookahead + 2 * NeighbourFrames + 2];
        int firstLength = (_lookahead + 2) / 2;
        _firstRing = new double[firstLength];
        _secondRing = new double[_lookahead + 1 - firstLength];
        UpdateRelease();
        Reset();
    }

    /// <summary>Clears history.</summary>
    public void Reset()
    {
        foreach (var d in _detectors) d.Reset();
        foreach (var m in _commonMeters) m.Reset();
        _upsampler.Reset();
        foreach (var d in _delay) Array.Clear(d);
        _delayPos = 0;
        _detectorStale = false;
        _provenLimit = double.PositiveInfinity;
        Array.Clear(_recentMax);
        Array.Clear(_recentFrames);
        _recentPos = 0;
        _holdHead = 0;
        _holdCount = 0;
        _requiredCount = 0;
        Array.Fill(_firstRing, 1.0);
        Array.Fill(_secondRing, 1.0);
        _firstPos = _secondPos = 0;
        _firstSum = _firstRing.Length;
        _secondSum = _secondRing.Length;
        _releaseDepth = 0;
        _blockMinGain = 1;
        _atRest = false;
    }

    /// <summary>
    /// True (default) to skip the detectors that provably cannot reach the ceiling in a block (bounds from the
    /// filters' L1 norms; an interval whose peak stays under the ceiling needs no gain, so the output is the same);
    /// false runs every detector on every block.
    /// </summary>
    public bool SkipsProvenQuiet { get; set; } = true;

    /// <summary>Blocks in which the half-band and 8x detectors ran (for tests of the skip).</summary>
    internal long DoubledRateBlocks { get; private set; }

    /// <summary>Limits <paramref name="buffer"/> in place so its detected true peak stays under <paramref name="ceilingLinear"/>.</summary>
    public void Process(AudioBuffer buffer, int frames, double ceilingLinear)
    {
        int channels = Math.Min(buffer.Channels, _detectors.Length);
        double ceiling = ceilingLinear;
        Span<float> peaks = _peaks.AsSpan(0, frames);
        // Float rounding in the filters is far below a thousandth of their L1 norms times the input.
        const double Room = 1 + 1e-3;
        double interpolatorNorm = DoubledRatePeakInterpolator.MaxPhaseL1Norm * Room;
        bool doubled = true, common = true;
        if (SkipsProvenQuiet)
        {
            double inputMax = BlockAbsMax(buffer, frames, channels);
            double doubledRecent = RecentAbsMax(_upsampler.HistoryFrames, _commonMeters.Length > 0 ? _commonMeters[0].HistoryFrames : 0, out double commonRecent);
            double doubledMax = Math.Max(inputMax, doubledRecent);
            double commonMax = Math.Max(inputMax, commonRecent);
            common = !(commonMax * _commonMeterL1Norm * Room < ceiling); // NaN counts as loud
            // The 2x samples the block's 8x points read: the half-band's outputs over the look-back and the block
            // (a stale detector's history is among them; a current one holds exact samples of its own). Every one
            // under `limit` keeps every 8x point under the ceiling.
            double limit = ceiling / interpolatorNorm;
            double historyMax = _detectorStale ? 0 : MaxDetectorHistory(channels);
            doubled = !(doubledMax * _upsampler.OddL1Norm < limit) || !(historyMax < limit);
            if (doubled && doubledMax < limit && historyMax < limit)
            {
                // The look-back's 2x samples are the current detector's history (checked above) or were proved under a limit no higher.
                int lookBack = _detectorStale && !(limit >= _provenLimit) ? DoubledRatePeakInterpolator.HistoryFrames : 0;
                doubled = false;
                for (int c = 0; c < channels && !doubled; c++)
                    doubled = !_upsampler.OddProvablyUnder(c, buffer.Channel(c, frames), _channelMax[c], (float)doubledMax, limit, lookBack);
            }
            if (!doubled) _provenLimit = limit;
        }

        bool started = false;
        if (doubled)
        {
            DoubledRateBlocks++;
            int back = _detectorStale ? DoubledRatePeakInterpolator.HistoryFrames : 0;
            Span<float> even = _even.AsSpan(0, back + frames), odd = _odd.AsSpan(0, back + frames);
            for (int c = 0; c < channels; c++)
            {
                _upsampler.Process(c, buffer.Channel(c, frames), even, odd, back);
                if (back > 0) _detectors[c].Skip(even[..back], odd[..back]);
                _detectors[c].Process(even[back..], odd[back..], peaks, accumulate: started); // the linked peak: the loudest channel
                started = true;
            }
            _detectorStale = false;
        }
        else
        {
            // No 8x detection: the half-band only keeps its input history; the next detected block recomputes the look-back.
            for (int c = 0; c < channels; c++) _upsampler.Advance(c, buffer.Channel(c, frames));
            _detectorStale = true;
        }
        for (int c = 0; c < channels; c++)
        {
            if (!common) { _commonMeters[c].Advance(buffer.Channel(c, frames)); continue; }
            if (!started) peaks.Clear();
            started = true;
            _commonMeters[c].Process(buffer.Channel(c, frames), peaks);
        }

        if (!SkipsProvenQuiet) BlockAbsMax(buffer, frames, channels);
        float blockMin = ComputeGains(started ? peaks : ReadOnlySpan<float>.Empty, frames, ceiling);
        ApplyDelayed(buffer, frames, channels);
        _blockMinGain = blockMin;
    }

    // The block's largest |input| over the channels (each channel's kept), also kept with its length as the newest of the recent blocks.
    private double BlockAbsMax(AudioBuffer buffer, int frames, int channels)
    {
        float max = 0;
        for (int c = 0; c < channels; c++)
        {
            _channelMax[c] = VectorMath.AbsMax(buffer.Channel(c, frames));
            max = MathF.Max(max, _channelMax[c]);
        }
        if (frames > 0)
        {
            _recentMax[_recentPos] = max;
            _recentFrames[_recentPos] = frames;
            if (++_recentPos == _recentMax.Length) _recentPos = 0;
        }
        return max;
    }

    // At least the largest |input| among the last `frames` samples before this block (whole recent blocks, so maybe more),
    // and the same for `otherFrames`, in one walk; slots never written stand for the silence a reset history holds.
    private double RecentAbsMax(int frames, int otherFrames, out double otherMax)
    {
        double max = 0;
        otherMax = 0;
        int covered = 0, at = _recentPos - 1, longest = Math.Max(frames, otherFrames); // the newest slot is this block's own: skipped
        for (int k = 1; k < _recentMax.Length && covered < longest; k++)
        {
            if (--at < 0) at += _recentMax.Length;
            int length = _recentFrames[at];
            if (length == 0) break;
            double value = _recentMax[at];
            if (covered < frames) max = Math.Max(max, value);
            if (covered < otherFrames) otherMax = Math.Max(otherMax, value);
            covered += length;
        }
        return max;
    }

    private double MaxDetectorHistory(int channels)
    {
        double max = 0;
        for (int c = 0; c < channels; c++) max = Math.Max(max, _detectors[c].HistoryAbsMax());
        return max;
    }

    // The serial part: required gain per interval, held minimum, release, two moving averages. Fields live in
    // locals for the block; the arithmetic is per sample and in the same order whatever the block size.
    private float ComputeGains(ReadOnlySpan<float> peaks, int frames, double ceiling)
    {
        double decay = _releaseDecay, depth = _releaseDepth;
        int span = _lookahead + 2 * NeighbourFrames + 1;
        double[] holdValues = _holdValues;
        long[] holdIndices = _holdIndices;
        int capacity = holdValues.Length, head = _holdHead, count = _holdCount;
        long index = _requiredCount;
        double[] ring1 = _firstRing, ring2 = _secondRing;
        int pos1 = _firstPos, pos2 = _secondPos;
        double sum1 = _firstSum, sum2 = _secondSum;
        double inverse1 = 1.0 / ring1.Length, inverse2 = 1.0 / ring2.Length;
        // Peaks at or under the ceiling ask for no gain: such a block is the same as one without detection.
        bool detect = !peaks.IsEmpty && !(VectorMath.AbsMax(peaks) <= ceiling); // NaN: the per-sample path
        float blockMin = 1;
        Span<float> gains = _gains.AsSpan(0, frames);
        if (!detect && _atRest)
        {
            // At rest every step below leaves every value as it is: only the positions move.
            float rest = (float)Math.Min(sum2 * inverse2, 1.0);
            gains.Fill(rest);
            index += frames;
            holdIndices[head] = index - 1;
            _requiredCount = index;
            _firstPos = Advance(pos1, frames, ring1.Length);
            _secondPos = Advance(pos2, frames, ring2.Length);
            return Math.Min(rest, 1f);
        }
        for (int i = 0; i < frames; i++)
        {
            double required = 1.0;
            if (detect)
            {
                float peak = peaks[i];
                if (peak > ceiling) required = ceiling / peak;
            }

            // Monotonic deque: the minimum of the last `span` required gains in O(1) amortised time.
            while (count > 0)
            {
                int tail = head + count - 1;
                if (tail >= capacity) tail -= capacity;
                if (holdValues[tail] < required) break;
                count--;
            }
            int slot = head + count;
            if (slot >= capacity) slot -= capacity;
            holdValues[slot] = required;
            holdIndices[slot] = index;
            count++;
            while (holdIndices[head] <= index - span)
            {
                if (++head == capacity) head = 0;
                count--;
            }
            index++;
            double held = holdValues[head];

            // Release: the envelope may rise only slowly (its depth decays), and never above what the hold demands.
            depth *= decay;
            double demanded = 1.0 - held;
            if (depth < demanded) depth = demanded;
            if (depth < 1e-30) depth = 0; // fully recovered: no denormals on the way to zero
            double env = 1.0 - depth;

            sum1 += env - ring1[pos1];
            ring1[pos1] = env;
            if (++pos1 == ring1.Length) { pos1 = 0; sum1 = ExactSum(ring1); }
            double first = sum1 * inverse1;
            sum2 += first - ring2[pos2];
            ring2[pos2] = first;
            if (++pos2 == ring2.Length) { pos2 = 0; sum2 = ExactSum(ring2); }

            float g = (float)Math.Min(sum2 * inverse2, 1.0);
            gains[i] = g;
            if (g < blockMin) blockMin = g;
        }
        _releaseDepth = depth;
        _holdHead = head;
        _holdCount = count;
        _requiredCount = index;
        _firstPos = pos1;
        _secondPos = pos2;
        _firstSum = sum1;
        _secondSum = sum2;
        _atRest = depth == 0 && count == 1 && holdValues[head] == 1.0 && IsSettled(ring1, 1.0, sum1) && IsSettled(ring2, sum1 * inverse1, sum2);
        return blockMin;
    }

    // A ring position moved on by `frames`: blocks shorter than the ring wrap once at most, so the division is rare.
    private static int Advance(int pos, int frames, int length)
    {
        int next = pos + frames;
        if (next < length) return next;
        return next - length < length ? next - length : next % length;
    }

    // A ring at rest holds one value everywhere, and its running sum is what the next lap's exact sum will be.
    private static bool IsSettled(double[] ring, double value, double sum)
    {
        foreach (double v in ring)
            if (v != value) return false;
        return sum == ExactSum(ring);
    }

    private static double ExactSum(double[] ring)
    {
        double exact = 0;
        for (int k = 0; k < ring.Length; k++) exact += ring[k];
        return exact;
    }

    // Writes the block into each channel's ring, then reads it back LatencyFrames late times the gain row.
    private void ApplyDelayed(AudioBuffer buffer, int frames, int channels)
    {
        int length = _delayLength, latency = LatencyFrames;
        int write = _delayPos, read = write - latency;
        if (read < 0) read += length;
        ReadOnlySpan<float> gains = _gains.AsSpan(0, frames);
        for (int c = 0; c < channels; c++)
        {
            float[] line = _delay[c];
            Span<float> x = buffer.Channel(c, frames);
            int first = Math.Min(frames, length - write);
            x[..first].CopyTo(line.AsSpan(write));
            x[first..].CopyTo(line);
            first = Math.Min(frames, length - read);
            VectorMath.Multiply(line.AsSpan(read, first), gains, x[..first]);
            VectorMath.Multiply(line.AsSpan(0, frames - first), gains[first..], x[first..]);
        }
        _delayPos = write + frames >= length ? write + frames - length : write + frames;
    }

    private void UpdateRelease() => _releaseDecay = Math.Exp(-1 / (_releaseMs * 1e-3 * _sampleRateHz));
}
