using System.Runtime.CompilerServices;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// The gate / downward expander for a row of lanes (<see cref="ILane{TSelf}"/>), each lane its own gate in
/// <see cref="GateLanes"/>. The detector is the key's peak envelope (instant rise, <see cref="GateLanes.DetectorFall"/>
/// fall); at or above the threshold the hold timer is re-armed; below it the attenuation stays for the hold, then
/// falls to the range (or the expander's curve) with the release time constant; opening uses the attack.
/// Lanes with a non-zero link share the louder key of their pair (lanes 2k, 2k+1).
/// </summary>
public static class GateKernel
{
    /// <summary>
    /// The static curve below the threshold: attenuation in dB (positive) at a level of <paramref name="levelDb"/>, each dB
    /// under <paramref name="thresholdDb"/> costing <paramref name="expansion"/> dB (ratio - 1; huge for a gate), at most the range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Attenuation<T>(T levelDb, T thresholdDb, T rangeDb, T expansion) where T : struct, ILane<T> =>
        T.Min(rangeDb, (thresholdDb - levelDb) * expansion);

    /// <summary>
    /// Gates <paramref name="frames"/> lane-interleaved frames of <paramref name="block"/> in place, keyed by <paramref name="key"/>,
    /// for the row of lanes starting at <paramref name="first"/>. <paramref name="detected"/> and <paramref name="gainDb"/> are
    /// scratch of frames × width floats; afterwards <paramref name="gainDb"/> holds each sample's gain in dB. Returns false when
    /// every gate stayed wide open: the block was left untouched and <paramref name="gainDb"/> holds nothing to apply.
    /// </summary>
    public static bool Process<T>(GateLanes gates, int first, ReadOnlySpan<float> link, Span<float> block, ReadOnlySpan<float> key,
        Span<float> detected, Span<float> gainDb, int frames) where T : struct, ILane<T> =>
        Process<T>(gates, first, link, block, key, detected, gainDb, frames, skipOpenBlocks: true);

    // skipOpenBlocks false runs the plain path only (the tests compare the two).
    internal static bool Process<T>(GateLanes gates, int first, ReadOnlySpan<float> link, Span<float> block, ReadOnlySpan<float> key,
        Span<float> detected, Span<float> gainDb, int frames, bool skipOpenBlocks) where T : struct, ILane<T>
    {
        // Three passes over the block: the detector with its decibel conversion, the gain smoothing (the only long
        // recurrence), then the gain itself. Each pass keeps its loop-carried chain short, so the logs and exponentials
        // of many samples overlap in the pipeline; every sample still sees exactly the operations of a fused loop.
        int w = T.Width;
        detected = detected[..(frames * w)];
        Span<float> level = gainDb[..(frames * w)];
        // Read-only views made once: in a kernel this large the JIT stops inlining the conversion and would call it per frame.
        ReadOnlySpan<float> detectedIn = detected, levelIn = level;
        T zero = T.Splat(0f), one = T.Splat(1f), floor = T.Splat(1e-6f), fall = T.Splat(gates.DetectorFall);
        T detector = T.Load(gates.Detector, first), linkRow = T.Load(link, first), lowest = T.Splat(float.MaxValue);
        bool linked = T.AnyNonZero(linkRow);
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T a = T.Abs(T.Load(key, i));
            if (linked) a = T.SelectGreater(linkRow, zero, T.Max(a, T.SwapPairs(a)), a);
            detector = T.SelectGreater(a, detector, a, a + fall * (detector - a));
            lowest = T.Min(lowest, detector);
            T.Store(detector, detected, i);
        }

        T.Store(T.SelectGreaterOrEqual(detector, T.Splat(1e-15f), detector, zero), gates.Detector, first);

        // Open or closed is decided on the linear level; only an expander below its threshold needs the level in dB.
        T thresholdGain = T.Load(gates.ThresholdGain, first);
        if (skipOpenBlocks && frames > 0 && StayedOpen<T>(gates, first, lowest, thresholdGain)) return false;
        bool needDb = T.AnyNonZero(T.SelectGreater(thresholdGain, lowest, T.Load(gates.Expander, first), zero));
        if (needDb)
            for (int i = 0; i < frames * w; i += w) T.Store(T.GainToDb(T.Load(detectedIn, i)), level, i);

