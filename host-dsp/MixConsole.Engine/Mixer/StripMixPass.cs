using MixConsole.Dsp.Core;
using MixConsole.Dsp.Lanes;
using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Metering;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// One strip's fader, pan into main, mono and solo over a chunk: the pass every channel, aux input and effect
/// return runs (one fused pass at rest, ramps sample by sample while moving). Solo taps after fader and pan (AFL)
/// or before the fader (PFL).
/// </summary>
internal static class StripMixPass
{
    public static void Run(ref MixRamps r, ReadOnlySpan<float> pre, Span<float> post, Span<float> mainL, Span<float> mainR, Span<float> mono,
        Span<float> soloL, Span<float> soloR, bool soloAfterFader, ref LevelAccumulator preLevel, ref LevelAccumulator postLevel)
    {
        if (r.MixAtRest)
        {
            PlanarMath.FaderPanMono(pre, post, r.Fader.Target, r.PanLeft.Target, r.PanRight.Target, r.Mono.Target,
                mainL, mainR, mono, ref preLevel, ref postLevel);
        }
        else if (pre.Length % Vector<float>.Count == 0)
        {
            RunMoving(ref r, pre, post, mainL, mainR, mono, ref preLevel, ref postLevel);
        }
        else
        {
            preLevel.Add(pre);
            r.Fader.Scale(pre, post);
            postLevel.Add(post);
            r.PanLeft.MultiplyAdd(post, mainL);
            r.PanRight.MultiplyAdd(post, mainR);
            r.Mono.MultiplyAdd(post, mono);
        }

        Solo(ref r, pre, post, soloL, soloR, soloAfterFader);
    }

    /// <summary>
    /// <see cref="Run"/> for strips 0..<paramref name="count"/> of <paramref name="strips"/>, planar in
    /// <paramref name="pre"/> and <paramref name="post"/>: two neighbours at rest share one pass into main and mono
    /// (<see cref="PlanarMath.FaderPanMonoPairs"/>, a call for each run of such pairs), which saves a load and store of
    /// the sums per pair and the per-strip set-up; the samples are those of one <see cref="Run"/> per strip in order
    /// (solo sums apart from main and mono, so a run's solos may follow it).
    /// </summary>
    public static void RunAll(ChannelRamps[] strips, int count, AudioBuffer pre, AudioBuffer post, int n, Span<float> mainL, Span<float> mainR,
        Span<float> mono, Span<float> soloL, Span<float> soloR, bool soloAfterFader, LevelAccumulator[] preLevels, LevelAccumulator[] postLevels)
    {
        var set = new StripSet(strips, count, preLevels, postLevels);
        for (int c = 0; c < count;)
        {
            int paired = PlanarMath.FaderPanMonoPairs(set, c, pre, post, n, mainL, mainR, mono);
            for (; c < paired; c++)
            {
                ref MixRamps r = ref strips[c].Mix;
                if (!r.SoloLeft.IsSilent || !r.SoloRight.IsSilent) Solo(ref r, pre.Channel(c, n), post.Channel(c, n), soloL, soloR, soloAfterFader);
            }

            if (c == count) break;
            Run(ref strips[c].Mix, pre.Channel(c, n), post.Channel(c, n), mainL, mainR, mono, soloL, soloR, soloAfterFader, ref preLevels[c], ref postLevels[c]);
            c++;
        }
    }

    // Input strips or effect returns: their mix ramps, each with its own levels.
    private readonly struct StripSet(ChannelRamps[] strips, int count, LevelAccumulator[] preLevels, LevelAccumulator[] postLevels) : PlanarMath.IStripSet
    {
        public int Count => count;

        public ref MixRamps Mix(int strip) => ref strips[strip].Mix;

        public ref LevelAccumulator PreLevel(int strip) => ref preLevels[strip];

        public ref LevelAccumulator PostLevel(int strip) => ref postLevels[strip];
    }

