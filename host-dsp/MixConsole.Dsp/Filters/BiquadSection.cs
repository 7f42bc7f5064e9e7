using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Filters;

/// <summary>
/// A biquad as a plain value (coefficients and state in one struct) for kernels that run
/// a filter inside their own per-sample loop: copy it to a local before the loop, call
/// <see cref="Next"/>, store it back after, so the state lives in registers.
/// </summary>
public struct BiquadSection
{
    private float _b0, _b1, _b2, _a1, _a2, _z1, _z2;

    /// <summary>Creates a section tuned to <paramref name="coefficients"/> with cleared state.</summary>
    public BiquadSection(in BiquadCoefficients coefficients) => Update(coefficients);

    /// <summary>Retunes, keeping the state.</summary>
    public void Update(in BiquadCoefficients coefficients)
    {
        _b0 = (float)coefficients.B0;
        _b1 = (float)coefficients.B1;
        _b2 = (float)coefficients.B2;
        _a1 = (float)coefficients.A1;
        _a2 = (float)coefficients.A2;
    }

    /// <summary>Retunes to coefficients already rounded to float (a per-sample coefficient glide), keeping the state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(float b0, float b1, float b2, float a1, float a2)
    {
        _b0 = b0;
        _b1 = b1;
        _b2 = b2;
        _a1 = a1;
        _a2 = a2;
    }

    /// <summary>True when the state is exactly zero: the section holds nothing of past input.</summary>
    public readonly bool IsClear => _z1 == 0 && _z2 == 0;

    /// <summary>Clears the state, keeping the tuning.</summary>
    public void Reset()
    {
        _z1 = 0;
        _z2 = 0;
    }

    /// <summary>Filters one sample (transposed direct form II).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Next(float input)
    {
        float y = _b0 * input + _z1;
        _z1 = _b1 * input - _a1 * y + _z2;
        _z2 = _b2 * input - _a2 * y;
        return y;
    }

    /// <summary>Zeroes state below <see cref="DenormalGuard.Threshold"/>; call once per block.</summary>
    public void FlushDenormals()
    {
        _z1 = DenormalGuard.Flush(_z1);
        _z2 = DenormalGuard.Flush(_z2);
    }
}
