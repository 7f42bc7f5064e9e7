using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixConsole.Engine.Mixer.Lanes;

/// <summary>The per-register maths both vector rows share; the decibel steps mirror <see cref="Dsp.Dynamics.FastDecibels"/> exactly.</summary>
internal static class VectorMath
{
    private const float DbPerOctave = 6.020599913f;
    private const float OctavesPerDb = 0.1660964047f;
    private const float Ln2 = 0.6931471806f;
    private const float InverseLn2 = 1.442695041f;
    private const float FloorGain = 1e-10f;
    private const float FloorDb = -200f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SwapPairs(Vector<float> a)
    {
        if (Vector<float>.Count == 16)
            return Vector512.Shuffle(a.AsVector512(), Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14)).AsVector();
        if (Vector<float>.Count == 8)
            return Vector256.Shuffle(a.AsVector256(), Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)).AsVector();
        return Vector128.Shuffle(a.AsVector128(), Vector128.Create(1, 0, 3, 2)).AsVector();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> GainToDb(Vector<float> gain)
    {
        var db = new Vector<float>(DbPerOctave) * Log2(gain);
        return Vector.ConditionalSelect(Vector.GreaterThan(gain, new Vector<float>(FloorGain)), db, new Vector<float>(FloorDb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> DbToGain(Vector<float> gainDb) => Exp2(gainDb * new Vector<float>(OctavesPerDb));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log2(Vector<float> x)
    {
        Vector<int> bits = x.As<float, int>();
        Vector<int> exponent = Vector.ShiftRightArithmetic(bits, 23) - new Vector<int>(127);
        Vector<float> mantissa = ((bits & new Vector<int>(0x007FFFFF)) | new Vector<int>(0x3F800000)).As<int, float>();
        Vector<int> fold = Vector.GreaterThan(mantissa, new Vector<float>(1.414213562f));
        mantissa = Vector.ConditionalSelect(fold, mantissa * new Vector<float>(0.5f), mantissa);
        exponent -= fold; // a true mask is -1
        Vector<float> one = Vector<float>.One;
        Vector<float> u = (mantissa - one) / (mantissa + one), u2 = u * u;
        Vector<float> series = Vector.FusedMultiplyAdd(u2, new Vector<float>(1f / 9f), new Vector<float>(1f / 7f));
        series = Vector.FusedMultiplyAdd(u2, series, new Vector<float>(1f / 5f));
        series = Vector.FusedMultiplyAdd(u2, series, new Vector<float>(1f / 3f));
        series = Vector.FusedMultiplyAdd(u2, series, one);
        return Vector.FusedMultiplyAdd(u * new Vector<float>(2f * InverseLn2), series, Vector.ConvertToSingle(exponent));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp2(Vector<float> x)
    {
        x = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(-126f)), new Vector<float>(127f));
        Vector<float> whole = Vector.Round(x);
        Vector<float> t = (x - whole) * new Vector<float>(Ln2);
        Vector<float> p = Vector.FusedMultiplyAdd(t, new Vector<float>(1f / 720f), new Vector<float>(1f / 120f));
        p = Vector.FusedMultiplyAdd(t, p, new Vector<float>(1f / 24f));
        p = Vector.FusedMultiplyAdd(t, p, new Vector<float>(1f / 6f));
        p = Vector.FusedMultiplyAdd(t, p, new Vector<float>(0.5f));
        p = Vector.FusedMultiplyAdd(t, p, Vector<float>.One);
        p = Vector.FusedMultiplyAdd(t, p, Vector<float>.One);
        // whole is an integer in -126..127, so the plain conversion needs no saturation handling.
        Vector<int> scale = Vector.ShiftLeft(Vector.ConvertToInt32Native(whole) + new Vector<int>(127), 23);
        return p * scale.As<int, float>();
    }
}
