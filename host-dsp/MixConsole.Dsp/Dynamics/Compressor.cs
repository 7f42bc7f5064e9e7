using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// Feed-forward compressor for a mono channel or a linked stereo pair. Design after
/// Giannoulis, Massberg and Reiss, "Digital Dynamic Range Compressor Design" (JAES 2012):
/// detector (peak or RMS) on a side chain that may be high-passed, static curve with a
/// quadratic soft knee in dB, then attack/release smoothing of the gain reduction in dB
/// (a step in level moves the gain reduction 63 % of the way in <see cref="AttackMs"/>).
/// Make-up gain and the parallel mix are ramped; all settings may change between blocks.
/// It is the strips' <see cref="CompressorKernel"/> run for one channel: settings are designed into its lane of a
/// <see cref="CompressorLanes"/> row as they are set, so a block starts with nothing to copy.
/// </summary>
public sealed class Compressor
{
    /// <summary>Ramp for make-up and mix changes, in milliseconds.</summary>
    public const double ParameterRampMs = 10;

    // Samples per kernel call: the scratch the lane kernel works in, sized once.
    private const int Chunk = StereoKeyFilter.MaxFrames;

    // Settings and state: lane _lane of _row (a row of its own, or the multiband compressor's row of bands).
    private readonly CompressorLanes _row;
    private readonly int _lane;
    // Zeros up to the lane: the kernel reads the lane's link, and a compressor keys itself alone.
    private readonly float[] _link;
    private readonly float[] _one = [1f];
    private readonly StereoKeyFilter _sideChain = new();
    private readonly float[] _gain = new float[Chunk];
    private readonly float[] _detected = new float[Chunk], _levels = new float[Chunk], _onMixes = new float[Chunk];
    private double _sampleRateHz = 48000;
    private int _rampSamples = 1;
    private TimeConstantSetting _attack = new(10f);
    private TimeConstantSetting _release = new(100f);
    private TimeConstantSetting _rmsTime = new(10f, minimumMs: 0.1f);
    private float _kneeStartThresholdDb = float.NaN, _kneeStartKneeDb = float.NaN;

    /// <summary>Creates a compressor with console defaults: -20 dB, 4:1, 0 dB knee, 10 ms / 100 ms, peak, no side-chain filter.</summary>
    public Compressor() : this(new CompressorLanes(1), 0)
    {
    }

    // A compressor in lane `lane` of `row`, fresh there (mix 1, no make-up): the multiband compressor runs its bands as one row.
    internal Compressor(CompressorLanes row, int lane)
    {
        _row = row;
        _lane = lane;
        _link = new float[lane + 1];
        ThresholdDb = -20f;
        Ratio = 4f;
        KneeDb = 0f;
        Detector = DetectorMode.Peak;
        Prepare(48000);
    }

    /// <summary>Threshold in dBFS (the X32 range is -60..0).</summary>
    public float ThresholdDb
    {
        get;
        set
        {
            field = value;
            _row.ThresholdDb[_lane] = value;
            DesignKneeStart();
        }
    }

    /// <summary>Ratio, clamped to 1..100 (1 is no compression).</summary>
    public float Ratio
    {
        get;
        set
        {
            field = Math.Clamp(value, 1f, 100f);
            _row.Slope[_lane] = CompressorKernel.SlopeOf(field);
        }
    }

    /// <summary>Soft-knee width in dB, centred on the threshold (0 = hard knee).</summary>
    public float KneeDb
    {
        get;
        set
        {
            field = Math.Max(0f, value);
            _row.KneeDb[_lane] = field;
            _row.InverseTwoKnee[_lane] = CompressorKernel.InverseTwoKneeOf(field);
            DesignKneeStart();
        }
    }

    /// <summary>Attack time constant in milliseconds.</summary>
    public float AttackMs
    {
        get => _attack.TimeMs;
        set
        {
            _attack.Set(value, _sampleRateHz);
            _row.Attack[_lane] = _attack.Coefficient;
        }
    }

    /// <summary>Release time constant in milliseconds.</summary>
    public float ReleaseMs
    {
        get => _release.TimeMs;
        set
        {
            _release.Set(value, _sampleRateHz);
            _row.Release[_lane] = _release.Coefficient;
        }
    }

    /// <summary>Peak or RMS detection.</summary>
    public DetectorMode Detector
    {
        get;
        set
        {
            field = value;
            _row.Rms[_lane] = value == DetectorMode.Rms ? 1f : 0f;
        }
    }

    /// <summary>Averaging time constant of the RMS detector in milliseconds (at least 0.1).</summary>
    public float RmsTimeMs
    {
        get => _rmsTime.TimeMs;
        set
        {
            _rmsTime.Set(value, _sampleRateHz);
            _row.RmsUpdate[_lane] = 1f - _rmsTime.Coefficient;
        }
    }

