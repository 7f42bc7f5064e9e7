using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MixConsole.Dsp.Dynamics;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// The stereo-linked band compressors of a <see cref="MultibandCompressor"/> run together, one band per lane of a
/// <see cref="Vector128{T}"/>: detector, static curve with knee, attack/release smoothing, make-up and mix, then the
/// gains applied to the bands and the bands summed, per frame. Each lane repeats the float steps of
/// <see cref="Compressor"/> (and <see cref="FastDecibels"/>) in the same order, and the bands are summed lowest
/// first as the per-band path does, so the output is the same samples. Settings and state stay in the
/// <see cref="Compressor"/> objects: read at the start of a block, handed back at its end.
/// </summary>
internal sealed class BandCompressorLanes
{
    private const int Lanes = 4;
    // FastDecibels' constants, bit for bit.
    private const float DbPerOctave = 6.020599913f;
    private const float OctavesPerDb = 0.1660964047f;
    private const float Ln2 = 0.6931471806f;
    private const float InverseLn2 = 1.442695041f;
    private const float FloorGain = 1e-10f;

    // Ramp values while a make-up or mix ramp runs: [frame * 4 + band].
    private float[] _makeupDb = [], _mix = [];
    // Per frame, the gain reduction each band's static curve asks for, in dB.
    private Vector128<float>[] _target = [];

    /// <summary>Sizes the ramp buffers for blocks of up to <paramref name="maxFrames"/> frames.</summary>
    public void Prepare(int maxFrames)
    {
        _makeupDb = new float[Lanes * maxFrames];
        _mix = new float[Lanes * maxFrames];
        _target = new Vector128<float>[maxFrames];
    }

