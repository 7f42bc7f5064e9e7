using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static MixConsole.Dsp.Dynamics.FastDecibels;

namespace MixConsole.Dsp.Lanes;

/// <summary>
/// Maths on whole <see cref="Vector{T}"/> registers and spans: the per-register steps both vector lanes share (the
/// decibel steps mirror <see cref="Dynamics.FastDecibels"/> exactly, with its constants) and the limiter's span helpers.
/// </summary>
public static class VectorMath
{
    /// <summary>Lanes 0,1,2,3.. become 1,0,3,2..: each lane sees its stereo partner.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SwapPairs(Vector<float> a)
    {
        if (Vector<float>.Count == 16)
            return Vector512.Shuffle(a.AsVector512(), Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14)).AsVector();
        if (Vector<float>.Count == 8)
            return Vector256.Shuffle(a.AsVector256(), Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)).AsVector();
        return Vector128.Shuffle(a.AsVector128(), Vector128.Create(1, 0, 3, 2)).AsVector();
    }

    /// <summary>
    /// <see cref="MathF.Max(float, float)"/> over every lane (NaN if a lane is NaN, +0 over -0): the same float as a
    /// scalar loop in any order, in a few shuffles instead of one call per lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector<float> a)
    {
        Vector128<float> m;
        if (Vector<float>.Count == 16)
        {
            Vector512<float> a512 = a.AsVector512();
            Vector256<float> half = Vector256.Max(a512.GetLower(), a512.GetUpper());
            m = Vector128.Max(half.GetLower(), half.GetUpper());
        }
        else if (Vector<float>.Count == 8)
        {
            Vector256<float> a256 = a.AsVector256();
            m = Vector128.Max(a256.GetLower(), a256.GetUpper());
        }
        else if (Vector<float>.Count == 4)
        {
            m = a.AsVector128();
        }
        else
        {
            float max = a[0];
            for (int k = 1; k < Vector<float>.Count; k++) max = MathF.Max(max, a[k]);
            return max;
        }

        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2)));
        return m.ToScalar();
    }

    /// <summary><see cref="Dynamics.FastDecibels.GainToDb"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> GainToDb(Vector<float> gain)
    {
        var db = new Vector<float>(DbPerOctave) * Log2(gain);
        return Vector.ConditionalSelect(Vector.GreaterThan(gain, new Vector<float>(FloorGain)), db, new Vector<float>(FloorDb));
    }

    /// <summary><see cref="Dynamics.FastDecibels.DbToGain"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> DbToGain(Vector<float> gainDb) => Exp2(gainDb * new Vector<float>(OctavesPerDb));

    /// <summary><see cref="Dynamics.FastDecibels.Log2"/> per lane (positive normal floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log2(Vector<float> x)
    {
        Vector<int> sqrtHalf = new(SqrtHalfBits);
        Vector<int> folded = x.As<float, int>() - sqrtHalf;
        Vector<int> exponent = Vector.ShiftRightArithmetic(folded, 23);
        Vector<float> m = ((folded & new Vector<int>(0x007FFFFF)) + sqrtHalf).As<int, float>() - Vector<float>.One;
        Vector<float> p = Vector.FusedMultiplyAdd(new Vector<float>(Log2C6), m, new Vector<float>(Log2C5));
        p = Vector.FusedMultiplyAdd(p, m, new Vector<float>(Log2C4));
        p = Vector.FusedMultiplyAdd(p, m, new Vector<float>(Log2C3));
        p = Vector.FusedMultiplyAdd(p, m, new Vector<float>(Log2C2));
        p = Vector.FusedMultiplyAdd(p, m, new Vector<float>(Log2C1));
        return Vector.FusedMultiplyAdd(p, m, Vector.ConvertToSingle(exponent));
    }

    /// <summary><see cref="Dynamics.FastDecibels.Exp2"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp2(Vector<float> x)
    {
        x = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(Exp2Lowest)), new Vector<float>(Exp2Highest));
        Vector<float> whole = Vector.Round(x);
        Vector<float> f = x - whole;
        Vector<float> p = Vector.FusedMultiplyAdd(new Vector<float>(Exp2C5), f, new Vector<float>(Exp2C4));
        p = Vector.FusedMultiplyAdd(p, f, new Vector<float>(Exp2C3));
        p = Vector.FusedMultiplyAdd(p, f, new Vector<float>(Exp2C2));
        p = Vector.FusedMultiplyAdd(p, f, new Vector<float>(Exp2C1));
        p = Vector.FusedMultiplyAdd(p, f, Vector<float>.One);
        // whole is an integer in -125..127, so the plain conversion needs no saturation handling.
        return (p.As<float, int>() + Vector.ShiftLeft(Vector.ConvertToInt32Native(whole), 23)).As<int, float>();
    }

    /// <summary>Largest |x[i]| (0 for an empty span).</summary>
    public static float AbsMax(ReadOnlySpan<float> x)
    {
        int i = 0;
        float max = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            ref float x0 = ref MemoryMarshal.GetReference(x);
            var vmax = Vector<float>.Zero;
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
                vmax = Vector.Max(vmax, Vector.Abs(Vector.LoadUnsafe(ref x0, (nuint)i)));
            max = MathF.Max(max, MaxAcross(vmax));
        }
        for (; i < x.Length; i++) max = MathF.Max(max, MathF.Abs(x[i]));
        return max;
    }

    /// <summary>y[i] = x[i] * gain over the length of <paramref name="x"/> (<paramref name="y"/> may be <paramref name="x"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale(ReadOnlySpan<float> x, float gain, Span<float> y)
    {
        int n = x.Length, i = 0, w = Vector<float>.Count;
        if (y.Length < n) throw new ArgumentException("output shorter than the input", nameof(y));
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        var g = new Vector<float>(gain);
        for (; i + w <= n; i += w) (Vector.LoadUnsafe(ref x0, (nuint)i) * g).StoreUnsafe(ref y0, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref y0, i) = Unsafe.Add(ref x0, i) * gain;
    }

    /// <summary>y[i] = x[i] * g[i] over the length of <paramref name="y"/>.</summary>
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> y)
    {
        int n = y.Length, i = 0;
        if (x.Length < n || g.Length < n) throw new ArgumentException("inputs shorter than the output");
        if (Vector.IsHardwareAccelerated)
        {
            ref float x0 = ref MemoryMarshal.GetReference(x);
            ref float g0 = ref MemoryMarshal.GetReference(g);
            ref float y0 = ref MemoryMarshal.GetReference(y);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                (Vector.LoadUnsafe(ref x0, (nuint)i) * Vector.LoadUnsafe(ref g0, (nuint)i)).StoreUnsafe(ref y0, (nuint)i);
        }
        for (; i < n; i++) y[i] = x[i] * g[i];
    }
}
