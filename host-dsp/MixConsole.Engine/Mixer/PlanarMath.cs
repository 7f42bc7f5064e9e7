using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Metering;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// Vectorised loops on planar audio for the steady state (no gain moving): one pass does what would
/// otherwise be several, so a 32-frame block spends its time on arithmetic rather than on loop set-up.
/// Every path computes each output sample with the same operations as <see cref="LinearRamp"/> at rest.
/// </summary>
internal static class PlanarMath
{
    /// <summary><paramref name="destination"/> += <paramref name="source"/>.</summary>
    public static void Add(ReadOnlySpan<float> source, Span<float> destination)
    {
        int t = 0, n = source.Length, w = Vector<float>.Count;
        if (destination.Length < n) throw new ArgumentException("destination shorter than source", nameof(destination));
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        for (; t + w <= n; t += w) (Vector.LoadUnsafe(ref d, (nuint)t) + Vector.LoadUnsafe(ref s, (nuint)t)).StoreUnsafe(ref d, (nuint)t);
        for (; t < n; t++) destination[t] += source[t];
    }

    /// <summary>
    /// A strip's output at rest: <paramref name="post"/> = <paramref name="pre"/> × fader; left, right and mono
    /// receive post × their gains; levels before and after the fader are metered.
    /// </summary>
    public static void FaderPanMono(ReadOnlySpan<float> pre, Span<float> post, float fader, float left, float right, float mono,
        Span<float> mainLeft, Span<float> mainRight, Span<float> monoBus, ref LevelAccumulator preLevel, ref LevelAccumulator postLevel)
    {
        int n = pre.Length, w = Vector<float>.Count, t = 0;
        if (post.Length < n || mainLeft.Length < n || mainRight.Length < n || monoBus.Length < n) throw new ArgumentException("buffers shorter than the block");
        ref float x0 = ref MemoryMarshal.GetReference(pre);
        ref float p0 = ref MemoryMarshal.GetReference(post);
        ref float l0 = ref MemoryMarshal.GetReference(mainLeft);
        ref float r0 = ref MemoryMarshal.GetReference(mainRight);
        ref float m0 = ref MemoryMarshal.GetReference(monoBus);
        Vector<float> vf = new(fader), vl = new(left), vr = new(right), vm = new(mono);
        Vector<float> peakPre = Vector<float>.Zero, sumPre = Vector<float>.Zero;
        bool toMono = mono != 0f, toLeft = left != 0f, toRight = right != 0f;
        for (; t + w <= n; t += w)
        {
            nuint i = (nuint)t;
            var x = Vector.LoadUnsafe(ref x0, i);
            peakPre = Vector.MaxNative(peakPre, Vector.Abs(x));
            sumPre += x * x;
            var p = x * vf;
            p.StoreUnsafe(ref p0, i);
            if (toLeft) Vector.FusedMultiplyAdd(p, vl, Vector.LoadUnsafe(ref l0, i)).StoreUnsafe(ref l0, i);
            if (toRight) Vector.FusedMultiplyAdd(p, vr, Vector.LoadUnsafe(ref r0, i)).StoreUnsafe(ref r0, i);
            if (toMono) Vector.FusedMultiplyAdd(p, vm, Vector.LoadUnsafe(ref m0, i)).StoreUnsafe(ref m0, i);
        }

        float blockPeak = PeakAcross(peakPre), s0 = Vector.Sum(sumPre);

        for (; t < n; t++)
        {
            float x = pre[t];
            blockPeak = MathF.Max(blockPeak, MathF.Abs(x));
            s0 += x * x;
            float p = x * fader;
            post[t] = p;
            if (toLeft) mainLeft[t] = MathF.FusedMultiplyAdd(p, left, mainLeft[t]);
            if (toRight) mainRight[t] = MathF.FusedMultiplyAdd(p, right, mainRight[t]);
            if (toMono) monoBus[t] = MathF.FusedMultiplyAdd(p, mono, monoBus[t]);
        }

        // After a fixed fader the peak is the peak before it times |fader| exactly (rounding is monotonic), and the
        // energy is the energy before it times fader squared; no second pass over the samples.
        preLevel.Peak = MathF.Max(preLevel.Peak, blockPeak);
        preLevel.SumOfSquares += s0;
        postLevel.Peak = MathF.Max(postLevel.Peak, blockPeak * MathF.Abs(fader));
        postLevel.SumOfSquares += s0 * fader * fader;
    }

    // The largest lane of magnitudes (each at least 0, or NaN): as integers such floats order as they do as floats,
    // so a few integer maxima replace the ordered float maximum's sign and NaN handling (a NaN lane still gives NaN).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float PeakAcross(Vector<float> peaks)
    {
        Vector128<int> m;
        if (Vector<float>.Count == 8)
        {
            Vector256<int> bits = peaks.AsVector256().AsInt32();
            m = Vector128.Max(bits.GetLower(), bits.GetUpper());
        }
        else if (Vector<float>.Count == 4)
        {
            m = peaks.AsVector128().AsInt32();
        }
        else
        {
            float peak = 0f;
            for (int i = 0; i < Vector<float>.Count; i++) peak = MathF.Max(peak, peaks[i]);
            return peak;
        }

        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2)));
        return BitConverter.Int32BitsToSingle(m.ToScalar());
    }
}
