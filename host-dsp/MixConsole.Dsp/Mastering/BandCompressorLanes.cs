using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// The stereo-linked band compressors of a <see cref="MultibandCompressor"/> run together as the lanes of one
/// <see cref="NarrowLane"/> row of <see cref="CompressorKernel"/> (each band keyed by the louder of its two sides), then
/// the gains are applied to the bands and the bands summed, per frame. A <see cref="Compressor"/> runs the same kernel
/// for one lane, and the bands are summed lowest first as the per-band path does, so the output is the same samples.
/// Each band's <see cref="Compressor"/> keeps its settings and state in its lane of the row, so a block copies nothing.
/// </summary>
internal sealed class BandCompressorLanes
{
    private const int Lanes = 4;

    private readonly CompressorLanes _row = new(NarrowLane.Width);
    private readonly float[] _link = new float[NarrowLane.Width];
    private readonly float[] _mask = new float[NarrowLane.Width];
    private float[] _key = [], _gain = [], _detected = [], _gainDb = [], _onMixes = [];

    /// <summary>Creates the four band compressors, band b in lane b of the row.</summary>
    public BandCompressorLanes() => Bands = [new(_row, 0), new(_row, 1), new(_row, 2), new(_row, 3)];

    /// <summary>The band compressors, lowest band first.</summary>
    public Compressor[] Bands { get; }

    /// <summary>Sizes the scratch rows for blocks of up to <paramref name="maxFrames"/> frames.</summary>
    public void Prepare(int maxFrames)
    {
        int n = maxFrames * NarrowLane.Width;
        _key = new float[n];
        _gain = new float[n];
        _detected = new float[n];
        _gainDb = new float[n];
        _onMixes = new float[n];
    }

    /// <summary>
    /// Compresses bands 0..<paramref name="bandCount"/>-1 given as crossover lanes (<paramref name="low"/> = bands 0, 1
    /// and <paramref name="high"/> = bands 2, 3, each as L, R) with their compressors, and writes their sum to
    /// <paramref name="left"/> and, when <paramref name="stereo"/>, <paramref name="right"/> (a mono channel is keyed by itself alone).
    /// Each band's deepest gain reduction of the block goes to <paramref name="maxGainReductionDb"/> and to its compressor.
    /// </summary>
    public void Process(int bandCount, ReadOnlySpan<Vector128<float>> low, ReadOnlySpan<Vector128<float>> high,
        Span<float> left, Span<float> right, bool stereo, Span<float> maxGainReductionDb)
    {
        int frames = left.Length, w = NarrowLane.Width;
        for (int b = 0; b < Lanes; b++) _mask[b] = b < bandCount ? 1f : 0f;
        _row.MaxGainReductionDb.AsSpan(0, bandCount).Clear();

        // Each band's key is the louder of its two sides (a mono channel's partner lanes are not part of it).
        Span<float> key = _key.AsSpan(0, frames * w), gain = _gain.AsSpan(0, frames * w);
        Vector128<float> keyMask = stereo ? Vector128<float>.AllBitsSet : Vector128.Create(-1, 0, -1, 0).AsSingle();
        Vector128<float> keepLowPair = Vector128.Create(-1, -1, 0, 0).AsSingle();
        for (int i = 0; i < frames; i++)
        {
            Vector128<float> absLo = Vector128.Abs(low[i]) & keyMask, absHi = Vector128.Abs(high[i]) & keyMask;
            absLo = Vector128.MaxNative(absLo, Vector128.Shuffle(absLo, Vector128.Create(1, 0, 3, 2)));
            absHi = Vector128.MaxNative(absHi, Vector128.Shuffle(absHi, Vector128.Create(1, 0, 3, 2)));
            Vector128.ConditionalSelect(keepLowPair, Vector128.Shuffle(absLo, Vector128.Create(0, 2, 0, 2)), Vector128.Shuffle(absHi, Vector128.Create(0, 2, 0, 2)))
                .StoreUnsafe(ref MemoryMarshal.GetReference(key), (nuint)(i * w));
        }

        // The kernel scales ones, leaving each band's gain per frame.
        gain.Fill(1f);
        CompressorKernel.Process(_row, 0, _link, gain, key, _detected, _gainDb, _onMixes, frames, NarrowLane.Load(_mask, 0));

        // Gains onto the bands, summed lowest band first: ((b0 + b1) + b2) + b3, as the per-band path adds them.
        ref float gains = ref MemoryMarshal.GetReference(gain);
        for (int i = 0; i < frames; i++)
        {
            Vector128<float> bandGain = Vector128.LoadUnsafe(ref gains, (nuint)(i * w));
            Vector128<float> lo = low[i], hi = high[i];
            Vector128<float> wetLo = lo * Vector128.Shuffle(bandGain, Vector128.Create(0, 0, 1, 1)), wetHi = hi * Vector128.Shuffle(bandGain, Vector128.Create(2, 2, 3, 3));
            Vector128<float> sum = wetLo + Vector128.Shuffle(wetLo, Vector128.Create(2, 3, 2, 3));
            if (bandCount >= 3) sum += wetHi;
            if (bandCount == 4) sum += Vector128.Shuffle(wetHi, Vector128.Create(2, 3, 2, 3));
            if (stereo) right[i] = sum.GetElement(1);
            left[i] = sum.GetElement(0);
        }

        _row.MaxGainReductionDb.AsSpan(0, bandCount).CopyTo(maxGainReductionDb);
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
}
