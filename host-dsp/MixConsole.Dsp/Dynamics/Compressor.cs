using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// Feed-forward compressor for a mono channel or a linked stereo pair. Design after
/// Giannoulis, Massberg and Reiss, "Digital Dynamic Range Compressor Design" (JAES 2012):
/// detector (peak or RMS) on a side chain that may be high-passed, static curve with a
/// quadratic soft knee in dB, then attack/release smoothing of the gain reduction in dB
/// (a step in level moves the gain reduction 63 % of the way in <see cref="AttackMs"/>).
/// Make-up gain and the parallel mix are ramped; all settings may change between blocks.
/// </summary>
public sealed class Compressor
{
    /// <summary>Ramp for make-up and mix changes, in milliseconds.</summary>
    public const double ParameterRampMs = 10;

    private StereoKeyFilter _sideChain = new();
    private readonly LinearSmoother _makeupDb = new(0f);
    private readonly LinearSmoother _mix = new(1f);
    private double _sampleRateHz = 48000;
    private TimeConstantSetting _attack = new(10f);
    private TimeConstantSetting _release = new(100f);
    private TimeConstantSetting _rmsTime = new(10f, minimumMs: 0.1f);
    private float _meanSquare;
    private float _gainReductionDb;

    /// <summary>Creates a compressor with console defaults: -20 dB, 4:1, 0 dB knee, 10 ms / 100 ms, peak, no side-chain filter.</summary>
    public Compressor() => Prepare(48000);

    /// <summary>Threshold in dBFS (the X32 range is -60..0).</summary>
    public float ThresholdDb { get; set; } = -20f;

    /// <summary>Ratio, clamped to 1..100 (1 is no compression).</summary>
    public float Ratio { get; set => field = Math.Clamp(value, 1f, 100f); } = 4f;

    /// <summary>Soft-knee width in dB, centred on the threshold (0 = hard knee).</summary>
    public float KneeDb { get; set => field = Math.Max(0f, value); }

    /// <summary>Attack time constant in milliseconds.</summary>
    public float AttackMs { get => _attack.TimeMs; set => _attack.Set(value, _sampleRateHz); }

    /// <summary>Release time constant in milliseconds.</summary>
    public float ReleaseMs { get => _release.TimeMs; set => _release.Set(value, _sampleRateHz); }

    /// <summary>Peak or RMS detection.</summary>
    public DetectorMode Detector { get; set; }

    /// <summary>Averaging time constant of the RMS detector in milliseconds (at least 0.1).</summary>
    public float RmsTimeMs { get => _rmsTime.TimeMs; set => _rmsTime.Set(value, _sampleRateHz); }

    /// <summary>Make-up gain in dB applied to the compressed (wet) signal; ramped.</summary>
    public float MakeupGainDb
    {
        get;
        set
        {
            field = value;
            _makeupDb.SetTarget(value);
        }
    }

    /// <summary>Parallel mix: 0 = dry only, 1 = compressed only (clamped); ramped.</summary>
    public float Mix
    {
        get;
        set
        {
            field = Math.Clamp(value, 0f, 1f);
            _mix.SetTarget(field);
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
        }
    }

    /// <summary>Gain reduction in dB (positive) after the last processed sample: the meter reading.</summary>
    public float GainReductionDb => _gainReductionDb;

    /// <summary>Largest gain reduction in dB during the last <c>Process</c> call (for meters that sample per block).</summary>
    public float MaxGainReductionDb { get; internal set; }

    // For kernels that run several compressors in SIMD lanes (MultibandCompressor): the per-sample coefficients,
    // the ramps and the detector state, so a lane does exactly what Run does and hands the state back.
    internal float AttackCoefficient => _attack.Coefficient;
    internal float ReleaseCoefficient => _release.Coefficient;
    internal float RmsCoefficient => _rmsTime.Coefficient;
    internal LinearSmoother MakeupRamp => _makeupDb;
    internal LinearSmoother MixRamp => _mix;
    internal float MeanSquare { get => _meanSquare; set => _meanSquare = value; }
    internal float SmoothedGainReductionDb { get => _gainReductionDb; set => _gainReductionDb = value; }

    /// <summary>Recomputes time constants and filters for <paramref name="sampleRateHz"/>; settings are kept. Allocation-free.</summary>
    public void Prepare(double sampleRateHz)
    {
        _sampleRateHz = sampleRateHz;
        _attack.Prepare(sampleRateHz);
        _release.Prepare(sampleRateHz);
        _rmsTime.Prepare(sampleRateHz);
        SideChainHighPassHz = SideChainHighPassHz;
        _makeupDb.Prepare(sampleRateHz, ParameterRampMs);
        _mix.Prepare(sampleRateHz, ParameterRampMs);
    }