    /// <summary>
    /// Compresses bands 0..<paramref name="bandCount"/>-1 given as crossover lanes (<paramref name="low"/> = bands 0, 1
    /// and <paramref name="high"/> = bands 2, 3, each as L, R) with <paramref name="bands"/>, and writes their sum to
    /// <paramref name="left"/> and, when <paramref name="stereo"/>, <paramref name="right"/> (a mono channel is keyed by itself alone).
    /// Each band's deepest gain reduction of the block goes to <paramref name="maxGainReductionDb"/> and to its compressor.
    /// </summary>
    public void Process(Compressor[] bands, int bandCount, ReadOnlySpan<Vector128<float>> low, ReadOnlySpan<Vector128<float>> high,
        Span<float> left, Span<float> right, bool stereo, Span<float> maxGainReductionDb)
    {
        int frames = left.Length;
        Span<float> threshold = stackalloc float[Lanes], slope = stackalloc float[Lanes], knee = stackalloc float[Lanes];
        Span<float> attack = stackalloc float[Lanes], release = stackalloc float[Lanes], rmsStep = stackalloc float[Lanes];
        Span<float> kneeStart = stackalloc float[Lanes], dbScale = stackalloc float[Lanes], floor = stackalloc float[Lanes];
        Span<float> rms = stackalloc float[Lanes], gainReduction = stackalloc float[Lanes], meanSquare = stackalloc float[Lanes];
        Span<float> makeup = stackalloc float[Lanes], mix = stackalloc float[Lanes];
        bool ramping = false;
        for (int b = 0; b < Lanes; b++)
        {
            Compressor band = bands[b];
            threshold[b] = band.ThresholdDb;
            slope[b] = 1f - 1f / band.Ratio;
            knee[b] = band.KneeDb;
            attack[b] = band.AttackCoefficient;
            release[b] = band.ReleaseCoefficient;
            rmsStep[b] = 1f - band.RmsCoefficient;
            bool isRms = band.Detector == DetectorMode.Rms;
            rms[b] = isRms ? BitConverter.Int32BitsToSingle(-1) : 0f;
            // Levels below the knee's start need no logarithm (Compressor compares them linearly, or as power in RMS).
            float kneeStartLinear = FastDecibels.DbToGain(threshold[b] - 0.5f * knee[b]);
            kneeStart[b] = isRms ? kneeStartLinear * kneeStartLinear : kneeStartLinear;
            dbScale[b] = isRms ? 0.5f * DbPerOctave : DbPerOctave;
            floor[b] = isRms ? FloorGain * FloorGain : FloorGain;
            gainReduction[b] = band.SmoothedGainReductionDb;
            meanSquare[b] = band.MeanSquare;
            makeup[b] = band.MakeupRamp.Current;
            mix[b] = band.MixRamp.Current;
            if (b < bandCount) ramping |= band.MakeupRamp.IsSmoothing || band.MixRamp.IsSmoothing;
        }
        if (ramping) FillRamps(bands, bandCount, frames);

        Vector128<float> thresholdV = Load(threshold), slopeV = Load(slope), kneeV = Load(knee);
        Vector128<float> halfKnee = Vector128.Create(0.5f) * kneeV, twoKnee = Vector128.Create(2f) * kneeV, negativeKnee = -kneeV;
        Vector128<float> attackV = Load(attack), releaseV = Load(release), rmsStepV = Load(rmsStep), rmsMask = Load(rms);
        Vector128<float> kneeStartV = Load(kneeStart), dbScaleV = Load(dbScale), floorV = Load(floor);
        Vector128<float> makeupV = Load(makeup), mixV = Load(mix);
        Vector128<float> gr = Load(gainReduction), ms = Load(meanSquare), maxGr = Vector128<float>.Zero;
        // A mono channel's partner lanes are not part of its key.
        Vector128<float> keyMask = stereo ? Vector128<float>.AllBitsSet : Vector128.Create(-1, 0, -1, 0).AsSingle();
        Vector128<float> keepLowPair = Vector128.Create(-1, -1, 0, 0).AsSingle();
        Vector128<float> one = Vector128<float>.One, residue = Vector128.Create(1e-6f), floorDb = Vector128.Create(FastDecibels.FloorDb);
        ref float makeupRamp = ref _makeupDb[0], mixRamp = ref _mix[0];

        // Pass 1, the static curve: frames depend on each other only through the RMS mean square, so the
        // logarithms of successive frames overlap in the pipeline instead of waiting on the smoothing.
        // Shuffle indices are written at each call: a constant compiles to one permute, a vector in a local does not.
        Span<Vector128<float>> targets = _target.AsSpan(0, frames);
        for (int i = 0; i < frames; i++)
        {
            Vector128<float> lo = low[i], hi = high[i];
            // Linked peak per band: max(|L|, |R|); the RMS square is its square (rounding is monotonic, so max(L², R²) equals it).
            Vector128<float> absLo = Vector128.Abs(lo) & keyMask, absHi = Vector128.Abs(hi) & keyMask;
            absLo = Vector128.MaxNative(absLo, Vector128.Shuffle(absLo, Vector128.Create(1, 0, 3, 2)));
            absHi = Vector128.MaxNative(absHi, Vector128.Shuffle(absHi, Vector128.Create(1, 0, 3, 2)));
            Vector128<float> peak = Vector128.ConditionalSelect(keepLowPair, Vector128.Shuffle(absLo, Vector128.Create(0, 2, 0, 2)), Vector128.Shuffle(absHi, Vector128.Create(0, 2, 0, 2)));
            ms = Vector128.ConditionalSelect(rmsMask, ms + rmsStepV * (peak * peak - ms), ms);
            Vector128<float> level = Vector128.ConditionalSelect(rmsMask, ms, peak);
            Vector128<float> levelDb = Vector128.ConditionalSelect(Vector128.GreaterThan(level, floorV), dbScaleV * Log2(level), floorDb);

            // Static curve with a quadratic knee (Compressor.GainComputer), evaluated as its three pieces and selected.
            Vector128<float> over = levelDb - thresholdV, twoOver = Vector128.Create(2f) * over;
            Vector128<float> d = over + halfKnee;
            Vector128<float> curve = Vector128.ConditionalSelect(Vector128.LessThan(twoOver, kneeV), slopeV * d * d / twoKnee, slopeV * over);
            curve = Vector128.ConditionalSelect(Vector128.LessThanOrEqual(twoOver, negativeKnee), Vector128<float>.Zero, curve);
            targets[i] = Vector128.ConditionalSelect(Vector128.GreaterThan(level, kneeStartV), curve, Vector128<float>.Zero);
        }

        // Pass 2: ballistics (the only chain from frame to frame), make-up and mix, gains onto the bands, the sum.
        for (int i = 0; i < frames; i++)
        {
            Vector128<float> target = targets[i];
            gr = target + Vector128.ConditionalSelect(Vector128.GreaterThan(target, gr), attackV, releaseV) * (gr - target);
            gr = Vector128.ConditionalSelect(Vector128.LessThan(gr, residue), Vector128<float>.Zero, gr);
            maxGr = Vector128.MaxNative(maxGr, gr);

            if (ramping)
            {
                mixV = Vector128.LoadUnsafe(ref mixRamp, (nuint)(Lanes * i));
                makeupV = Vector128.LoadUnsafe(ref makeupRamp, (nuint)(Lanes * i));
            }
            Vector128<float> wetGain = Exp2((makeupV - gr) * Vector128.Create(OctavesPerDb));
            Vector128<float> gain = (one - mixV) + mixV * wetGain;

            // Gains onto the bands, summed lowest band first: ((b0 + b1) + b2) + b3, as the per-band path adds them.
            Vector128<float> lo = low[i], hi = high[i];
            Vector128<float> wetLo = lo * Vector128.Shuffle(gain, Vector128.Create(0, 0, 1, 1)), wetHi = hi * Vector128.Shuffle(gain, Vector128.Create(2, 2, 3, 3));
            Vector128<float> sum = wetLo + Vector128.Shuffle(wetLo, Vector128.Create(2, 3, 2, 3));
            if (bandCount >= 3) sum += wetHi;
            if (bandCount == 4) sum += Vector128.Shuffle(wetHi, Vector128.Create(2, 3, 2, 3));
            if (stereo) right[i] = sum.GetElement(1);
            left[i] = sum.GetElement(0);
        }

        Span<float> deepest = stackalloc float[Lanes];
        gr.CopyTo(gainReduction);
        ms.CopyTo(meanSquare);
        maxGr.CopyTo(deepest);
        for (int b = 0; b < bandCount; b++)
        {
            Compressor band = bands[b];
            band.SmoothedGainReductionDb = gainReduction[b];
            band.MeanSquare = meanSquare[b] < 1e-20f ? 0f : meanSquare[b];
            band.MaxGainReductionDb = deepest[b];
            maxGainReductionDb[b] = deepest[b];
        }
    }

