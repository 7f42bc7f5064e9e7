using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// Noise gate / downward expander with hold and a band-pass key filter. The detector is
/// the key's peak envelope (instant rise, <see cref="DetectorReleaseMs"/> fall, so a low
/// note does not read as silence at each zero crossing). While the detector is at or above
/// the threshold the hold timer is re-armed; after it drops below, the gain stays where it
/// is for <see cref="HoldMs"/>, then falls with time constant <see cref="ReleaseMs"/>
/// (63 % of the range in that time); opening uses <see cref="AttackMs"/>.
/// </summary>
public sealed class Gate
{
    /// <summary>Fall time constant of the level detector, in milliseconds.</summary>
    public const float DetectorReleaseMs = 10f;

    private StereoKeyFilter _keyFilter = new();
    private double _sampleRateHz = 48000;
    private TimeConstantSetting _attack = new(1f);
    private TimeConstantSetting _release = new(100f);
    private float _detectorCoefficient;
    private int _holdSamples;
    private int _holdRemaining;
    private float _detector;
    private float _gainReductionDb;

    /// <summary>Creates a gate: -40 dB threshold, 60 dB range, 1 ms attack, 50 ms hold, 100 ms release, no key filter.</summary>
    public Gate() => Prepare(48000);

    /// <summary>Gate or expander behaviour.</summary>
    public GateMode Mode { get; set; }

    /// <summary>Threshold in dBFS (the X32 range is -80..0).</summary>
    public float ThresholdDb { get; set; } = -40f;

    /// <summary>Most attenuation applied, in dB, clamped to 3..60.</summary>
    public float RangeDb { get; set => field = Math.Clamp(value, 3f, 60f); } = 60f;

    /// <summary>Expander ratio (2 = each dB below threshold becomes 2 dB below), clamped to 1..10; unused in gate mode.</summary>
    public float ExpanderRatio { get; set => field = Math.Clamp(value, 1f, 10f); } = 2f;

    /// <summary>Opening time constant in milliseconds.</summary>
    public float AttackMs { get => _attack.TimeMs; set => _attack.Set(value, _sampleRateHz); }

    /// <summary>Time the gain is held after the level drops below threshold, in milliseconds.</summary>
    public float HoldMs
    {
        get;
        set
        {
            field = Math.Max(0f, value);
            _holdSamples = (int)Math.Round(field * _sampleRateHz / 1000.0);
        }
    } = 50f;

    /// <summary>Closing time constant in milliseconds.</summary>
    public float ReleaseMs { get => _release.TimeMs; set => _release.Set(value, _sampleRateHz); }

    /// <summary>True to key from a band-pass of the input (e.g. the kick's fundamental) instead of the full band.</summary>
    public bool KeyFilterEnabled { get; set; }

    /// <summary>Centre of the key band-pass in Hz.</summary>
    public float KeyFilterFrequencyHz
    {
        get;
        set
        {
            field = value;
            UpdateKeyFilter();
        }
    } = 1000f;

    /// <summary>Q of the key band-pass (bandwidth = centre / Q).</summary>
    public float KeyFilterQ
    {
        get;
        set
        {
            field = Math.Max(0.1f, value);
            UpdateKeyFilter();
        }
    } = 2f;

    /// <summary>Attenuation in dB (positive) after the last processed sample: the meter reading.</summary>
    public float GainReductionDb => _gainReductionDb;

    /// <summary>Largest attenuation in dB during the last <c>Process</c> call.</summary>
    public float MaxGainReductionDb { get; private set; }

    /// <summary>Recomputes times and filters for <paramref name="sampleRateHz"/>; settings are kept. Allocation-free.</summary>
    public void Prepare(double sampleRateHz)
    {
        _sampleRateHz = sampleRateHz;
        _attack.Prepare(sampleRateHz);
        HoldMs = HoldMs;
        _release.Prepare(sampleRateHz);
        _detectorCoefficient = TimeConstant.Coefficient(DetectorReleaseMs, sampleRateHz);
        UpdateKeyFilter();
    }

    /// <summary>Clears detector, hold and filters, and opens the gate; settings are kept.</summary>
    public void Reset()
    {
        _keyFilter.Reset();
        _detector = 0;
        _holdRemaining = 0;
        _gainReductionDb = 0;
        MaxGainReductionDb = 0;
    }

    /// <summary>Gates a mono channel in place (self keyed).</summary>
    public void Process(Span<float> audio) => Run(audio, audio, stereo: false);

    /// <summary>Gates a linked stereo pair in place: one gain from the louder side, applied to both.</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        if (right.Length != left.Length) throw new ArgumentException("left and right differ in length", nameof(right));
        Run(left, right, stereo: true);
    }

    private void Run(Span<float> left, Span<float> right, bool stereo)
    {
        float threshold = ThresholdDb, range = RangeDb, expansion = ExpanderRatio - 1f;
        bool expander = Mode == GateMode.Expander, keyed = KeyFilterEnabled;
        float attack = _attack.Coefficient, release = _release.Coefficient, detectorFall = _detectorCoefficient;
        int holdSamples = _holdSamples, hold = _holdRemaining;
        float detector = _detector, gr = _gainReductionDb, maxGr = 0f;
        // The threshold test is linear; only the expander's curve needs the level in dB.
        float thresholdLinear = FastDecibels.DbToGain(threshold);
        float lastGr = float.NaN, gain = 1f;
        BiquadSection keyFilterL = _keyFilter.Left, keyFilterR = _keyFilter.Right;
        for (int i = 0; i < left.Length; i++)
        {
            float l = left[i], r = stereo ? right[i] : 0f;
            float key = MathF.Abs(keyed ? keyFilterL.Next(l) : l);
            if (stereo) key = MathF.Max(key, MathF.Abs(keyed ? keyFilterR.Next(r) : r));
            detector = key > detector ? key : key + detectorFall * (detector - key);

            float target;
            if (detector >= thresholdLinear)
            {
                hold = holdSamples;
                target = 0f;
            }
            else
            {
                if (hold > 0) hold--;
                target = expander ? MathF.Min(range, (threshold - FastDecibels.GainToDb(detector)) * expansion) : range;
            }

            if (target < gr) gr = target + attack * (gr - target);
            else if (hold == 0) gr = target + release * (gr - target);
            if (gr < 1e-6f) gr = 0f;
            maxGr = MathF.Max(maxGr, gr);

            if (gr != lastGr)
            {
                gain = FastDecibels.DbToGain(-gr);
                lastGr = gr;
            }
            left[i] = l * gain;
            if (stereo) right[i] = r * gain;
        }
        _keyFilter.Keep(keyFilterL, keyFilterR);
        _detector = detector < 1e-15f ? 0f : detector;
        _holdRemaining = hold;
        _gainReductionDb = gr;
        MaxGainReductionDb = maxGr;
    }

    private void UpdateKeyFilter()
    {
        _keyFilter.Update(BiquadDesign.BandPass(_sampleRateHz, KeyFilterFrequencyHz, KeyFilterQ));
    }
}
