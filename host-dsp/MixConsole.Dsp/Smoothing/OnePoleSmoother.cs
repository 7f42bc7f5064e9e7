using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Smoothing;

/// <summary>
/// Approaches its target exponentially with time constant <c>timeMs</c> (63 % of the way
/// after one time constant), the smoothing an RC circuit gives. Suited to frequencies
/// (smooth their log) and to values that change continuously. The largest step
/// between samples is the first one: (1 - e^(-1/(tau fs))) times the jump. It snaps to
/// the target once within <see cref="SettleTolerance"/> of it, so it stops costing time.
/// </summary>
public sealed class OnePoleSmoother
{
    /// <summary>Distance to the target below which the value snaps onto it.</summary>
    public const float SettleTolerance = 1e-6f;

    private float _current;
    private float _target;
    private float _coefficient;

    /// <summary>Creates a smoother resting at <paramref name="initialValue"/>; call <see cref="Prepare"/> before use.</summary>
    public OnePoleSmoother(float initialValue = 0f)
    {
        _current = initialValue;
        _target = initialValue;
    }

    /// <summary>The latest value.</summary>
    public float Current => _current;

    /// <summary>The value being approached.</summary>
    public float Target => _target;

    /// <summary>True while the value differs from the target.</summary>
    public bool IsSmoothing => _current != _target;

    /// <summary>Sets the time constant: <paramref name="timeMs"/> milliseconds at <paramref name="sampleRateHz"/>.</summary>
    public void Prepare(double sampleRateHz, double timeMs) =>
        _coefficient = timeMs <= 0 ? 1f : (float)(1 - Math.Exp(-1000.0 / (timeMs * sampleRateHz)));

    /// <summary>Sets the value to approach.</summary>
    public void SetTarget(float target) => _target = target;

    /// <summary>Jumps to <paramref name="value"/> with no smoothing.</summary>
    public void SnapTo(float value)
    {
        _current = value;
        _target = value;
    }

    /// <summary>Finishes any movement: the value becomes the target.</summary>
    public void Reset() => _current = _target;

    /// <summary>Advances one sample and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Next()
    {
        if (_current == _target) return _current;
        float next = _current + _coefficient * (_target - _current);
        // Float steps can stall short of the target: a stalled or close value snaps onto it.
        _current = next == _current || MathF.Abs(_target - next) <= SettleTolerance * MathF.Max(1f, MathF.Abs(_target)) ? _target : next;
        return _current;
    }

    /// <summary>Writes the next <paramref name="values"/>.Length values.</summary>
    public void Fill(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = Next();
    }
}
