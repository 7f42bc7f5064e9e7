using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Filters;

/// <summary>
/// One second-order section for one channel, transposed direct form II in float.
/// <see cref="Update"/> retunes and keeps the state (no click on a sweep);
/// <see cref="Reset"/> clears the state and keeps the tuning.
/// </summary>
public sealed class Biquad
{
    private float _b0 = 1, _b1, _b2, _a1, _a2;
    private float _z1, _z2;

    /// <summary>Creates a pass-through section.</summary>
    public Biquad()
    {
    }

    /// <summary>Creates a section tuned to <paramref name="coefficients"/>.</summary>
    public Biquad(in BiquadCoefficients coefficients) => Update(coefficients);

    /// <summary>Retunes to <paramref name="coefficients"/>, keeping the filter state.</summary>
    public void Update(in BiquadCoefficients coefficients)
    {
        _b0 = (float)coefficients.B0;
        _b1 = (float)coefficients.B1;
        _b2 = (float)coefficients.B2;
        _a1 = (float)coefficients.A1;
        _a2 = (float)coefficients.A2;
    }

    /// <summary>Clears the filter state; the tuning is kept.</summary>
    public void Reset()
    {
        _z1 = 0;
        _z2 = 0;
    }

    /// <summary>Filters one sample. Denormal state is flushed only by <see cref="Process(Span{float})"/>; call <see cref="FlushDenormals"/> after a run of single samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ProcessSample(float input)
    {
        float y = _b0 * input + _z1;
        _z1 = _b1 * input - _a1 * y + _z2;
        _z2 = _b2 * input - _a2 * y;
        return y;
    }

    /// <summary>Sets state values too small to hear (below 1e-15) to zero, so silence never decays into denormals.</summary>
    public void FlushDenormals()
    {
        if (MathF.Abs(_z1) < DenormalGuard.Threshold) _z1 = 0;
        if (MathF.Abs(_z2) < DenormalGuard.Threshold) _z2 = 0;
    }

    /// <summary>Filters <paramref name="audio"/> in place.</summary>
    public void Process(Span<float> audio) => Process(audio, audio);

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (same length; may be the same memory).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length) throw new ArgumentException("output shorter than input", nameof(output));
        float b0 = _b0, b1 = _b1, b2 = _b2, a1 = _a1, a2 = _a2, z1 = _z1, z2 = _z2;
        for (int i = 0; i < input.Length; i++)
        {
            float x = input[i];
            float y = b0 * x + z1;
            z1 = b1 * x - a1 * y + z2;
            z2 = b2 * x - a2 * y;
            output[i] = y;
        }
        _z1 = z1;
        _z2 = z2;
        FlushDenormals();
    }
}
