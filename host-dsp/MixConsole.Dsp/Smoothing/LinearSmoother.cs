using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Smoothing;

/// <summary>
/// Moves a value to its target along a straight line in a fixed ramp time, per sample: the one ramp of
/// MixConsole.Dsp (gains, pan, mixes, crossfade weights, filter coefficients, control-rate targets).
/// For gains and pan (in linear units): a jump of D spread over N samples never steps by
/// more than |D| / N (plus float rounding, <see cref="RoundingTolerance"/> of the value)
/// between consecutive samples, and it lands exactly on the target.
/// A new target mid-ramp restarts the ramp from the current value.
/// </summary>
public sealed class LinearSmoother
{
    /// <summary>Float rounding allowed on top of the ideal step, relative to the larger of start and target.</summary>
    public const float RoundingTolerance = 1e-6f;

    private float _current;
    private float _target;
    private float _start;
    private float _step;
    private int _remaining;
    private int _elapsed;
    private int _rampSamples = 1;

    /// <summary>Creates a smoother resting at <paramref name="initialValue"/>.</summary>
    public LinearSmoother(float initialValue = 0f)
    {
        _current = initialValue;
        _target = initialValue;
    }

    /// <summary>Ramp length in samples (at least 1).</summary>
    public int RampSamples => _rampSamples;

    /// <summary>The value the last <see cref="Next"/> returned (or the resting value).</summary>
    public float Current => _current;

    /// <summary>The value being approached.</summary>
    public float Target => _target;

    /// <summary>True while the value is still moving towards <see cref="Target"/>.</summary>
    public bool IsSmoothing => _remaining > 0;

    /// <summary>Sets the ramp time: <paramref name="rampMs"/> milliseconds at <paramref name="sampleRateHz"/>. Takes effect from the next target.</summary>
    public void Prepare(double sampleRateHz, double rampMs) =>
        _rampSamples = Math.Max(1, (int)Math.Round(sampleRateHz * rampMs / 1000.0));

    /// <summary>Starts a ramp from the current value to <paramref name="target"/>; no-op if already heading there.</summary>
    public void SetTarget(float target)
    {
        if (target == _target) return;
        RampTo(target);
    }

    /// <summary>
    /// Starts a ramp from the current value to <paramref name="target"/> even when already heading there, so
    /// ramps that must move in step (the five coefficients of a filter section) restart together.
    /// </summary>
    public void RampTo(float target)
    {
        if (target == _current)
        {
            SnapTo(target); // already there: a straight line of length zero
            return;
        }
        _target = target;
        _remaining = _rampSamples;
        _start = _current;
        _elapsed = 0;
        _step = (target - _current) / _rampSamples;
    }

    /// <summary>Jumps to <paramref name="value"/> with no ramp (only for moments nothing is audible, e.g. before playback).</summary>
    public void SnapTo(float value)
    {
        _current = value;
        _target = value;
        _remaining = 0;
    }

    /// <summary>Finishes any ramp: the value becomes the target. Settings are kept.</summary>
    public void Reset() => SnapTo(_target);

    /// <summary>Advances one sample and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Next()
    {
        if (_remaining == 0) return _current;
        // Each value is computed from the start, so rounding never accumulates; the last lands on the target.
        _current = --_remaining == 0 ? _target : _start + _step * ++_elapsed;
        return _current;
    }

    /// <summary>
    /// Advances <paramref name="samples"/> samples at once and returns the value reached, exactly the value the
    /// last of that many <see cref="Next"/> calls would return: for targets applied once per block.
    /// </summary>
    public float Advance(int samples)
    {
        if (_remaining == 0 || samples <= 0) return _current;
        if (samples >= _remaining)
        {
            _remaining = 0;
            _current = _target;
            return _current;
        }
        _remaining -= samples;
        _elapsed += samples;
        _current = _start + _step * _elapsed;
        return _current;
    }

    /// <summary>Writes the next <paramref name="values"/>.Length values.</summary>
    public void Fill(Span<float> values)
    {
        if (_remaining == 0)
        {
            values.Fill(_current);
            return;
        }
        for (int i = 0; i < values.Length; i++) values[i] = Next();
    }

    /// <summary>Multiplies <paramref name="audio"/> by the smoothed value, sample by sample.</summary>
    public void ApplyGain(Span<float> audio)
    {
        if (_remaining == 0)
        {
            float gain = _current;
            if (gain == 1f) return;
            for (int i = 0; i < audio.Length; i++) audio[i] *= gain;
            return;
        }
        for (int i = 0; i < audio.Length; i++) audio[i] *= Next();
    }
}
