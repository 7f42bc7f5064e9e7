using System.Runtime.CompilerServices;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// Level of a signal with separate attack and release ballistics. Attack and release are
/// time constants: after a step up the envelope covers 63 % of the step in
/// <see cref="AttackMs"/>, after a step down 63 % of it in <see cref="ReleaseMs"/>.
/// In <see cref="DetectorMode.Rms"/> the ballistics act on the mean square and the root is returned.
/// </summary>
public sealed class EnvelopeFollower
{
    private double _sampleRateHz = 48000;
    private TimeConstantSetting _attack;
    private TimeConstantSetting _release;
    private float _state;

    /// <summary>Creates a follower at 48 kHz with 10 ms attack and 100 ms release; call <see cref="Prepare"/> for the real rate.</summary>
    public EnvelopeFollower()
    {
        AttackMs = 10;
        ReleaseMs = 100;
    }

    /// <summary>Peak or RMS detection.</summary>
    public DetectorMode Mode { get; set; }

    /// <summary>Attack time constant in milliseconds (0 = instant).</summary>
    public float AttackMs { get => _attack.TimeMs; set => _attack.Set(value, _sampleRateHz); }

    /// <summary>Release time constant in milliseconds (0 = instant).</summary>
    public float ReleaseMs { get => _release.TimeMs; set => _release.Set(value, _sampleRateHz); }

    /// <summary>The current envelope (linear amplitude).</summary>
    public float Envelope => Mode == DetectorMode.Rms ? MathF.Sqrt(_state) : _state;

    /// <summary>Sets the sample rate; the times are kept.</summary>
    public void Prepare(double sampleRateHz)
    {
        _sampleRateHz = sampleRateHz;
        _attack.Prepare(sampleRateHz);
        _release.Prepare(sampleRateHz);
    }

    /// <summary>Sets the envelope to zero; settings are kept.</summary>
    public void Reset() => _state = 0;

    /// <summary>Feeds one sample and returns the envelope.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Next(float input)
    {
        float rectified = Mode == DetectorMode.Rms ? input * input : MathF.Abs(input);
        float coefficient = rectified > _state ? _attack.Coefficient : _release.Coefficient;
        _state = DenormalGuard.Flush(rectified + coefficient * (_state - rectified));
        return Mode == DetectorMode.Rms ? MathF.Sqrt(_state) : _state;
    }

    /// <summary>Writes the envelope of <paramref name="input"/> into <paramref name="envelope"/>.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> envelope)
    {
        if (envelope.Length < input.Length) throw new ArgumentException("envelope shorter than input", nameof(envelope));
        for (int i = 0; i < input.Length; i++) envelope[i] = Next(input[i]);
    }
}
