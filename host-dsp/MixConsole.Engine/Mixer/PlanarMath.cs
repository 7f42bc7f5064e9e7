using MixConsole.Dsp.Core;
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

        Meter(blockPeak, s0, fader, ref preLevel, ref postLevel);
    }

    /// <summary>Where a set of strips keeps its gains and levels, for <see cref="FaderPanMonoPairs"/>.</summary>
    public interface IStripSet
    {
        /// <summary>Strips in the set.</summary>
        int Count { get; }

        /// <summary>Strip <paramref name="strip"/>'s fader, pans and mono.</summary>
        ref MixRamps Mix(int strip);

        /// <summary>Where strip <paramref name="strip"/>'s level before the fader adds up (strips may share one).</summary>
        ref LevelAccumulator PreLevel(int strip);

        /// <summary>Where strip <paramref name="strip"/>'s level after the fader adds up.</summary>
        ref LevelAccumulator PostLevel(int strip);
    }

    /// <summary>
    /// <see cref="FaderPanMono"/> for strips <paramref name="first"/> and the next, then the two after, .. of
    /// <paramref name="strips"/> (frames 0..<paramref name="n"/> of planar <paramref name="pre"/> and <paramref name="post"/>)
    /// while both strips of a pair are at rest, a pair in one pass: main left, right and mono are loaded and stored once
    /// for both, and each of their samples still adds the first strip's product before the second's, so the sums, posts
    /// and levels (shared ones too) are bit for bit those of one call per strip in order. The buffers are checked once
    /// for the run and no strip's spans are built. Returns the first strip not done (the set's count, or the first of a
    /// pair not at rest, or a last strip without a neighbour).
    /// </summary>
    public static int FaderPanMonoPairs<TStrips>(in TStrips strips, int first, AudioBuffer pre, AudioBuffer post, int n,
        Span<float> mainLeft, Span<float> mainRight, Span<float> monoBus) where TStrips : struct, IStripSet
    {
        int count = strips.Count;
        if (first < 0 || count > pre.Channels || count > post.Channels || n < 0 || n > pre.CapacityFrames || n > post.CapacityFrames
            || mainLeft.Length < n || mainRight.Length < n || monoBus.Length < n)
        {
            throw new ArgumentException("buffers smaller than the strips and frames");
        }

        ref float x0 = ref MemoryMarshal.GetArrayDataReference(pre.RawData);
        ref float p0 = ref MemoryMarshal.GetArrayDataReference(post.RawData);
        ref float l0 = ref MemoryMarshal.GetReference(mainLeft);
        ref float r0 = ref MemoryMarshal.GetReference(mainRight);
        ref float m0 = ref MemoryMarshal.GetReference(monoBus);
        nint preStride = pre.Stride, postStride = post.Stride;
        int c = first;
        for (; c + 1 < count; c += 2)
        {
            ref MixRamps a = ref strips.Mix(c);
            ref MixRamps b = ref strips.Mix(c + 1);
            if (!a.MixAtRest || !b.MixAtRest) break;
            Pair(ref Unsafe.Add(ref x0, c * preStride), ref Unsafe.Add(ref p0, c * postStride), a, ref strips.PreLevel(c), ref strips.PostLevel(c),
                ref Unsafe.Add(ref x0, (c + 1) * preStride), ref Unsafe.Add(ref p0, (c + 1) * postStride), b, ref strips.PreLevel(c + 1),
                ref strips.PostLevel(c + 1), ref l0, ref r0, ref m0, n);
        }

        return c;
    }

    // A pair's pass over n frames, the caller having checked every range (gains are the ramps' targets).
    private static void Pair(ref float xa0, ref float pa0, in MixRamps a, ref LevelAccumulator preLevelA, ref LevelAccumulator postLevelA,
        ref float xb0, ref float pb0, in MixRamps b, ref LevelAccumulator preLevelB, ref LevelAccumulator postLevelB,
        ref float l0, ref float r0, ref float m0, int n)
    {
        int w = Vector<float>.Count, t = 0;
        float faderA = a.Fader.Target, leftA = a.PanLeft.Target, rightA = a.PanRight.Target, monoA = a.Mono.Target;
        float faderB = b.Fader.Target, leftB = b.PanLeft.Target, rightB = b.PanRight.Target, monoB = b.Mono.Target;
        Vector<float> vfa = new(faderA), vla = new(leftA), vra = new(rightA), vma = new(monoA);
        Vector<float> vfb = new(faderB), vlb = new(leftB), vrb = new(rightB), vmb = new(monoB);
        Vector<float> peakA = Vector<float>.Zero, sumA = Vector<float>.Zero, peakB = Vector<float>.Zero, sumB = Vector<float>.Zero;
        // A zero gain adds nothing, as in FaderPanMono (which skips it, so -0 and non-finite products stay out too).
        bool toLeftA = leftA != 0f, toRightA = rightA != 0f, toMonoA = monoA != 0f;
        bool toLeftB = leftB != 0f, toRightB = rightB != 0f, toMonoB = monoB != 0f;
        for (; t + w <= n; t += w)
        {
            nuint i = (nuint)t;
            var xa = Vector.LoadUnsafe(ref xa0, i);
            var xb = Vector.LoadUnsafe(ref xb0, i);
            peakA = Vector.MaxNative(peakA, Vector.Abs(xa));
            sumA += xa * xa;
            peakB = Vector.MaxNative(peakB, Vector.Abs(xb));
            sumB += xb * xb;
            var pa = xa * vfa;
            var pb = xb * vfb;
            pa.StoreUnsafe(ref pa0, i);
            pb.StoreUnsafe(ref pb0, i);
            AddPair(ref l0, i, pa, vla, toLeftA, pb, vlb, toLeftB);
            AddPair(ref r0, i, pa, vra, toRightA, pb, vrb, toRightB);
            AddPair(ref m0, i, pa, vma, toMonoA, pb, vmb, toMonoB);
        }

        float blockPeakA = PeakAcross(peakA), sA = Vector.Sum(sumA), blockPeakB = PeakAcross(peakB), sB = Vector.Sum(sumB);

        for (; t < n; t++)
        {
            float xa = Unsafe.Add(ref xa0, t), xb = Unsafe.Add(ref xb0, t);
            blockPeakA = MathF.Max(blockPeakA, MathF.Abs(xa));
            sA += xa * xa;
            blockPeakB = MathF.Max(blockPeakB, MathF.Abs(xb));
            sB += xb * xb;
            float pa = xa * faderA, pb = xb * faderB;
            Unsafe.Add(ref pa0, t) = pa;
            Unsafe.Add(ref pb0, t) = pb;
            ref float left = ref Unsafe.Add(ref l0, t), right = ref Unsafe.Add(ref r0, t), mono = ref Unsafe.Add(ref m0, t);
            if (toLeftA) left = MathF.FusedMultiplyAdd(pa, leftA, left);
            if (toLeftB) left = MathF.FusedMultiplyAdd(pb, leftB, left);
            if (toRightA) right = MathF.FusedMultiplyAdd(pa, rightA, right);
            if (toRightB) right = MathF.FusedMultiplyAdd(pb, rightB, right);
            if (toMonoA) mono = MathF.FusedMultiplyAdd(pa, monoA, mono);
            if (toMonoB) mono = MathF.FusedMultiplyAdd(pb, monoB, mono);
        }

        Meter(blockPeakA, sA, faderA, ref preLevelA, ref postLevelA);
        Meter(blockPeakB, sB, faderB, ref preLevelB, ref postLevelB);
    }

    // Adds the pair's shares to one bus, the first strip's before the second's as two passes would, loading and storing it once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair(ref float bus, nuint i, Vector<float> a, Vector<float> gainA, bool toA, Vector<float> b, Vector<float> gainB, bool toB)
    {
        if (!(toA | toB)) return;
        var sum = Vector.LoadUnsafe(ref bus, i);
        if (toA) sum = Vector.FusedMultiplyAdd(a, gainA, sum);
        if (toB) sum = Vector.FusedMultiplyAdd(b, gainB, sum);
        sum.StoreUnsafe(ref bus, i);
    }

    // After a fixed fader the peak is the peak before it times |fader| exactly (rounding is monotonic), and the
    // energy is the energy before it times fader squared; no second pass over the samples.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Meter(float blockPeak, float sumOfSquares, float fader, ref LevelAccumulator preLevel, ref LevelAccumulator postLevel)
    {
        preLevel.Peak = MathF.Max(preLevel.Peak, blockPeak);
        preLevel.SumOfSquares += sumOfSquares;
        postLevel.Peak = MathF.Max(postLevel.Peak, blockPeak * MathF.Abs(fader));
        postLevel.SumOfSquares += sumOfSquares * fader * fader;
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
