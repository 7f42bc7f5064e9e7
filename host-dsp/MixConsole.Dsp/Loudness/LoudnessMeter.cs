using System.Runtime.InteropServices;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Oversampling;

namespace MixConsole.Dsp.Loudness;

/// <summary>
/// Streaming loudness meter per ITU-R BS.1770-5, EBU R128, EBU Tech 3341 and Tech 3342: momentary
/// (400 ms), short-term (3 s), integrated (gated), loudness range, their maxima, sample peak and
/// 8x true peak per channel. The same object meters a live stream and a whole file: after
/// <see cref="Prepare(in ProcessSpec, ChannelWeights?, LoudnessMeterOptions?)"/> it allocates
/// nothing, and its memory does not grow with the length of the programme.
/// </summary>
/// <remarks>
/// <para>Timing: energy is gathered in 10 ms sub-blocks (floor(k * fs / 100) boundaries, so
/// 44.1 kHz and odd rates are exact on average). Momentary and short-term values update at every
/// 10 ms boundary; the integrated gating blocks (400 ms, 75 % overlap) and the LRA short-term
/// values are taken every 100 ms. At stream start the windows count the time before the first
/// sample as silence, as libebur128 does.</para>
/// <para>Silence: <see cref="MomentaryLufs"/>, <see cref="ShortTermLufs"/>, the maxima and
/// <see cref="IntegratedLufs"/> are negative infinity when there is nothing to measure (digital
/// silence, or no gating block above -70 LUFS); <see cref="LoudnessRangeLu"/> is 0 when fewer than
/// one short-term value passes its gates (including programmes shorter than 3 s); peaks are
/// negative infinity dB (linear 0). The <c>TryGet...</c> methods return false in those cases.</para>
/// <para>True peak has a latency of <see cref="TruePeakInterpolator.Latency"/> (15) samples: the
/// interpolated points between the last few samples are counted once later audio arrives; the
/// last samples themselves always count (the reading is never below the sample peak).</para>
/// <para>NaN samples (corrupt input) are not counted in peaks, maxima or gating, and the filters
/// recover at the next block; windows holding them read NaN until they have passed.</para>
/// <para><see cref="Process(AudioBuffer, int)"/> never modifies the audio. Read-outs may be called between blocks on
/// the processing thread; they compute from the histograms without allocating.</para>
/// </remarks>
public sealed class LoudnessMeter : IAudioProcessor
{
    private const int SubBlocksPerSecond = 100;
    private const int MomentarySubBlocks = 40;
    private const int ShortTermSubBlocks = 300;
    private const int SubBlocksPerGatingStep = 10;
    private const double IntegratedRelativeGateLu = -10.0;
    private const double RangeRelativeGateLu = -20.0;
    // Keeps the skip exact despite float rounding inside the interpolator's sums.
    private const float SkipSafety = 1.0f + 1e-5f;

    private ProcessSpec _spec;
    private LoudnessMeterOptions _options = LoudnessMeterOptions.Default;
    private ChannelWeights? _weights;
    private double[] _weightOf = [];
    private int[] _measured = [];
    private KWeightingFilter[] _filters = [];
    private TruePeakInterpolator[] _interpolators = [];
    private float[] _samplePeak = [];
    private float[] _truePeak = [];
    private double[] _ringEnergy = [];
    private int[] _ringFrames = [];
    // The last block, kept for a twin meter of the same audio (Options.KeepsLastBlock): its samples, the filters as they
    // stood before it, and per stretch between sub-block boundaries its length and weighted sum; its sample peaks.
    private AudioBuffer? _lastBlock;
    private int _lastFrames = -1;
    private KWeightingFilter[] _lastStart = [];
    private int[] _lastStretchFrames = [];
    private double[] _lastStretchEnergy = [];
    private int _lastStretches;
    private float[] _lastPeak = [];
    private readonly GatingHistogram _integrated = new();
    private readonly GatingHistogram _range = new();