        T threshold = T.Load(gates.ThresholdDb, first), range = T.Load(gates.RangeDb, first), expansion = T.Load(gates.Expansion, first);
        T attack = T.Load(gates.Attack, first), release = T.Load(gates.Release, first), holdSamples = T.Load(gates.HoldSamples, first);
        T hold = T.Load(gates.Hold, first), gr = T.Load(gates.GainReductionDb, first);
        T onTarget = T.Load(gates.On.Target, first), onStep = T.Load(gates.On.Step, first), onLeft = T.Load(gates.On.Remaining, first);
        T grMax = T.Load(gates.MaxGainReductionDb, first), floorDb = T.Splat(FastDecibels.FloorDb), deepest = zero;
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T d = T.Load(detectedIn, i);
            T levelDb = needDb ? T.Load(levelIn, i) : floorDb;
            hold = T.SelectGreaterOrEqual(d, thresholdGain, holdSamples, T.Max(hold - one, zero));
            T target = T.SelectGreaterOrEqual(d, thresholdGain, zero, Attenuation(levelDb, threshold, range, expansion));
            T opened = target + attack * (gr - target);
            T released = target + release * (gr - target);
            gr = T.SelectGreater(gr, target, opened, T.SelectGreater(hold, zero, gr, released));
            gr = T.SelectGreater(floor, gr, zero, gr);
            onLeft = T.Max(onLeft - one, zero);
            T appliedDb = gr * (onTarget - onStep * onLeft);
            grMax = T.Max(grMax, appliedDb);
            deepest = T.Max(deepest, appliedDb);
            T.Store(zero - appliedDb, level, i);
        }

        T.Store(hold, gates.Hold, first);
        T.Store(gr, gates.GainReductionDb, first);
        T.Store(onLeft, gates.On.Remaining, first);
        T.Store(grMax, gates.MaxGainReductionDb, first);

        // A row whose gates stayed wide open (0 dB all block) would multiply every sample by exactly 1.
        if (!T.AnyNonZero(deepest)) return false;
        ApplyGain<T>(block, level, frames);
        return true;
    }

    // Every lane's detector stayed at or above its threshold all block, its gate open (0 dB) and its switch at rest: the
    // smoothing loop would re-arm each hold and keep 0 dB at every sample. Leaves the state that loop leaves.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool StayedOpen<T>(GateLanes gates, int first, T lowest, T thresholdGain) where T : struct, ILane<T>
    {
        T zero = T.Splat(0f), one = T.Splat(1f);
        T onLeft = T.Load(gates.On.Remaining, first);
        if (T.AnyNonZero(T.SelectGreater(thresholdGain, lowest, one, zero)) || T.AnyNonZero(T.Load(gates.GainReductionDb, first)) || T.AnyNonZero(onLeft))
            return false;

        onLeft = T.Max(onLeft - one, zero);
        T appliedDb = zero * (T.Load(gates.On.Target, first) - T.Load(gates.On.Step, first) * onLeft);
        T.Store(T.Load(gates.HoldSamples, first), gates.Hold, first);
        T.Store(zero, gates.GainReductionDb, first);
        T.Store(onLeft, gates.On.Remaining, first);
        T.Store(T.Max(T.Load(gates.MaxGainReductionDb, first), appliedDb), gates.MaxGainReductionDb, first);
        return true;
    }

    /// <summary>Multiplies <paramref name="frames"/> frames of <paramref name="block"/> by the gains in dB <see cref="Process{T}(GateLanes, int, ReadOnlySpan{float}, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, int)"/> left in <paramref name="gainDb"/> (for a second channel keyed with the first).</summary>
    public static void ApplyGain<T>(Span<float> block, ReadOnlySpan<float> gainDb, int frames) where T : struct, ILane<T>
    {
        int w = T.Width;
        ReadOnlySpan<float> blockIn = block; // converted once, not per frame (see Process)
        for (int i = 0; i < frames * w; i += w) T.Store(T.Load(blockIn, i) * T.DbToGain(T.Load(gainDb, i)), block, i);
    }
}
