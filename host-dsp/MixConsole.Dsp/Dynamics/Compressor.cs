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
/// It is the strips' <see cref="CompressorKernel"/> run for one channel.
/// </summary>
public sealed class Compressor
{
    /// <summary>Ramp for make-up and mix changes, in milliseconds.</summary>
    public const double ParameterRampMs = 10;

    // Samples per kernel call: the scratch the lane kernel works in, sized once.
    private const int Chunk = StereoKeyFilter.MaxFrames;

    private readonly CompressorLanes _lane = new(1);
    private readonly float[] _link = new float[1];
    private readonly float[] _one = [1f];
    private readonly StereoKeyFilter _sideChain = new();
    private readonly float[] _gain = new float[Chunk];
    private readonly float[] _detected = new float[Chunk], _gainDb = new float[Chunk], _onMixes = new float[Chunk];
    private double _sampleRateHz = 48000;
    private int _rampSamples = 1;
    private TimeConstantSetting _attack = new(10f);
    private TimeConstantSetting _release = new(100f);
    private TimeConstantSetting _rmsTime = new(10f, minimumMs: 0.1f);
    private float _kneeStartThresholdDb = float.NaN, _kneeStartKneeDb = float.NaN, _kneeStartPower;

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
            _lane.MakeupDb.SetTarget(0, value, _rampSamples);
        }
    }

    /// <summary>Parallel mix: 0 = dry only, 1 = compressed only (clamped); ramped.</summary>
    public float Mix
    {
        get;
        set
        {
            field = Math.Clamp(value, 0f, 1f);
            _lane.Mix.SetTarget(0, field, _rampSamples);
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
    public float GainReductionDb => _lane.GainReductionDb[0];

    /// <summary>Largest gain reduction in dB during the last <c>Process</c> call (for meters that sample per block).</summary>
    public float MaxGainReductionDb { get; internal set; }

    // Settings, state and ramps as one lane of the kernel, settings refreshed from the properties: for the multiband
    // compressor, which runs its bands as the lanes of one row and hands each lane back.
    internal CompressorLanes KernelLane()
    {
        Sync();
        return _lane;
    }

    /// <summary>Recomputes time constants and filters for <paramref name="sampleRateHz"/>; settings are kept. Allocation-free.</summary>
    public void Prepare(double sampleRateHz)
    {
        _sampleRateHz = sampleRateHz;
        _attack.Prepare(sampleRateHz);
        _release.Prepare(sampleRateHz);
        _rmsTime.Prepare(sampleRateHz);
        SideChainHighPassHz = SideChainHighPassHz;
        _rampSamples = Math.Max(1, (int)Math.Round(sampleRateHz * ParameterRampMs / 1000.0));
        _lane.On.Snap(0, 1f);
    }

    /// <summary>Clears detector, filters and gain reduction; settings are kept.</summary>
    public void Reset()
    {
        _sideChain.Reset();
        _lane.Reset();
        _lane.FinishRamps();
        MaxGainReductionDb = 0;
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

    private void Sync()
    {
        float knee = KneeDb;
        _lane.ThresholdDb[0] = ThresholdDb;
        if (ThresholdDb != _kneeStartThresholdDb || knee != _kneeStartKneeDb)
        {
            // A power per block per band was a measurable share of the multiband: recomputed only when it moves.
            _kneeStartThresholdDb = ThresholdDb;
            _kneeStartKneeDb = knee;
            _kneeStartPower = (float)Math.Pow(10, (ThresholdDb - knee / 2.0) / 10.0);
        }
        _lane.KneeStartPower[0] = _kneeStartPower;
        _lane.Slope[0] = 1f - 1f / Ratio;
        _lane.KneeDb[0] = knee;
        _lane.InverseTwoKnee[0] = knee > 0 ? 1f / (2f * knee) : 0f;
        _lane.Attack[0] = _attack.Coefficient;
        _lane.Release[0] = _release.Coefficient;
        _lane.Rms[0] = Detector == DetectorMode.Rms ? 1f : 0f;
        _lane.RmsUpdate[0] = 1f - _rmsTime.Coefficient;
    }

    // One channel through the kernel; a linked pair keys it from the louder side and takes the same gain.
    private void Run(Span<float> left, Span<float> right, bool stereo)
    {
        Sync();
        _lane.MaxGainReductionDb[0] = 0f;
        var mask = FloatLane.Load(_one, 0);
        for (int start = 0; start < left.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, left.Length - start);
            Span<float> l = left.Slice(start, n), r = right.Slice(start, n), gain = _gain.AsSpan(0, n);
            ReadOnlySpan<float> key = _sideChain.Key(l, r, stereo);

            // The kernel scales ones, leaving each sample's gain: the same product as scaling the audio in place.
            gain.Fill(1f);
            CompressorKernel.Process(_lane, 0, _link, gain, key, _detected, _gainDb, _onMixes, n, mask);
            for (int i = 0; i < n; i++) l[i] *= gain[i];
            if (stereo)
                for (int i = 0; i < n; i++) r[i] *= gain[i];
        }

        MaxGainReductionDb = _lane.MaxGainReductionDb[0];
    }
}