    private int _ringPos;
    private long _subBlocks;
    private int _framesToBoundary;
    private int _subBlockFrames;
    private double _subBlockEnergy;
    private long _framesProcessed;
    private double _momentaryEnergy;
    private double _shortTermEnergy;
    // Both loudnesses of the windows above, converted once per sub-block: readers ask every audio block.
    private double _momentaryLufs = double.NegativeInfinity, _shortTermLufs = double.NegativeInfinity;
    private double _maxMomentaryEnergy;
    private double _maxShortTermEnergy;

    /// <summary>Sample rate prepared for, in hertz.</summary>
    public double SampleRateHz => _spec.SampleRateHz;

    /// <summary>Number of channels prepared for.</summary>
    public int Channels => _spec.Channels;

    /// <summary>Channel weights in use (null before Prepare).</summary>
    public ChannelWeights? Weights => _weights;

    /// <summary>Options in use.</summary>
    public LoudnessMeterOptions Options => _options;

    /// <summary>True when true peak is measured (see <see cref="LoudnessMeterOptions.MeasureTruePeak"/>).</summary>
    public bool MeasuresTruePeak => _options.MeasureTruePeak;

    /// <summary>Frames measured since Prepare or Reset.</summary>
    public long FramesProcessed => _framesProcessed;

    /// <summary>Channel blocks whose true peak was interpolated (diagnostic).</summary>
    public long TruePeakBlocksInterpolated { get; private set; }

    /// <summary>Channel blocks proved unable to raise the true peak and not interpolated (diagnostic).</summary>
    public long TruePeakBlocksSkipped { get; private set; }

    /// <summary>Blocks measured with a twin's K-weighted sums (diagnostic).</summary>
    internal long BlocksReused { get; private set; }

    /// <summary>The meter outputs numbers, not audio: 0.</summary>
    public int LatencyFrames => 0;

    /// <summary>Momentary loudness (last 400 ms, ungated), LUFS; negative infinity for silence.</summary>
    public double MomentaryLufs => _momentaryLufs;

    /// <summary>Short-term loudness (last 3 s, ungated), LUFS; negative infinity for silence.</summary>
    public double ShortTermLufs => _shortTermLufs;

    /// <summary>Largest momentary loudness seen (10 ms resolution), LUFS; negative infinity for silence.</summary>
    public double MaxMomentaryLufs => GatingHistogram.EnergyToLoudness(_maxMomentaryEnergy);

    /// <summary>Largest short-term loudness seen (10 ms resolution), LUFS; negative infinity for silence.</summary>
    public double MaxShortTermLufs => GatingHistogram.EnergyToLoudness(_maxShortTermEnergy);

    /// <summary>Integrated (programme) loudness, LUFS; negative infinity when no block passes the gates.</summary>
    public double IntegratedLufs => TryGetIntegratedLufs(out double lufs) ? lufs : double.NegativeInfinity;

    /// <summary>Loudness range per Tech 3342, LU; 0 when no short-term value passes the gates.</summary>
    public double LoudnessRangeLu => TryGetLoudnessRangeLu(out double lu) ? lu : 0.0;

    /// <summary>Largest sample peak over all channels, dBFS; negative infinity for silence.</summary>
    public double SamplePeakDbfs => Decibels.FromGain(MaxOver(_samplePeak));

    /// <summary>Largest true peak over all channels, dBTP; negative infinity for silence.</summary>
    /// <exception cref="InvalidOperationException">True peak is not measured (see <see cref="MeasuresTruePeak"/>).</exception>
    public double TruePeakDbtp => TryGetTruePeakDbtp(out double db)
        ? db
        : throw new InvalidOperationException("This meter was prepared without true-peak measurement.");

