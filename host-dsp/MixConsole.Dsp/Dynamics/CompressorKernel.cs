using System.Runtime.CompilerServices;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// The feed-forward compressor for a row of lanes (<see cref="ILane{TSelf}"/>), each lane its own compressor in
/// <see cref="CompressorLanes"/> (Giannoulis, Massberg and Reiss, JAES 2012): peak or RMS detector on the key's power,
/// static curve with a quadratic knee in dB, attack/release smoothing of the gain reduction in dB, then make-up, the
/// dry/wet mix and the on switch, all ramped. Lanes with a non-zero link share the louder key of their pair (2k, 2k+1).
/// </summary>
public static class CompressorKernel
{
    private const float DbPerOctave = FastDecibels.DbPerOctave;

    /// <summary>
    /// The static curve: gain reduction in dB (positive) for a level <paramref name="overDb"/> above the threshold, with
    /// a quadratic knee <paramref name="halfKneeDb"/> either side of it; <paramref name="kneeSlope"/> is slope / (2 knee).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Curve<T>(T overDb, T halfKneeDb, T slope, T kneeSlope) where T : struct, ILane<T>
    {
        // d > 0 exactly when overDb > -halfKneeDb, but for sums that round to 0, where the knee's d² gives 0 as well.
        T d = overDb + halfKneeDb, zero = T.Splat(0f);
        return T.SelectGreater(d, zero, T.SelectGreater(halfKneeDb, overDb, kneeSlope * d * d, slope * overDb), zero);
    }

    /// <summary>The curve's slope above the knee for a ratio, clamped to 1..100 (1 is no compression).</summary>
    public static float SlopeOf(float ratio) => 1f - 1f / Math.Clamp(ratio, 1f, 100f);

    /// <summary>1 / (2 knee) for a knee in dB, 0 for a hard knee.</summary>
    public static float InverseTwoKneeOf(float kneeDb) => kneeDb > 0 ? 1f / (2f * kneeDb) : 0f;

    /// <summary>The detected power where the knee starts: under it the curve asks for no gain reduction.</summary>
    public static float KneeStartPowerOf(float thresholdDb, float kneeDb) => (float)Math.Pow(10, (thresholdDb - Math.Max(0f, kneeDb) / 2.0) / 10.0);

    /// <summary>
    /// Compresses <paramref name="frames"/> lane-interleaved frames of <paramref name="block"/> in place, keyed by
    /// <paramref name="key"/>, for the row starting at <paramref name="first"/>; lanes where <paramref name="mask"/> is 0
    /// are left alone (state and ramps too). <paramref name="detected"/>, <paramref name="levels"/> and
    /// <paramref name="onMixes"/> are scratch of frames × width floats.
    /// </summary>
    public static void Process<T>(CompressorLanes compressors, int first, ReadOnlySpan<float> link, Span<float> block, ReadOnlySpan<float> key,
        Span<float> detected, Span<float> levels, Span<float> onMixes, int frames, T mask) where T : struct, ILane<T> =>
        Process(compressors, first, link, block, key, default, default, detected, levels, onMixes, frames, mask, skipIdleBlocks: true);

    /// <summary>
    /// As <see cref="Process{T}(CompressorLanes, int, ReadOnlySpan{float}, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, int, T)"/>,
    /// keyed by the block itself through the side-chain section <paramref name="keyCoefficients"/> (rows as
    /// <see cref="BiquadSectionKernel"/> has them) with state <paramref name="keyState"/>, filtered in the detector's pass.
    /// </summary>
    public static void Process<T>(CompressorLanes compressors, int first, ReadOnlySpan<float> link, Span<float> block, ReadOnlySpan<float> keyCoefficients,
        Span<float> keyState, Span<float> detected, Span<float> levels, Span<float> onMixes, int frames, T mask) where T : struct, ILane<T> =>
        Process(compressors, first, link, block, block, keyCoefficients, keyState, detected, levels, onMixes, frames, mask, skipIdleBlocks: true);

