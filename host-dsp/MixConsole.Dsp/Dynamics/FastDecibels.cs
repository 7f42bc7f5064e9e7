using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// Decibel conversions cheap enough to run per sample in every channel's dynamics (several times faster than
/// MathF.Log10/Pow), with no division: log2 as a degree-6 minimax polynomial in m - 1 for the mantissa m folded to
/// [0.707, 1.414), 2^x as a degree-5 minimax polynomial of the fraction after rounding, both evaluated with fused
/// multiply-adds (the engine's SIMD lanes repeat these exact steps). Error against exact maths (FastDecibelsAccuracyTests):
/// log2 within 2.3e-6 plus the float rounding of the result (7e-6 dB of power, 1.4e-5 dB of gain), 2^x within 1.6e-7
/// relative (1.4e-6 dB); log2(1) = 0 and 2^0 = 1 exactly.
/// </summary>
public static class FastDecibels
{
    /// <summary>Level reported for zero or tiny gains (-200 dB), so the maths never sees infinity.</summary>
    public const float FloorDb = -200f;

    // Shared with the SIMD form (Lanes.VectorMath), which repeats these steps per lane.
    internal const float DbPerOctave = 6.020599913f; // 20 log10(2)
    internal const float OctavesPerDb = 0.1660964047f;
    internal const float FloorGain = 1e-10f;

    /// <summary>20 log10(<paramref name="gain"/>), floored at <see cref="FloorDb"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GainToDb(float gain) => gain > FloorGain ? DbPerOctave * Log2(gain) : FloorDb;

    /// <summary>10 log10(<paramref name="power"/>) for a mean square, floored at <see cref="FloorDb"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float PowerToDb(float power) => power > FloorGain * FloorGain ? 0.5f * DbPerOctave * Log2(power) : FloorDb;

    /// <summary>10^(<paramref name="gainDb"/>/20); below about -760 dB returns the smallest normal float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float DbToGain(float gainDb) => Exp2(gainDb * OctavesPerDb);

    // Minimax coefficients (Remez, absolute error of log2(1 + x) on [sqrt(1/2) - 1, sqrt(2) - 1]; relative error of 2^f on
    // [-1/2, 1/2] with 2^0 held at 1), highest power first.
    internal const float Log2C6 = -0.20659181475639343f, Log2C5 = 0.32215481996536255f, Log2C4 = -0.3674899637699127f;
    internal const float Log2C3 = 0.47934800386428833f, Log2C2 = -0.7211318612098694f, Log2C1 = 1.4427134990692139f;
    internal const float Exp2C5 = 0.001326472731307149f, Exp2C4 = 0.009671512991189957f, Exp2C3 = 0.05550733581185341f;
    internal const float Exp2C2 = 0.24022242426872253f, Exp2C1 = 0.6931470036506653f;
    // The bits of sqrt(1/2): subtracted from a float's bits, the exponent field's borrow folds the mantissa to [0.707, 1.414).
    internal const int SqrtHalfBits = 0x3F3504F3;
    internal const float Exp2Lowest = -125f, Exp2Highest = 127f;

    /// <summary>log2 of a positive normal float (0 gives -127).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log2(float x)
    {
        int folded = BitConverter.SingleToInt32Bits(x) - SqrtHalfBits;
        int exponent = folded >> 23;
        float m = BitConverter.Int32BitsToSingle((folded & 0x007FFFFF) + SqrtHalfBits) - 1f;
        float p = MathF.FusedMultiplyAdd(Log2C6, m, Log2C5);
        p = MathF.FusedMultiplyAdd(p, m, Log2C4);
        p = MathF.FusedMultiplyAdd(p, m, Log2C3);
        p = MathF.FusedMultiplyAdd(p, m, Log2C2);
        p = MathF.FusedMultiplyAdd(p, m, Log2C1);
        return MathF.FusedMultiplyAdd(p, m, exponent);
    }

    /// <summary>2^<paramref name="x"/>, clamped to -125..127 so the result stays a normal float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp2(float x)
    {
        x = Math.Clamp(x, Exp2Lowest, Exp2Highest);
        float whole = MathF.Round(x);
        float f = x - whole;
        float p = MathF.FusedMultiplyAdd(Exp2C5, f, Exp2C4);
        p = MathF.FusedMultiplyAdd(p, f, Exp2C3);
        p = MathF.FusedMultiplyAdd(p, f, Exp2C2);
        p = MathF.FusedMultiplyAdd(p, f, Exp2C1);
        p = MathF.FusedMultiplyAdd(p, f, 1f);
        // p is within [0.7, 1.42] and whole within -125..127: adding whole to the exponent field scales by 2^whole exactly.
        return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(p) + ((int)whole << 23));
    }
}