    /// <summary>Integrated loudness; false when no 400 ms block has passed the absolute and relative gates.</summary>
    /// <param name="lufs">Integrated loudness in LUFS.</param>
    public bool TryGetIntegratedLufs(out double lufs)
    {
        if (_integrated.TryGatedMeanEnergy(IntegratedRelativeGateLu, out double energy, out _))
        {
            lufs = GatingHistogram.EnergyToLoudness(energy);
            return true;
        }
        lufs = double.NegativeInfinity;
        return false;
    }

    /// <summary>Loudness range; false when no short-term value has passed its gates.</summary>
    /// <param name="lu">95th minus 10th percentile of the gated short-term loudness, LU.</param>
    public bool TryGetLoudnessRangeLu(out double lu) =>
        _range.TryPercentileRange(RangeRelativeGateLu, 0.10, 0.95, out lu);

    /// <summary>Largest true peak over all channels; false when true peak is not measured.</summary>
    /// <param name="dbtp">True peak in dBTP (negative infinity for silence).</param>
    public bool TryGetTruePeakDbtp(out double dbtp)
    {
        dbtp = _options.MeasureTruePeak ? Decibels.FromGain(MaxOver(_truePeak)) : double.NegativeInfinity;
        return _options.MeasureTruePeak;
    }

    /// <summary>Largest |sample| of channel <paramref name="channel"/>, linear (1.0 = 0 dBFS).</summary>
    /// <param name="channel">Zero-based channel.</param>
    public double ChannelSamplePeak(int channel) => _samplePeak[channel];

    /// <summary>True peak of channel <paramref name="channel"/>, linear (1.0 = 0 dBTP).</summary>
    /// <param name="channel">Zero-based channel.</param>
    /// <exception cref="InvalidOperationException">True peak is not measured.</exception>
    public double ChannelTruePeak(int channel) => _options.MeasureTruePeak
        ? _truePeak[channel]
        : throw new InvalidOperationException("This meter was prepared without true-peak measurement.");

    /// <inheritdoc />
    void IAudioProcessor.Prepare(in ProcessSpec spec) => Prepare(spec);

    /// <summary>
    /// Sizes every buffer for <paramref name="spec"/> and clears all measurements.
    /// </summary>
    /// <param name="spec">Sample rate, largest block and channel count.</param>
    /// <param name="weights">Per-channel weights; null for <see cref="ChannelWeights.ForChannelCount"/>.</param>
    /// <param name="options">What to measure; null for <see cref="LoudnessMeterOptions.Default"/>.</param>
    public void Prepare(in ProcessSpec spec, ChannelWeights? weights = null, LoudnessMeterOptions? options = null)
    {
        spec.Validate();
        if (weights is not null && weights.Count != spec.Channels)
            throw new ArgumentException($"{weights.Count} channel weights given for {spec.Channels} channels", nameof(weights));
        _spec = spec;
        _options = options ?? LoudnessMeterOptions.Default;
        _weights = weights ?? ChannelWeights.ForChannelCount(spec.Channels);
        _weightOf = new double[spec.Channels];
        _weights.CopyTo(_weightOf);

        int measured = 0;
        for (int c = 0; c < spec.Channels; c++)
            measured += _weightOf[c] > 0 ? 1 : 0;
        _measured = new int[measured];
        for (int c = 0, i = 0; c < spec.Channels; c++)
        {
            if (_weightOf[c] > 0)
                _measured[i++] = c;
        }

        _filters = new KWeightingFilter[spec.Channels];
        for (int c = 0; c < spec.Channels; c++)
            _filters[c] = new KWeightingFilter(spec.SampleRateHz);
        _interpolators = _options.MeasureTruePeak ? new TruePeakInterpolator[spec.Channels] : [];
        for (int c = 0; c < _interpolators.Length; c++)
        {
            _interpolators[c] = new TruePeakInterpolator();
            _interpolators[c].Prepare(spec.SampleRateHz, spec.MaxBlockFrames);
        }
        _samplePeak = new float[spec.Channels];
        _truePeak = new float[spec.Channels];
        if (_options.KeepsLastBlock)
        {
            _lastBlock = new AudioBuffer(spec.Channels, spec.MaxBlockFrames);
            _lastStart = new KWeightingFilter[spec.Channels];
            for (int c = 0; c < spec.Channels; c++)
                _lastStart[c] = new KWeightingFilter(spec.SampleRateHz);
            int stretches = spec.MaxBlockFrames / Math.Max(1, SubBlockLength(0) - 1) + 2;
            _lastStretchFrames = new int[stretches];
            _lastStretchEnergy = new double[stretches];
            _lastPeak = new float[spec.Channels];
        }
        else
        {
            _lastBlock = null;
        }
        _ringEnergy = new double[ShortTermSubBlocks];
        _ringFrames = new int[ShortTermSubBlocks];
        Reset();
    }

