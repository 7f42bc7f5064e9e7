using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Fir;

/// <summary>SIMD dot products for the FIR filters (oversampler, linear-phase EQ).</summary>
internal static class FirMath
{
    /// <summary>Sum of a[i] * b[i] over the shorter length, Vector&lt;float&gt; wide.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = Math.Min(a.Length, b.Length);
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..n]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            var acc = Vector<float>.Zero;
            for (int v = 0; v < va.Length; v++) acc += va[v] * vb[v];
            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>
    /// Four dot products of <paramref name="a"/> with the windows of <paramref name="b"/> starting at 0, 1, 2, 3: the
    /// same arithmetic as four <see cref="Dot"/> calls (bit-identical), with four independent sums in flight.
    /// </summary>
    public static void Dot4(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sums)
    {
        int n = a.Length;
        if (b.Length < n + 3 || sums.Length < 4) throw new ArgumentException("b must be 3 longer than a, sums at least 4");
        int i = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            int w = Vector<float>.Count, vectors = n / w;
            Vector<float> acc0 = Vector<float>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (int v = 0; v < vectors; v++, i += w)
            {
                Vector<float> va = Vector.LoadUnsafe(ref ra, (nuint)i);
                acc0 += va * Vector.LoadUnsafe(ref rb, (nuint)i);
                acc1 += va * Vector.LoadUnsafe(ref rb, (nuint)(i + 1));
                acc2 += va * Vector.LoadUnsafe(ref rb, (nuint)(i + 2));
                acc3 += va * Vector.LoadUnsafe(ref rb, (nuint)(i + 3));
            }
            s0 = Vector.Sum(acc0); s1 = Vector.Sum(acc1); s2 = Vector.Sum(acc2); s3 = Vector.Sum(acc3);
        }
        for (; i < n; i++)
        {
            float ai = Unsafe.Add(ref ra, i);
            s0 += ai * Unsafe.Add(ref rb, i);
            s1 += ai * Unsafe.Add(ref rb, i + 1);
            s2 += ai * Unsafe.Add(ref rb, i + 2);
            s3 += ai * Unsafe.Add(ref rb, i + 3);
        }
        sums[0] = s0; sums[1] = s1; sums[2] = s2; sums[3] = s3;
    }
}