    /// <summary>Sums the bands of a channel pair uncompressed (lowest band first), as the crossover's allpass.</summary>
    public static void Sum(int bandCount, ReadOnlySpan<Vector128<float>> low, ReadOnlySpan<Vector128<float>> high,
        Span<float> left, Span<float> right, bool stereo)
    {
        for (int i = 0; i < left.Length; i++)
        {
            Vector128<float> lo = low[i], hi = high[i];
            Vector128<float> sum = lo + Vector128.Shuffle(lo, Vector128.Create(2, 3, 2, 3));
            if (bandCount >= 3) sum += hi;
            if (bandCount == 4) sum += Vector128.Shuffle(hi, Vector128.Create(2, 3, 2, 3));
            if (stereo) right[i] = sum.GetElement(1);
            left[i] = sum.GetElement(0);
        }
    }

    // The ramps advance exactly as Compressor.Run advances them: one value per frame, only for the bands in use.
    private void FillRamps(Compressor[] bands, int bandCount, int frames)
    {
        for (int b = 0; b < Lanes; b++)
        {
            Compressor band = bands[b];
            bool active = b < bandCount;
            for (int i = 0; i < frames; i++)
            {
                _mix[Lanes * i + b] = active ? band.MixRamp.Next() : band.MixRamp.Current;
                _makeupDb[Lanes * i + b] = active ? band.MakeupRamp.Next() : band.MakeupRamp.Current;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Load(ReadOnlySpan<float> lanes) => Vector128.Create(lanes);

    // FastDecibels.Log2 in every lane, step for step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Log2(Vector128<float> x)
    {
        Vector128<int> bits = x.AsInt32();
        Vector128<int> exponent = Vector128.ShiftRightArithmetic(bits, 23) - Vector128.Create(127);
        Vector128<float> mantissa = ((bits & Vector128.Create(0x007FFFFF)) | Vector128.Create(0x3F800000)).AsSingle();
        Vector128<float> fold = Vector128.GreaterThan(mantissa, Vector128.Create(1.414213562f));
        mantissa = Vector128.ConditionalSelect(fold, mantissa * Vector128.Create(0.5f), mantissa);
        exponent -= fold.AsInt32(); // a true mask is -1
        Vector128<float> one = Vector128<float>.One;
        Vector128<float> u = (mantissa - one) / (mantissa + one), u2 = u * u;
        Vector128<float> series = Vector128.FusedMultiplyAdd(u2, Vector128.Create(1f / 9f), Vector128.Create(1f / 7f));
        series = Vector128.FusedMultiplyAdd(u2, series, Vector128.Create(1f / 5f));
        series = Vector128.FusedMultiplyAdd(u2, series, Vector128.Create(1f / 3f));
        series = Vector128.FusedMultiplyAdd(u2, series, one);
        return Vector128.FusedMultiplyAdd(u * Vector128.Create(2f * InverseLn2), series, Vector128.ConvertToSingle(exponent));
    }

    // FastDecibels.Exp2 in every lane, step for step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Exp2(Vector128<float> x)
    {
        x = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(-126f)), Vector128.Create(127f));
        Vector128<float> whole = Vector128.Round(x);
        Vector128<float> t = (x - whole) * Vector128.Create(Ln2);
        Vector128<float> p = Vector128.FusedMultiplyAdd(t, Vector128.Create(1f / 720f), Vector128.Create(1f / 120f));
        p = Vector128.FusedMultiplyAdd(t, p, Vector128.Create(1f / 24f));
        p = Vector128.FusedMultiplyAdd(t, p, Vector128.Create(1f / 6f));
        p = Vector128.FusedMultiplyAdd(t, p, Vector128.Create(0.5f));
        p = Vector128.FusedMultiplyAdd(t, p, Vector128<float>.One);
        p = Vector128.FusedMultiplyAdd(t, p, Vector128<float>.One);
        // whole is an integer in -126..127, so the plain conversion needs no saturation handling.
        Vector128<int> scale = Vector128.ShiftLeft(Vector128.ConvertToInt32Native(whole) + Vector128.Create(127), 23);
        return p * scale.AsSingle();
    }
}
