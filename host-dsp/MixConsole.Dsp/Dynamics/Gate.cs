using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// Noise gate / downward expander with hold and a band-pass key filter. The detector is
/// the key's peak envelope (instant rise, <see cref="DetectorReleaseMs"/> fall, so a low
/// note does not read as silence at each zero crossing). While the detector is at or above
/// the threshold the hold timer is re-armed; after it drops below, the gain stays where it
/// is for <see cref="HoldMs"/>, then falls with time constant <see cref="ReleaseMs"/>
/// (63 % of the range in that time); opening uses <see cref="AttackMs"/>. It is the strips' <see cref="GateKernel"/>
/// run for one channel.
/// </summary>
public sealed class Gate
{
    /// <summary>Fall time constant of the level detector, in milliseconds.</summary>
    public const float DetectorReleaseMs = 10f;

    // Samples per kernel call: the scratch the lane kernel works in, sized once.
    private const int Chunk = StereoKeyFilter.MaxFrames;

    private readonly GateLanes _lane = new(1);
    private readonly float[] _link = new float[1];
    private readonly StereoKeyFilter _keyFilter = new();
    private readonly float[] _detected = new float[Chunk], _gainDb = new float[Chunk];
    private double _sampleRateHz = 48000;
    private TimeConstantSetting _attack = new(1f);
    private TimeConstantSetting _release = new(100f);
    private int _holdSamples;

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
    public float GainReductionDb => _lane.GainReductionDb[0];

    /// <summary>Largest attenuation in dB during the last <c>Process</c> call.</summary>
    public float MaxGainReductionDb { get; private set; }

    /// <summary>Recomputes times and filters for <paramref name="sampleRateHz"/>; settings are kept. Allocation-free.</summary>
    public void Prepare(double sampleRateHz)
    {
        _sampleRateHz = sampleRateHz;
        _attack.Prepare(sampleRateHz);
        HoldMs = HoldMs;
        _release.Prepare(sampleRateHz);
        _lane.Prepare(sampleRateHz);
        _lane.On.Snap(0, 1f);
        UpdateKeyFilter();
    }

    /// <summary>Clears detector, hold and filters, and opens the gate; settings are kept.</summary>
    public void Reset()
    {
        _keyFilter.Reset();
        _lane.Reset();
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

    // The engine's gate kernel for one channel (FloatLane); a linked pair keys it from the louder side.
    private void Run(Span<float> left, Span<float> right, bool stereo)
    {
        bool expander = Mode == GateMode.Expander;
        _lane.ThresholdDb[0] = ThresholdDb;
        _lane.ThresholdGain[0] = (float)Math.Pow(10, ThresholdDb / 20.0);
        _lane.Expander[0] = expander ? 1f : 0f;
        _lane.Expansion[0] = expander ? ExpanderRatio - 1f : 1e30f;
        _lane.RangeDb[0] = RangeDb;
        _lane.Attack[0] = _attack.Coefficient;
        _lane.Release[0] = _release.Coefficient;
        _lane.HoldSamples[0] = _holdSamples;
        _lane.MaxGainReductionDb[0] = 0f;
        for (int start = 0; start < left.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, left.Length - start);
            Span<float> l = left.Slice(start, n), r = right.Slice(start, n);
            _keyFilter.Enabled = KeyFilterEnabled;
            ReadOnlySpan<float> key = _keyFilter.Key(l, r, stereo);
            if (GateKernel.Process<FloatLane>(_lane, 0, _link, l, key, _detected, _gainDb, n) && stereo)
                GateKernel.ApplyGain<FloatLane>(r, _gainDb, n);
        }

        MaxGainReductionDb = _lane.MaxGainReductionDb[0];
    }

    private void UpdateKeyFilter()
    {
        _keyFilter.Update(BiquadDesign.BandPass(_sampleRateHz, KeyFilterFrequencyHz, KeyFilterQ));
    }
}