    // skipIdleBlocks false runs the plain path only (the tests compare the two). With key coefficients, key is the block
    // before the side-chain section.
    internal static void Process<T>(CompressorLanes compressors, int first, ReadOnlySpan<float> link, Span<float> block, ReadOnlySpan<float> key,
        ReadOnlySpan<float> keyCoefficients, Span<float> keyState, Span<float> detected, Span<float> levels, Span<float> onMixes, int frames, T mask,
        bool skipIdleBlocks) where T : struct, ILane<T>
    {
        int w = T.Width;
        Span<float> level = levels[..(frames * w)];
        detected = detected[..(frames * w)];
        // Read-only views made once: in a kernel this large the JIT stops inlining the conversion and would call it per frame.
        ReadOnlySpan<float> detectedIn = detected, levelIn = level, onMixesIn = onMixes, blockIn = block;
        T zero = T.Splat(0f), one = T.Splat(1f), half = T.Splat(0.5f);
        T threshold = T.Load(compressors.ThresholdDb, first), slope = T.Load(compressors.Slope, first), halfKnee = half * T.Load(compressors.KneeDb, first);
        T kneeSlope = slope * T.Load(compressors.InverseTwoKnee, first);
        T loudest = keyCoefficients.IsEmpty
            ? Detect(compressors, first, link, key, detected, frames, mask)
            : DetectFiltered(compressors, first, link, key, keyCoefficients, keyState, detected, frames, mask);

        // Below the knee the curve asks for nothing: a block that never reaches it in any lane skips the logarithms.
        T kneeStart = T.Load(compressors.KneeStartPower, first);
        bool reachedKnee = T.AnyNonZero(T.SelectGreaterOrEqual(loudest, kneeStart, mask, zero));
        if (reachedKnee)
        {
            // Static curve with a quadratic knee. Powers under the knee give 0 whatever the logarithm says, so it needs no floor for silence.
            T dbPerOctave = T.Splat(0.5f * DbPerOctave), negativeThreshold = zero - threshold;
            for (int i = 0; i < frames * w; i += w)
            {
                T power = T.Load(detectedIn, i);
                T curve = Curve(T.MultiplyAdd(T.Log2(power), dbPerOctave, negativeThreshold), halfKnee, slope, kneeSlope);
                T.Store(T.SelectGreaterOrEqual(power, kneeStart, curve, zero), level, i);
            }
        }
        else
        {
            level.Clear();
        }

        T gr = T.Load(compressors.GainReductionDb, first);
        T onTarget = T.Load(compressors.On.Target, first), onStep = T.Load(compressors.On.Step, first), onLeft = T.Load(compressors.On.Remaining, first);
        T mixTarget = T.Load(compressors.Mix.Target, first), mixStep = T.Load(compressors.Mix.Step, first), mixLeft = T.Load(compressors.Mix.Remaining, first);
        T makeupTarget = T.Load(compressors.MakeupDb.Target, first), makeupStep = T.Load(compressors.MakeupDb.Step, first);
        T makeupLeft = T.Load(compressors.MakeupDb.Remaining, first);
        T grMax = T.Load(compressors.MaxGainReductionDb, first);
        // At rest (no switch, mix or make-up ramp in the row) the ramps are constants: the same values, fewer operations.
        bool moving = T.AnyNonZero(onLeft) || T.AnyNonZero(mixLeft) || T.AnyNonZero(makeupLeft);
        T restOn = (onTarget - onStep * onLeft) * mask, restMix = mixTarget - mixStep * mixLeft, restMakeup = makeupTarget - makeupStep * makeupLeft;
        T restOnMix = restOn * restMix;
        if (skipIdleBlocks && !reachedKnee && !moving && frames > 0 && !T.AnyNonZero(gr))
        {
            ProcessIdle(compressors, first, block, frames, mask, grMax, restOn, restOnMix, restMakeup);
            return;
        }

        if (!moving)
        {
            SmoothAndApplyAtRest(compressors, first, block, level, frames, mask, restOn, restOnMix, restMakeup);
            return;
        }

        Smooth(compressors, first, level, onMixes, frames, mask);

        // Dry/wet mix and the on/off crossfade in one step, on mix × g + (1 - on mix) (Wet). Smooth left the gain in octaves.
        for (int i = 0; i < frames * w; i += w)
        {
            T onMix = T.Load(onMixesIn, i);
            T.Store(T.Load(blockIn, i) * Wet(onMix, T.Exp2(T.Load(levelIn, i)), one - onMix), block, i);
        }
    }

    // The gain applied for a compressor gain g at on × mix onMix: onMix × g + dry, dry = 1 - onMix, in one multiply-add (exactly
    // g when fully on and wet).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Wet<T>(T onMix, T gain, T dry) where T : struct, ILane<T> => T.MultiplyAdd(onMix, gain, dry);

    // One step of the gain reduction's smoothing towards the curve's target: attack while it rises, release while it falls,
    // tiny values flushed to 0; masked lanes keep theirs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SmoothStep<T>(T target, T gr, T attack, T release, T mask) where T : struct, ILane<T>
    {
        T zero = T.Splat(0f);
        T next = T.MultiplyAdd(T.SelectGreater(target, gr, attack, release), gr - target, target);
        next = T.SelectGreater(T.Splat(1e-6f), next, zero, next);
        return T.SelectGreater(mask, zero, next, gr);
    }

