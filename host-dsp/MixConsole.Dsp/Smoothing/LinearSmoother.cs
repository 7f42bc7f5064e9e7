using System.Runtime.CompilerServices;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Smoothing;

/// <summary>
/// Moves a value to its target along a straight line in a fixed ramp time, per sample: the one ramp of
/// MixConsole.Dsp (gains, pan, mixes, crossfade weights, filter coefficients, control-rate targets), a
/// <see cref="LinearRamp"/> with its length set once by <see cref="Prepare"/>.
/// For gains and pan (in linear units): a jump of D spread over N samples never steps by
/// more than |D| / N (plus float rounding, <see cref="RoundingTolerance"/> of the value)
/// between consecutive samples, and it lands exactly on the target.
/// A new target mid-ramp restarts the ramp from the current value.
/// </summary>
public sealed class LinearSmoother
{
    /// <summary>Float rounding allowed on top of the ideal step, relative to the larger of start and target.</summary>
    public const float RoundingTolerance = 1e-6f;

    private LinearRamp _ramp;
    private int _rampSamples = 1;

    /// <summary>Creates a smoother resting at <paramref name="initialValue"/>.</summary>
    public LinearSmoother(float initialValue = 0f) => _ramp.Snap(initialValue);

    /// <summary>Ramp length in samples (at least 1).</summary>
    public int RampSamples => _rampSamples;

    /// <summary>The value the last <see cref="Next"/> returned (or the resting value).</summary>
    public float Current => _ramp.Current;

    /// <summary>The value being approached.</summary>
    public float Target => _ramp.Target;

    /// <summary>True while the value is still moving towards <see cref="Target"/>.</summary>
    public bool IsSmoothing => _ramp.Remaining > 0;

    /// <summary>Sets the ramp time: <paramref name="rampMs"/> milliseconds at <paramref name="sampleRateHz"/>. Takes effect from the next target.</summary>
    public void Prepare(double sampleRateHz, double rampMs) =>
        _rampSamples = Math.Max(1, (int)Math.Round(sampleRateHz * rampMs / 1000.0));

    /// <summary>Starts a ramp from the current value to <paramref name="target"/>; no-op if already heading there.</summary>
    public void SetTarget(float target) => _ramp.SetTarget(target, _rampSamples);

    /// <summary>
    /// Starts a ramp from the current value to <paramref name="target"/> even when already heading there, so
    /// ramps that must move in step (the five coefficients of a filter section) restart together.
    /// </summary>
    public void RampTo(float target)
    {
        if (target == _ramp.Current) _ramp.Snap(target); // already there: a straight line of length zero
        else _ramp.RampTo(target, _rampSamples);
    }

    /// <summary>Jumps to <paramref name="value"/> with no ramp (only for moments nothing is audible, e.g. before playback).</summary>
    public void SnapTo(float value) => _ramp.Snap(value);

    /// <summary>Finishes any ramp: the value becomes the target. Settings are kept.</summary>
    public void Reset() => _ramp.Snap(_ramp.Target);

    /// <summary>Advances one sample and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Next() => _ramp.Next();

    /// <summary>
    /// Advances <paramref name="samples"/> samples at once and returns the value reached, exactly the value the
    /// last of that many <see cref="Next"/> calls would return: for targets applied once per block.
    /// </summary>
    public float Advance(int samples)
    {
        _ramp.Skip(samples);
        return _ramp.Current;
    }

    /// <summary>Writes the next <paramref name="values"/>.Length values.</summary>
    public void Fill(Span<float> values) => _ramp.Fill(values);

    /// <summary>Multiplies <paramref name="audio"/> by the smoothed value, sample by sample.</summary>
    public void ApplyGain(Span<float> audio)
    {
        if (_ramp.Remaining == 0)
        {
            float gain = _ramp.Target;
            if (gain == 1f) return;
            VectorMath.Scale(audio, gain, audio);
            return;
        }
        for (int i = 0; i < audio.Length; i++) audio[i] *= _ramp.Next();
    }
}