    /// <summary>Clears detector, filters and gain reduction; settings are kept.</summary>
    public void Reset()
    {
        _sideChain.Reset();
        _makeupDb.Reset();
        _mix.Reset();
        _meanSquare = 0;
        _gainReductionDb = 0;
        MaxGainReductionDb = 0;
    }

    /// <summary>
    /// The static curve: gain reduction in dB (positive) for a steady detector level of
    /// <paramref name="levelDb"/>, with a quadratic knee of <see cref="KneeDb"/> around the threshold.
    /// </summary>
    public float StaticGainReductionDb(float levelDb) => GainComputer(levelDb, ThresholdDb, 1f - 1f / Ratio, KneeDb);

    /// <summary>Compresses a mono channel in place (self keyed).</summary>
    public void Process(Span<float> audio) => Run(audio, audio, stereo: false);

    /// <summary>Compresses a linked stereo pair in place: one gain from the louder side, applied to both.</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        if (right.Length != left.Length) throw new ArgumentException("left and right differ in length", nameof(right));
        Run(left, right, stereo: true);
    }

    private static float GainComputer(float levelDb, float thresholdDb, float slope, float kneeDb)
    {
        float over = levelDb - thresholdDb;
        if (2f * over <= -kneeDb) return 0f;
        if (2f * over < kneeDb)
        {
            float d = over + 0.5f * kneeDb;
            return slope * d * d / (2f * kneeDb);
        }
        return slope * over;
    }

    private void Run(Span<float> left, Span<float> right, bool stereo)
    {
        float threshold = ThresholdDb, slope = 1f - 1f / Ratio, knee = KneeDb;
        float attack = _attack.Coefficient, release = _release.Coefficient, rmsCoefficient = _rmsTime.Coefficient;
        bool rms = Detector == DetectorMode.Rms;
        bool filtered = SideChainHighPassHz > 0;
        // Levels below the knee's start need no logarithm: compare them linearly.
        float kneeStartLinear = FastDecibels.DbToGain(threshold - 0.5f * knee);
        float kneeStartPower = kneeStartLinear * kneeStartLinear;
        float gr = _gainReductionDb, meanSquare = _meanSquare, maxGr = 0f;
        float lastExponentDb = float.NaN, wetGain = 1f;
        BiquadSection keyFilterL = _sideChain.Left, keyFilterR = _sideChain.Right;
        for (int i = 0; i < left.Length; i++)
        {
            float l = left[i], r = stereo ? right[i] : 0f;
            float keyL = filtered ? keyFilterL.Next(l) : l;
            float keyR = stereo ? (filtered ? keyFilterR.Next(r) : r) : 0f;
            float target = 0f;
            if (rms)
            {
                float square = stereo ? MathF.Max(keyL * keyL, keyR * keyR) : keyL * keyL;
                meanSquare += (1f - rmsCoefficient) * (square - meanSquare);
                if (meanSquare > kneeStartPower) target = GainComputer(FastDecibels.PowerToDb(meanSquare), threshold, slope, knee);
            }
            else
            {
                float peak = stereo ? MathF.Max(MathF.Abs(keyL), MathF.Abs(keyR)) : MathF.Abs(keyL);
                if (peak > kneeStartLinear) target = GainComputer(FastDecibels.GainToDb(peak), threshold, slope, knee);
            }

            gr = target + (target > gr ? attack : release) * (gr - target);
            // Inaudible residue of a release is dropped so silence never turns denormal.
            if (gr < 1e-6f) gr = 0f;
            maxGr = MathF.Max(maxGr, gr);

            float mix = _mix.Next();
            float exponentDb = _makeupDb.Next() - gr;
            if (exponentDb != lastExponentDb)
            {
                wetGain = FastDecibels.DbToGain(exponentDb);
                lastExponentDb = exponentDb;
            }
            float gain = (1f - mix) + mix * wetGain;
            left[i] = l * gain;
            if (stereo) right[i] = r * gain;
        }
        _sideChain.Keep(keyFilterL, keyFilterR);
        _meanSquare = meanSquare < 1e-20f ? 0f : meanSquare;
        _gainReductionDb = gr;
        MaxGainReductionDb = maxGr;
    }
}