    // Smoothing and gain in one loop while nothing ramps (make-up, switch and mix constants), the same steps as Smooth and
    // Process's gain pass: the smoothing's recurrence waits on its own chain, and the gain's 2^x of earlier frames fills the wait.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SmoothAndApplyAtRest<T>(CompressorLanes compressors, int first, Span<float> block, ReadOnlySpan<float> level, int frames, T mask,
        T restOn, T restOnMix, T restMakeup) where T : struct, ILane<T>
    {
        int w = T.Width;
        ReadOnlySpan<float> blockIn = block;
        T restDry = T.Splat(1f) - restOnMix, negativeOctavesPerDb = T.Splat(-FastDecibels.OctavesPerDb);
        T restMakeupOctaves = restMakeup * T.Splat(FastDecibels.OctavesPerDb);
        T attack = T.Load(compressors.Attack, first), release = T.Load(compressors.Release, first), gr = T.Load(compressors.GainReductionDb, first);
        // The switch is constant and not negative, so the largest gain reduction times it is the largest applied, to the bit.
        T grLargest = T.Splat(0f);
        for (int i = 0; i < frames * w; i += w)
        {
            gr = SmoothStep(T.Load(level, i), gr, attack, release, mask);
            grLargest = T.Max(grLargest, gr);
            T.Store(T.Load(blockIn, i) * Wet(restOnMix, T.Exp2(T.MultiplyAdd(gr, negativeOctavesPerDb, restMakeupOctaves)), restDry), block, i);
        }

        T.Store(gr, compressors.GainReductionDb, first);
        T.Store(T.Max(T.Load(compressors.MaxGainReductionDb, first), grLargest * restOn), compressors.MaxGainReductionDb, first);
    }

    // The gain reduction's smoothing and the ramps, frame by frame, while a ramp moves: each frame's gain (make-up less gain
    // reduction) in octaves, make-up × OctavesPerDb - gr × OctavesPerDb in one multiply-add as the at-rest loop has it, in
    // level, which holds the curve's, and each frame's on × mix in onMixes. Apart from Process, so the smoothing's recurrence has the JIT's registers to itself; the
    // conversion to octaves is off that chain, so it costs nothing here.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Smooth<T>(CompressorLanes compressors, int first, Span<float> level, Span<float> onMixes, int frames, T mask)
        where T : struct, ILane<T>
    {
        int w = T.Width;
        ReadOnlySpan<float> levelIn = level;
        T zero = T.Splat(0f), one = T.Splat(1f), octavesPerDb = T.Splat(FastDecibels.OctavesPerDb), negativeOctavesPerDb = zero - octavesPerDb;
        T attack = T.Load(compressors.Attack, first), release = T.Load(compressors.Release, first), gr = T.Load(compressors.GainReductionDb, first);
        T onTarget = T.Load(compressors.On.Target, first), onStep = T.Load(compressors.On.Step, first), onLeft = T.Load(compressors.On.Remaining, first);
        T mixTarget = T.Load(compressors.Mix.Target, first), mixStep = T.Load(compressors.Mix.Step, first), mixLeft = T.Load(compressors.Mix.Remaining, first);
        T makeupTarget = T.Load(compressors.MakeupDb.Target, first), makeupStep = T.Load(compressors.MakeupDb.Step, first);
        T makeupLeft = T.Load(compressors.MakeupDb.Remaining, first);
        T grMax = T.Load(compressors.MaxGainReductionDb, first);
        for (int i = 0; i < frames * w; i += w)
        {
            gr = SmoothStep(T.Load(levelIn, i), gr, attack, release, mask);
            onLeft = T.SelectGreater(mask, zero, T.Max(onLeft - one, zero), onLeft);
            mixLeft = T.SelectGreater(mask, zero, T.Max(mixLeft - one, zero), mixLeft);
            makeupLeft = T.SelectGreater(mask, zero, T.Max(makeupLeft - one, zero), makeupLeft);
            T on = (onTarget - onStep * onLeft) * mask;
            grMax = T.Max(grMax, gr * on);
            T.Store(T.MultiplyAdd(gr, negativeOctavesPerDb, (makeupTarget - makeupStep * makeupLeft) * octavesPerDb), level, i);
            T.Store(on * (mixTarget - mixStep * mixLeft), onMixes, i);
        }

        T.Store(gr, compressors.GainReductionDb, first);
        T.Store(onLeft, compressors.On.Remaining, first);
        T.Store(mixLeft, compressors.Mix.Remaining, first);
        T.Store(makeupLeft, compressors.MakeupDb.Remaining, first);
        T.Store(grMax, compressors.MaxGainReductionDb, first);
    }

    // The detector's pass over a given key: each frame's power in detected, the mean square kept; returns the loudest power.
    // Apart from Process (as DetectFiltered), so each loop has the JIT's registers to itself.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Detect<T>(CompressorLanes compressors, int first, ReadOnlySpan<float> link, ReadOnlySpan<float> key, Span<float> detected, int frames,
        T mask) where T : struct, ILane<T>
    {
        int w = T.Width;
        T rms = T.Load(compressors.Rms, first), linkRow = T.Load(link, first);
        MeanSquareWeights(compressors, first, mask, out T keep, out T take);
        T meanSquare = T.Load(compressors.MeanSquare, first), loudest = T.Splat(0f);
        bool linked = T.AnyNonZero(linkRow);
        for (int i = 0; i < frames * w; i += w)
            T.Store(Power(T.Load(key, i), linked, linkRow, keep, take, rms, ref meanSquare, ref loudest), detected, i);

        KeepMeanSquare(compressors, first, meanSquare);
        return loudest;
    }

    // Detect for the block through the side-chain section: the filter's recurrence and the mean square's overlap in one pass.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T DetectFiltered<T>(CompressorLanes compressors, int first, ReadOnlySpan<float> link, ReadOnlySpan<float> block,
        ReadOnlySpan<float> keyCoefficients, Span<float> keyState, Span<float> detected, int frames, T mask) where T : struct, ILane<T>
    {
        int w = T.Width;
        T rms = T.Load(compressors.Rms, first), linkRow = T.Load(link, first);
        MeanSquareWeights(compressors, first, mask, out T keep, out T take);
        T meanSquare = T.Load(compressors.MeanSquare, first), loudest = T.Splat(0f);
        bool linked = T.AnyNonZero(linkRow);
        BiquadSectionKernel.Load(keyCoefficients, out T b0, out T b1, out T b2, out T na1, out T na2);
        T z1 = T.Load(keyState, 0), z2 = T.Load(keyState, w);
        for (int i = 0; i < frames * w; i += w)
        {
            T k = BiquadSectionKernel.Step(T.Load(block, i), b0, b1, b2, na1, na2, ref z1, ref z2);
            T.Store(Power(k, linked, linkRow, keep, take, rms, ref meanSquare, ref loudest), detected, i);
        }

        BiquadSectionKernel.Keep(keyState, z1, z2);
        KeepMeanSquare(compressors, first, meanSquare);
        return loudest;
    }

    // One key sample's power for the curve: its square (the louder of a linked pair's), or the RMS detector's mean square.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Power<T>(T k, bool linked, T linkRow, T keep, T take, T rms, ref T meanSquare, ref T loudest) where T : struct, ILane<T>
    {
        T zero = T.Splat(0f);
        T square = k * k;
        if (linked) square = T.SelectGreater(linkRow, zero, T.Max(square, T.SwapPairs(square)), square);
        meanSquare = T.MultiplyAdd(keep, meanSquare, take * square);
        T power = T.SelectGreater(rms, zero, meanSquare, square);
        loudest = T.Max(loudest, power);
        return power;
    }

    // The mean square's step as one multiply-add, keep × mean square + take × square, so its chain is one operation long:
    // keep is 1 - update and take the update, or 1 and 0 where the mask is off (the mean square stays exactly).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MeanSquareWeights<T>(CompressorLanes compressors, int first, T mask, out T keep, out T take) where T : struct, ILane<T>
    {
        T zero = T.Splat(0f), one = T.Splat(1f), update = T.Load(compressors.RmsUpdate, first);
        keep = T.SelectGreater(mask, zero, one - update, one);
        take = T.SelectGreater(mask, zero, update, zero);
    }

    // The mean square between blocks, tiny values flushed so silence never turns denormal.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeepMeanSquare<T>(CompressorLanes compressors, int first, T meanSquare) where T : struct, ILane<T>
    {
        T zero = T.Splat(0f);
        T.Store(T.SelectGreaterOrEqual(meanSquare, T.Splat(1e-20f), meanSquare, zero), compressors.MeanSquare, first);
    }

    // Idle (under the knee all block, no gain reduction left, nothing ramping): the loops of Process would hold the gain
    // reduction at 0 and apply one constant gain per lane, 1 without make-up. Apart, so Process keeps its locals in registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ProcessIdle<T>(CompressorLanes compressors, int first, Span<float> block, int frames, T mask, T grMax, T restOn, T restOnMix,
        T restMakeup) where T : struct, ILane<T>
    {
        int w = T.Width;
        T zero = T.Splat(0f), one = T.Splat(1f);
        T gr = T.SelectGreater(mask, zero, zero, T.Load(compressors.GainReductionDb, first));
        T.Store(gr, compressors.GainReductionDb, first);
        T.Store(T.Max(grMax, gr * restOn), compressors.MaxGainReductionDb, first);
        T gain = Wet(restOnMix, T.Exp2(T.MultiplyAdd(gr, T.Splat(-FastDecibels.OctavesPerDb), restMakeup * T.Splat(FastDecibels.OctavesPerDb))), one - restOnMix);
        if (T.AnyNonZero(gain - one))
            for (int i = 0; i < frames * w; i += w) T.Store(T.Load(block, i) * gain, block, i);
    }
}
