using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Fir;

/// <summary>
/// A symmetric FIR of even length 2D, folded (each tap pair adds its two inputs, then one multiply) and
/// vectorised over time: every lane runs the scalar arithmetic (even-indexed pairs into one sum, odd-indexed
/// into another, then their sum), so the output does not depend on the block split or the vector width.
/// </summary>
internal static class FoldedFir
{
    private static void Single(ref float c0, int d, ref float x0, ref float y0, int i)
    {
        Vector<float> e = default, o = default;
        ref float lo = ref Unsafe.Add(ref x0, i + 1);
        ref float hi = ref Unsafe.Add(ref x0, i + 2 * d);
        int t = 0;
        for (; t + 1 < d; t += 2)
        {
            e = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref Unsafe.Add(ref lo, t)) + Vector.LoadUnsafe(ref Unsafe.Subtract(ref hi, t)), new Vector<float>(Unsafe.Add(ref c0, t)), e);
            o = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref Unsafe.Add(ref lo, t + 1)) + Vector.LoadUnsafe(ref Unsafe.Subtract(ref hi, t + 1)), new Vector<float>(Unsafe.Add(ref c0, t + 1)), o);
        }
        if (t < d)
            e = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref Unsafe.Add(ref lo, t)) + Vector.LoadUnsafe(ref Unsafe.Subtract(ref hi, t)), new Vector<float>(Unsafe.Add(ref c0, t)), e);
        (e + o).StoreUnsafe(ref y0, (nuint)i);
    }

    /// <summary>
    /// output[i] = sum over t &lt; D of folded[t] * (x[i + 1 + t] + x[i + 2D - t]) for i in [0, frames), where D is
    /// folded.Length and x holds each output's 2D-sample window starting at i + 1.
    /// </summary>
    public static void Process(ReadOnlySpan<float> folded, ReadOnlySpan<float> x, int frames, Span<float> output)
    {
        int d = folded.Length;
        if (x.Length < frames + 2 * d || output.Length < frames) throw new ArgumentException("input or output too short");
        ref float c0 = ref MemoryMarshal.GetReference(folded);
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(output);
        int w = Vector<float>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Four output vectors at a time: eight independent sums keep both FMA pipes busy.
            for (; i <= frames - 4 * w; i += 4 * w)
            {
                Vector<float> e0 = default, o0 = default, e1 = default, o1 = default, e2 = default, o2 = default, e3 = default, o3 = default;
                ref float lo = ref Unsafe.Add(ref x0, i + 1);
                ref float hi = ref Unsafe.Add(ref x0, i + 2 * d);
                int t = 0;
                for (; t + 1 < d; t += 2)
                {
                    var ce = new Vector<float>(Unsafe.Add(ref c0, t));
                    var co = new Vector<float>(Unsafe.Add(ref c0, t + 1));
                    ref float l = ref Unsafe.Add(ref lo, t);
                    ref float h = ref Unsafe.Subtract(ref hi, t);
                    e0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l) + Vector.LoadUnsafe(ref h), ce, e0);
                    e1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)w) + Vector.LoadUnsafe(ref h, (nuint)w), ce, e1);
                    e2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)(2 * w)) + Vector.LoadUnsafe(ref h, (nuint)(2 * w)), ce, e2);
                    e3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)(3 * w)) + Vector.LoadUnsafe(ref h, (nuint)(3 * w)), ce, e3);
                    l = ref Unsafe.Add(ref l, 1);
                    h = ref Unsafe.Subtract(ref h, 1);
                    o0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l) + Vector.LoadUnsafe(ref h), co, o0);
                    o1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)w) + Vector.LoadUnsafe(ref h, (nuint)w), co, o1);
                    o2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)(2 * w)) + Vector.LoadUnsafe(ref h, (nuint)(2 * w)), co, o2);
                    o3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)(3 * w)) + Vector.LoadUnsafe(ref h, (nuint)(3 * w)), co, o3);
                }
                if (t < d)
                {
                    var ce = new Vector<float>(Unsafe.Add(ref c0, t));
                    ref float l = ref Unsafe.Add(ref lo, t);
                    ref float h = ref Unsafe.Subtract(ref hi, t);
                    e0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l) + Vector.LoadUnsafe(ref h), ce, e0);
                    e1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)w) + Vector.LoadUnsafe(ref h, (nuint)w), ce, e1);
                    e2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)(2 * w)) + Vector.LoadUnsafe(ref h, (nuint)(2 * w)), ce, e2);
                    e3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref l, (nuint)(3 * w)) + Vector.LoadUnsafe(ref h, (nuint)(3 * w)), ce, e3);
                }
                (e0 + o0).StoreUnsafe(ref y0, (nuint)i);
                (e1 + o1).StoreUnsafe(ref y0, (nuint)(i + w));
                (e2 + o2).StoreUnsafe(ref y0, (nuint)(i + 2 * w));
                (e3 + o3).StoreUnsafe(ref y0, (nuint)(i + 3 * w));
            }
            for (; i <= frames - w; i += w) Single(ref c0, d, ref x0, ref y0, i);
            // A last partial vector is recomputed as the whole vector ending at `frames` (each lane's value does not depend on its neighbours).
            if (i < frames && frames >= w)
            {
                Single(ref c0, d, ref x0, ref y0, frames - w);
                i = frames;
            }
        }
        for (; i < frames; i++)
        {
            float e = 0, o = 0;
            ref float lo = ref Unsafe.Add(ref x0, i + 1);
            ref float hi = ref Unsafe.Add(ref x0, i + 2 * d);
            int t = 0;
            for (; t + 1 < d; t += 2)
            {
                e = MathF.FusedMultiplyAdd(Unsafe.Add(ref lo, t) + Unsafe.Subtract(ref hi, t), Unsafe.Add(ref c0, t), e);
                o = MathF.FusedMultiplyAdd(Unsafe.Add(ref lo, t + 1) + Unsafe.Subtract(ref hi, t + 1), Unsafe.Add(ref c0, t + 1), o);
            }
            if (t < d)
                e = MathF.FusedMultiplyAdd(Unsafe.Add(ref lo, t) + Unsafe.Subtract(ref hi, t), Unsafe.Add(ref c0, t), e);
            Unsafe.Add(ref y0, i) = e + o;
        }
    }
}