    /// <summary>Clears every measurement and filter history; keeps sample rate, weights and options.</summary>
    public void Reset()
    {
        EnsurePrepared();
        foreach (KWeightingFilter f in _filters)
            f.Reset();
        foreach (TruePeakInterpolator i in _interpolators)
            i.Reset();
        Array.Clear(_samplePeak);
        Array.Clear(_truePeak);
        Array.Clear(_ringEnergy);
        // The time before the first sample counts as silence of nominal length.
        Array.Fill(_ringFrames, (int)Math.Round(_spec.SampleRateHz / SubBlocksPerSecond));
        _integrated.Clear();
        _range.Clear();
        _ringPos = 0;
        _subBlocks = 0;
        _framesToBoundary = SubBlockLength(0);
        _subBlockFrames = 0;
        _subBlockEnergy = 0;
        _framesProcessed = 0;
        _momentaryEnergy = _shortTermEnergy = 0;
        _momentaryLufs = _shortTermLufs = double.NegativeInfinity;
        _maxMomentaryEnergy = _maxShortTermEnergy = 0;
        TruePeakBlocksInterpolated = TruePeakBlocksSkipped = 0;
        BlocksReused = 0;
        _lastFrames = -1;
    }

    /// <summary>Measures the first <paramref name="frames"/> frames of <paramref name="buffer"/>; the audio is not modified.</summary>
    /// <param name="buffer">Audio with exactly the prepared number of channels.</param>
    /// <param name="frames">Frames to measure (any number up to the buffer's capacity).</param>
    public void Process(AudioBuffer buffer, int frames)
    {
        EnsurePrepared();
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Channels != _spec.Channels)
            throw new ArgumentException($"buffer has {buffer.Channels} channels, meter prepared for {_spec.Channels}", nameof(buffer));
        if ((uint)frames > (uint)buffer.CapacityFrames)
            throw new ArgumentOutOfRangeException(nameof(frames), frames, "frames outside the buffer");

        bool keep = _lastBlock is not null && frames <= _lastBlock.CapacityFrames;
        if (keep)
        {
            foreach (int c in _measured)
                _lastStart[c].CopyStateFrom(_filters[c]);
        }
        _lastFrames = keep ? frames : -1;
        _lastStretches = 0;
        for (int offset = 0; offset < frames;)
        {
            int n = Math.Min(frames - offset, _framesToBoundary);
            double energy = AccumulateEnergy(buffer, offset, n);
            if (keep)
            {
                _lastStretchFrames[_lastStretches] = n;
                _lastStretchEnergy[_lastStretches++] = energy;
            }
            offset += n;
            AddStretch(energy, n);
        }
        _framesProcessed += frames;

