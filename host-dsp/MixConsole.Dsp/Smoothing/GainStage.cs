namespace MixConsole.Dsp.Smoothing;

/// <summary>
/// Trim (or any gain in dB) with polarity, ramped so that neither a gain move nor a
/// polarity flip clicks: a flip ramps the gain through zero to its negative.
/// </summary>
public sealed class GainStage
{
    /// <summary>Default ramp for gain and polarity moves, in milliseconds.</summary>
    public const double DefaultRampMs = 10;

    private readonly LinearSmoother _gain = new(1f);
    private float _gainDb;
    private bool _inverted;

    /// <summary>Sets the ramp time for <paramref name="sampleRateHz"/>; allocation-free, safe to call again.</summary>
    public void Prepare(double sampleRateHz, double rampMs = DefaultRampMs) => _gain.Prepare(sampleRateHz, rampMs);

    /// <summary>Gain in dB (negative infinity is silence).</summary>
    public float GainDb
    {
        get => _gainDb;
        set
        {
            _gainDb = value;
            Retarget();
        }
    }

    /// <summary>True to invert the polarity (multiply by -1).</summary>
    public bool Inverted
    {
        get => _inverted;
        set
        {
            _inverted = value;
            Retarget();
        }
    }

    /// <summary>The linear gain being approached, sign included.</summary>
    public float TargetGain => _gain.Target;

    /// <summary>True while a gain or polarity change is still ramping.</summary>
    public bool IsSmoothing => _gain.IsSmoothing;

    /// <summary>Applies the (ramped) gain to <paramref name="audio"/> in place.</summary>
    public void Process(Span<float> audio) => _gain.ApplyGain(audio);

    /// <summary>Finishes any ramp; settings are kept.</summary>
    public void Reset() => _gain.Reset();

    private void Retarget()
    {
        float linear = float.IsNegativeInfinity(_gainDb) ? 0f : MathF.Pow(10f, _gainDb / 20f);
        _gain.SetTarget(_inverted ? -linear : linear);
    }
}