    /// <summary>
    /// A strip whose fader, pans or mono move, over whole vectors: one pass instead of six, each sample and level bit
    /// for bit what <see cref="LevelAccumulator.Add"/>, <see cref="LinearRamp.Scale"/> and three
    /// <see cref="LinearRamp.MultiplyAdd"/> give one after the other.
    /// </summary>
    internal static void RunMoving(ref MixRamps r, ReadOnlySpan<float> pre, Span<float> post, Span<float> mainL, Span<float> mainR, Span<float> mono,
        ref LevelAccumulator preLevel, ref LevelAccumulator postLevel)
    {
        int n = pre.Length, w = Vector<float>.Count;
        if (n % w != 0) throw new ArgumentException("not a whole number of vectors", nameof(pre));
        if (post.Length < n || mainL.Length < n || mainR.Length < n || mono.Length < n) throw new ArgumentException("buffers shorter than the block");
        ref float x0 = ref MemoryMarshal.GetReference(pre);
        ref float p0 = ref MemoryMarshal.GetReference(post);
        ref float l0 = ref MemoryMarshal.GetReference(mainL);
        ref float r0 = ref MemoryMarshal.GetReference(mainR);
        ref float m0 = ref MemoryMarshal.GetReference(mono);
        MovingGain fader = new(r.Fader), left = new(r.PanLeft), right = new(r.PanRight), toMono = new(r.Mono);
        Vector<float> peakPre = Vector<float>.Zero, sumPre = Vector<float>.Zero, peakPost = Vector<float>.Zero, sumPost = Vector<float>.Zero;
        for (int t = 0; t < n; t += w)
        {
            nuint i = (nuint)t;
            var x = Vector.LoadUnsafe(ref x0, i);
            peakPre = Vector.MaxNative(peakPre, Vector.Abs(x));
            sumPre += x * x;
            var p = fader.Scale(x, t);
            p.StoreUnsafe(ref p0, i);
            peakPost = Vector.MaxNative(peakPost, Vector.Abs(p));
            sumPost += p * p;
            left.MultiplyAdd(p, Vector.LoadUnsafe(ref l0, i), t).StoreUnsafe(ref l0, i);
            right.MultiplyAdd(p, Vector.LoadUnsafe(ref r0, i), t).StoreUnsafe(ref r0, i);
            toMono.MultiplyAdd(p, Vector.LoadUnsafe(ref m0, i), t).StoreUnsafe(ref m0, i);
        }

        preLevel.Peak = MathF.Max(preLevel.Peak, VectorMath.MaxAcross(peakPre));
        preLevel.SumOfSquares += Vector.Sum(sumPre);
        postLevel.Peak = MathF.Max(postLevel.Peak, VectorMath.MaxAcross(peakPost));
        postLevel.SumOfSquares += Vector.Sum(sumPost);
        r.Fader.Skip(n);
        r.PanLeft.Skip(n);
        r.PanRight.Skip(n);
        r.Mono.Skip(n);
    }

    // One ramp's gains a vector at a time: lanes still ramping take LinearRamp's ramp arithmetic (target - step × samples
    // left, product and sum rounded apart), lanes at rest its steady one (a zero target writes 0 and adds nothing; fused multiply-add).
    private readonly struct MovingGain
    {
        private readonly Vector<float> _target, _step;
        private readonly int _remaining;
        private readonly bool _silentAtRest;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public MovingGain(in LinearRamp ramp)
        {
            _target = new(ramp.Target);
            _step = new(ramp.Step);
            _remaining = ramp.Remaining;
            _silentAtRest = ramp.Target == 0f;
        }

        public Vector<float> Scale(Vector<float> x, int t)
        {
            if (t + Vector<float>.Count <= _remaining) return x * Gain(t);
            Vector<float> atRest = _silentAtRest ? Vector<float>.Zero : x * _target;
            return t < _remaining ? Vector.ConditionalSelect(Ramping(t), x * Gain(t), atRest) : atRest;
        }

        public Vector<float> MultiplyAdd(Vector<float> x, Vector<float> sum, int t)
        {
            if (t + Vector<float>.Count <= _remaining) return sum + x * Gain(t);
            Vector<float> atRest = _silentAtRest ? sum : Vector.FusedMultiplyAdd(x, _target, sum);
            return t < _remaining ? Vector.ConditionalSelect(Ramping(t), sum + x * Gain(t), atRest) : atRest;
        }

        private Vector<int> Ramping(int t) => Vector.LessThan(new Vector<int>(t) + Vector<int>.Indices, new Vector<int>(_remaining));

        private Vector<float> Gain(int t) => LinearRamp.GainsAt(_target, _step, _remaining, t);
    }

    // Inlined: most strips are not soloed, and a call per strip to learn that costs more than the check.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Solo(ref MixRamps r, ReadOnlySpan<float> pre, ReadOnlySpan<float> post, Span<float> soloL, Span<float> soloR,
        bool soloAfterFader)
    {
        ReadOnlySpan<float> soloTap = soloAfterFader ? post : pre;
        if (!r.SoloLeft.IsSilent) r.SoloLeft.MultiplyAdd(soloTap, soloL);
        if (!r.SoloRight.IsSilent) r.SoloRight.MultiplyAdd(soloTap, soloR);
    }
}