    /// <summary>Make-up gain in dB applied to the compressed (wet) signal; ramped.</summary>
    public float MakeupGainDb
    {
        get;
        set
        {
            field = value;
            _row.MakeupDb.SetTarget(_lane, value, _rampSamples);
        }
    }

    /// <summary>Parallel mix: 0 = dry only, 1 = compressed only (clamped); ramped.</summary>
    public float Mix
    {
        get;
        set
        {
            field = Math.Clamp(value, 0f, 1f);
            _row.Mix.SetTarget(_lane, field, _rampSamples);
        }
    } = 1f;

    /// <summary>Side-chain high-pass corner in Hz (12 dB/oct), or 0 for none: keeps bass from pumping the whole mix.</summary>
    public float SideChainHighPassHz
    {
        get;
        set
        {
            field = Math.Max(0f, value);
            _sideChain.Update(field > 0 ? BiquadDesign.HighPass(_sampleRateHz, field, Math.Sqrt(0.5)) : BiquadCoefficients.Identity);
            _sideChain.Enabled = field > 0;
        }
    }

    /// <summary>Gain reduction in dB (positive) after the last processed sample: the meter reading.</summary>
    public float GainReductionDb => _row.GainReductionDb[_lane];

    /// <summary>Largest gain reduction in dB during the last <c>Process</c> call (for meters that sample per block).</summary>
    public float MaxGainReductionDb => _row.MaxGainReductionDb[_lane];

    /// <summary>Recomputes time constants and filters for <paramref name="sampleRateHz"/>; settings are kept. Allocation-free.</summary>
    public void Prepare(double sampleRateHz)
    {
        _sampleRateHz = sampleRateHz;
        // Each time setter recomputes its coefficient at the new rate and writes it to the lane.
        AttackMs = AttackMs;
        ReleaseMs = ReleaseMs;
        RmsTimeMs = RmsTimeMs;
        SideChainHighPassHz = SideChainHighPassHz;
        _rampSamples = Math.Max(1, (int)Math.Round(sampleRateHz * ParameterRampMs / 1000.0));
        _row.On.Snap(_lane, 1f);
    }

    /// <summary>Clears detector, filters and gain reduction; settings are kept.</summary>
    public void Reset()
    {
        _sideChain.Reset();
        _row.Reset(_lane);
        _row.FinishRamps(_lane);
    }

    /// <summary>
    /// The static curve: gain reduction in dB (positive) for a steady detector level of
    /// <paramref name="levelDb"/>, with a quadratic knee of <see cref="KneeDb"/> around the threshold.
    /// </summary>
    public float StaticGainReductionDb(float levelDb)
    {
        float slope = 1f - 1f / Ratio;
        var curve = CompressorKernel.Curve(FloatLane.Splat(levelDb - ThresholdDb), FloatLane.Splat(0.5f * KneeDb),
            FloatLane.Splat(slope), FloatLane.Splat(KneeDb > 0 ? slope * (1f / (2f * KneeDb)) : 0f));
        Span<float> value = stackalloc float[1];
        FloatLane.Store(curve, value, 0);
        return value[0];
    }

    /// <summary>Compresses a mono channel in place (self keyed).</summary>
    public void Process(Span<float> audio) => Run(audio, audio, stereo: false);

    /// <summary>Compresses a linked stereo pair in place: one gain from the louder side, applied to both.</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        if (right.Length != left.Length) throw new ArgumentException("left and right differ in length", nameof(right));
        Run(left, right, stereo: true);
    }

    // The power where the knee starts, from threshold and knee. The live master chain sets a band's threshold every block
    // while it glides: the power is recomputed only when the pair moves.
    private void DesignKneeStart()
    {
        float knee = KneeDb;
        if (ThresholdDb == _kneeStartThresholdDb && knee == _kneeStartKneeDb) return;
        _kneeStartThresholdDb = ThresholdDb;
        _kneeStartKneeDb = knee;
        _row.KneeStartPower[_lane] = CompressorKernel.KneeStartPowerOf(ThresholdDb, knee);
    }

    // One channel through the kernel; a linked pair keys it from the louder side and takes the same gain.
    private void Run(Span<float> left, Span<float> right, bool stereo)
    {
        _row.MaxGainReductionDb[_lane] = 0f;
        var mask = FloatLane.Load(_one, 0);
        for (int start = 0; start < left.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, left.Length - start);
            Span<float> l = left.Slice(start, n), r = right.Slice(start, n), gain = _gain.AsSpan(0, n);
            ReadOnlySpan<float> key = _sideChain.Key(l, r, stereo);

            // The kernel scales ones, leaving each sample's gain: the same product as scaling the audio in place.
            gain.Fill(1f);
            CompressorKernel.Process(_row, _lane, _link, gain, key, _detected, _levels, _onMixes, n, mask);
            for (int i = 0; i < n; i++) l[i] *= gain[i];
            if (stereo)
                for (int i = 0; i < n; i++) r[i] *= gain[i];
        }
    }
}