        for (int c = 0; c < _spec.Channels; c++)
        {
            ReadOnlySpan<float> samples = buffer.Channel(c, frames);
            float peak = SamplePeak.MaxAbs(samples);
            if (keep)
            {
                _lastPeak[c] = peak;
                samples.CopyTo(_lastBlock!.Channel(c, frames));
            }
            MeasurePeaks(c, samples, peak);
        }
    }

    /// <summary>
    /// Measures as <see cref="Process(AudioBuffer, int)"/> does, with the same result, but takes the K-weighted sums
    /// from <paramref name="twin"/> (prepared with <see cref="LoudnessMeterOptions.KeepsLastBlock"/>) when its last block
    /// held the same samples, bit for bit, its filters then stood exactly where this meter's stand and its sub-block
    /// boundaries fell where this meter's fall: the sums would come out the same bits. Otherwise measures in full.
    /// </summary>
    /// <param name="buffer">Audio with exactly the prepared number of channels.</param>
    /// <param name="frames">Frames to measure.</param>
    /// <param name="twin">A meter that may just have measured the same audio; null measures in full.</param>
    public void Process(AudioBuffer buffer, int frames, LoudnessMeter? twin)
    {
        if (twin is null || !CanReuse(twin, buffer, frames))
        {
            Process(buffer, frames);
            return;
        }
        BlocksReused++;
        foreach (int c in _measured)
            _filters[c].CopyStateFrom(twin._filters[c]);
        for (int offset = 0, k = 0; offset < frames; k++)
        {
            int n = twin._lastStretchFrames[k];
            offset += n;
            AddStretch(twin._lastStretchEnergy[k], n);
        }
        _framesProcessed += frames;
        for (int c = 0; c < _spec.Channels; c++)
            MeasurePeaks(c, buffer.Channel(c, frames), twin._lastPeak[c]);
    }

    private bool CanReuse(LoudnessMeter twin, AudioBuffer buffer, int frames)
    {
        EnsurePrepared();
        if (twin._lastFrames != frames || twin._lastBlock is null || twin._spec.Channels != _spec.Channels
            || twin._spec.SampleRateHz != _spec.SampleRateHz || !twin._weightOf.AsSpan().SequenceEqual(_weightOf) || buffer.Channels != _spec.Channels)
            return false;
        foreach (int c in _measured)
        {
            if (!_filters[c].SameState(twin._lastStart[c]))
                return false;
        }
        // The twin's stretches must be this meter's: same lengths between the same boundaries.
        int toBoundary = _framesToBoundary, k = 0;
        long subBlocks = _subBlocks;
        for (int offset = 0; offset < frames; k++)
        {
            int n = Math.Min(frames - offset, toBoundary);
            if (k >= twin._lastStretches || twin._lastStretchFrames[k] != n)
                return false;
            offset += n;
            toBoundary -= n;
            if (toBoundary == 0)
                toBoundary = SubBlockLength(++subBlocks);
        }
        if (k != twin._lastStretches)
            return false;
        for (int c = 0; c < _spec.Channels; c++)
        {
            if (!MemoryMarshal.AsBytes(buffer.Channel(c, frames)).SequenceEqual(MemoryMarshal.AsBytes(twin._lastBlock.Channel(c, frames))))
                return false;
        }
        return true;
    }

    // Adds the stretch's weighted K-weighted sum to the sub-block and returns it.
    private double AccumulateEnergy(AudioBuffer buffer, int offset, int n)
    {
        int[] measured = _measured;
        double energy = 0;
        int i = 0;
        // Channels in pairs: two independent filter chains per loop hide the feedback latency.
        for (; i + 1 < measured.Length; i += 2)
        {
            int a = measured[i], b = measured[i + 1];
            KWeightingFilter.ProcessPairSumOfSquares(
                _filters[a], buffer.Channel(a).Slice(offset, n),
                _filters[b], buffer.Channel(b).Slice(offset, n), out double sa, out double sb);
            energy += _weightOf[a] * sa + _weightOf[b] * sb;
        }
        if (i < measured.Length)
        {
            int c = measured[i];
            energy += _weightOf[c] * _filters[c].ProcessSumOfSquares(buffer.Channel(c).Slice(offset, n));
        }
        return energy;
    }

    // A stretch of n frames with this K-weighted energy, measured or taken from a twin; the sub-block ends at its boundary.
    private void AddStretch(double energy, int n)
    {
        _subBlockEnergy += energy;
        _subBlockFrames += n;
        _framesToBoundary -= n;
        if (_framesToBoundary == 0)
            CompleteSubBlock();
    }

    private void CompleteSubBlock()
    {
        _ringEnergy[_ringPos] = _subBlockEnergy;
        _ringFrames[_ringPos] = _subBlockFrames;
        _ringPos = _ringPos + 1 == ShortTermSubBlocks ? 0 : _ringPos + 1;
        _subBlockEnergy = 0;
        _subBlockFrames = 0;
        _subBlocks++;
        _framesToBoundary = SubBlockLength(_subBlocks);

        _momentaryEnergy = WindowMeanEnergy(MomentarySubBlocks);
        _shortTermEnergy = WindowMeanEnergy(ShortTermSubBlocks);
        _momentaryLufs = GatingHistogram.EnergyToLoudness(_momentaryEnergy);
        _shortTermLufs = GatingHistogram.EnergyToLoudness(_shortTermEnergy);
        // Comparisons, not Math.Max: a window holding corrupt (NaN) input must not stick in the maxima.
        if (_momentaryEnergy > _maxMomentaryEnergy)
            _maxMomentaryEnergy = _momentaryEnergy;
        if (_shortTermEnergy > _maxShortTermEnergy)
            _maxShortTermEnergy = _shortTermEnergy;

        if (_subBlocks % SubBlocksPerGatingStep != 0)
            return;
        if (_subBlocks >= MomentarySubBlocks)
            _integrated.Add(_momentaryEnergy);
        if (_subBlocks >= ShortTermSubBlocks)
            _range.Add(_shortTermEnergy);
        _options.HistorySink?.Record(new LoudnessHistoryPoint(
            Math.Floor(_subBlocks * _spec.SampleRateHz / SubBlocksPerSecond) / _spec.SampleRateHz, MomentaryLufs, ShortTermLufs));
    }

    private double WindowMeanEnergy(int subBlocks)
    {
        double energy = 0;
        long frames = 0;
        int p = _ringPos;
        for (int i = 0; i < subBlocks; i++)
        {
            p = p == 0 ? ShortTermSubBlocks - 1 : p - 1;
            energy += _ringEnergy[p];
            frames += _ringFrames[p];
        }
        return energy / frames;
    }

    // `peak` is the block's sample peak, max |samples|.
    private void MeasurePeaks(int c, ReadOnlySpan<float> samples, float peak)
    {
        if (peak > _samplePeak[c])
            _samplePeak[c] = peak;
        if (!_options.MeasureTruePeak)
            return;
        TruePeakInterpolator interpolator = _interpolators[c];
        float running = peak > _truePeak[c] ? peak : _truePeak[c];
        // No interpolated point can exceed the L1 norm times the largest input it depends on.
        if (_options.SkipBlocksThatCannotRaiseTruePeak
            && MathF.Max(peak, interpolator.HistoryAbsMax()) * TruePeakInterpolator.MaxPhaseL1Norm * SkipSafety <= running)
        {
            interpolator.Skip(samples);
            TruePeakBlocksSkipped++;
        }
        else
        {
            float interpolated = interpolator.ProcessMax(samples);
            if (interpolated > running)
                running = interpolated;
            TruePeakBlocksInterpolated++;
        }
        _truePeak[c] = running;
    }

    private int SubBlockLength(long index)
    {
        double fs = _spec.SampleRateHz;
        long start = (long)Math.Floor(index * fs / SubBlocksPerSecond);
        long end = (long)Math.Floor((index + 1) * fs / SubBlocksPerSecond);
        return (int)(end - start);
    }

    private static float MaxOver(float[] values)
    {
        float m = 0;
        foreach (float v in values)
            m = MathF.Max(m, v);
        return m;
    }

    private void EnsurePrepared()
    {
        if (_filters.Length == 0)
            throw new InvalidOperationException("Prepare the meter before use.");
    }
}
