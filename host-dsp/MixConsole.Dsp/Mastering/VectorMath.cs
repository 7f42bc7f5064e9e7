using System.Numerics;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Mastering;

/// <summary>Whole-span helpers for the limiter's per-block work, <see cref="Vector{T}"/> wide.</summary>
internal static class VectorMath
{
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
            for (int k = 0; k < Vector<float>.Count; k++) max = MathF.Max(max, vmax[k]);
        }
        for (; i < x.Length; i++) max = MathF.Max(max, MathF.Abs(x[i]));
        return max;
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
