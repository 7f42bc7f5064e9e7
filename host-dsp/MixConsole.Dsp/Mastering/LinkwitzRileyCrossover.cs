using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Linkwitz-Riley 4th-order (24 dB/oct) crossover network for 2..4 bands, built as a tree: at each split the
/// low side is LR4 low-passed and then passed through the 2nd-order allpass of every higher split, the high
/// side goes on to the next split. Every band then carries the same phase rotation, so the bands sum to an
/// allpass: flat magnitude (Linkwitz 1976; D'Appolito's allpass compensation for multiway networks).
/// <see cref="Process"/> splits and sums (the allpass path); <see cref="Split"/> hands out the bands.
/// Evaluated a channel pair at a time in SIMD lanes: one 4-lane section runs a split's low- and high-pass for
/// both channels, a second runs the allpass of the lower bands; each lane does exactly the float arithmetic of
/// a scalar transposed direct form II <see cref="Biquad"/>, so the result equals the per-channel scalar network.
/// Three bands (both master crossovers) run skewed in 8 lanes: a split's second LR4 section works a frame behind its
/// first in the upper lanes of the same section, split 1 two frames behind split 0, so the five sections cost three.
/// </summary>
public sealed class LinkwitzRileyCrossover : IAudioProcessor
{
    private const int MaxBands = 4;
    private const int MaxSplits = MaxBands - 1;
    private readonly double[] _crossoversHz = [120, 1000, 6000];
    private int _bandCount = 3;
    private double _sampleRateHz = 48000;
    private int _channels, _pairs;
    // Per split, lanes (L low, R low, L high, R high): first and second LR4 section.
    private readonly Section[] _first = new Section[MaxSplits], _second = new Section[MaxSplits];
    // Per split, lanes (band 0 L, band 0 R, band 1 L, band 1 R): the allpass of that split on the bands below it.
    private readonly Section[] _allpass = new Section[MaxSplits];
    // Per split, lanes (first section | second section): the skewed three-band path's two 8-lane sections.
    private readonly WideSection[] _wide = new WideSection[MaxSplits];
    // States [split * pairs + pair]: z1, z2 of the first, second and allpass sections.
    private Vector128<float>[] _firstZ1 = [], _firstZ2 = [], _secondZ1 = [], _secondZ2 = [], _allpassZ1 = [], _allpassZ2 = [];
    private AudioBuffer[] _sumBands = [];

    /// <summary>Number of bands, 2..4. Changing it takes effect at the next <see cref="Prepare"/>.</summary>
    public int BandCount
    {
        get => _bandCount;
        set => _bandCount = Math.Clamp(value, 2, MaxBands);
    }

    /// <summary>Crossover frequency <paramref name="index"/> (0 = lowest) in hertz.</summary>
    public double GetCrossoverHz(int index) => _crossoversHz[index];

    /// <summary>Retunes crossover <paramref name="index"/> (kept in ascending order, 20 Hz..0.45 fs); filter states are kept.</summary>
    public void SetCrossoverHz(int index, double frequencyHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, MaxBands - 2);
        _crossoversHz[index] = Math.Clamp(frequencyHz, 20, 0.45 * _sampleRateHz);
        if (_firstZ1.Length > 0) Design();
    }

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <summary>True (default) to run three bands skewed in 8 lanes; false runs the 4-lane path (tests compare the two).</summary>
    internal bool SkewedPath { get; set; } = true;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _channels = spec.Channels;
        _pairs = (_channels + 1) / 2;
        int states = (_bandCount - 1) * _pairs;
        _firstZ1 = new Vector128<float>[states]; _firstZ2 = new Vector128<float>[states];
        _secondZ1 = new Vector128<float>[states]; _secondZ2 = new Vector128<float>[states];
        _allpassZ1 = new Vector128<float>[states]; _allpassZ2 = new Vector128<float>[states];
        _sumBands = new AudioBuffer[_bandCount];
        for (int b = 0; b < _bandCount; b++) _sumBands[b] = new AudioBuffer(spec.Channels, spec.MaxBlockFrames);
        Design();
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_firstZ1); Array.Clear(_firstZ2);
        Array.Clear(_secondZ1); Array.Clear(_secondZ2);
        Array.Clear(_allpassZ1); Array.Clear(_allpassZ2);
    }

    /// <summary>
    /// Splits the first <paramref name="frames"/> frames of <paramref name="input"/> into <see cref="BandCount"/>
    /// buffers, lowest first (each with at least the input's channels and frames). <paramref name="input"/> is not changed.
    /// </summary>
    public void Split(AudioBuffer input, int frames, AudioBuffer[] bands)
    {
        int splits = _bandCount - 1;
        int channels = Math.Min(input.Channels, _channels);
        for (int c = 0; c < channels; c += 2)
        {
            bool pair = c + 1 < channels;
            // A lone channel writes its partner lane into its own span first, then its own value.
            var sink = new BandStore
            {
                Bands = _bandCount,
                O0L = bands[0].Channel(c, frames), O0R = pair ? bands[0].Channel(c + 1, frames) : bands[0].Channel(c, frames),
                O1L = bands[1].Channel(c, frames), O1R = pair ? bands[1].Channel(c + 1, frames) : bands[1].Channel(c, frames),
            };
            if (splits >= 2) { sink.O2L = bands[2].Channel(c, frames); sink.O2R = pair ? bands[2].Channel(c + 1, frames) : sink.O2L; }
            if (splits >= 3) { sink.O3L = bands[3].Channel(c, frames); sink.O3R = pair ? bands[3].Channel(c + 1, frames) : sink.O3L; }
            SplitPair(input, frames, c, pair, splits, c / 2, ref sink);
        }
    }

    /// <summary>
    /// Splits channels <paramref name="channel"/> and <paramref name="channel"/> + 1 (or a lone last channel, whose
    /// partner lanes are zero) into lanes per frame: <paramref name="low"/> holds (band 0 L, band 0 R, band 1 L, band 1 R),
    /// <paramref name="high"/> (band 2 L, band 2 R, band 3 L, band 3 R); lanes of bands past <see cref="BandCount"/> are
    /// unspecified. Same state and arithmetic as <see cref="Split"/>: the values are the ones it would store.
    /// </summary>
    internal void SplitLanes(AudioBuffer input, int frames, int channel, Span<Vector128<float>> low, Span<Vector128<float>> high)
    {
        var sink = new LaneStore { Low = low, High = high };
        SplitPair(input, frames, channel, channel + 1 < Math.Min(input.Channels, _channels), _bandCount - 1, channel / 2, ref sink);
    }

    private void SplitPair<TSink>(AudioBuffer input, int frames, int c, bool pair, int splits, int p, ref TSink sink)
        where TSink : struct, IBandSink, allows ref struct
    {
        Span<float> inL = input.Channel(c, frames), inR = pair ? input.Channel(c + 1, frames) : inL;
        if (splits == 2 && SkewedPath && Vector256.IsHardwareAccelerated)
        {
            SplitPairSkewed(inL, inR, frames, pair, p, ref sink);
            return;
        }
        int pairs = _pairs;
        Vector128<float> f1a = _firstZ1[p], f2a = _firstZ2[p], s1a = _secondZ1[p], s2a = _secondZ2[p];
        Vector128<float> f1b = default, f2b = default, s1b = default, s2b = default, p1b = default, p2b = default;
        Vector128<float> f1c = default, f2c = default, s1c = default, s2c = default, p1c = default, p2c = default;
        if (splits >= 2)
        {
            int q = pairs + p;
            f1b = _firstZ1[q]; f2b = _firstZ2[q]; s1b = _secondZ1[q]; s2b = _secondZ2[q]; p1b = _allpassZ1[q]; p2b = _allpassZ2[q];
        }
        if (splits >= 3)
        {
            int q = 2 * pairs + p;
            f1c = _firstZ1[q]; f2c = _firstZ2[q]; s1c = _secondZ1[q]; s2c = _secondZ2[q]; p1c = _allpassZ1[q]; p2c = _allpassZ2[q];
        }
        Section fa = _first[0], sa = _second[0], fb = _first[1], sb = _second[1], pb = _allpass[1], fc = _first[2], sc = _second[2], pc = _allpass[2];
        Vector128<float> keepLowPair = Vector128.Create(-1, -1, 0, 0).AsSingle();
        for (int i = 0; i < frames; i++)
        {
            float l = inL[i], r = pair ? inR[i] : 0f;
            Vector128<float> x = Vector128.Create(l, r, l, r);
            Vector128<float> y = Run(sa, Run(fa, x, ref f1a, ref f2a), ref s1a, ref s2a); // low L, low R, high L, high R
            if (splits == 1)
            {
                sink.Put(i, y, y);
                continue;
            }
            Vector128<float> lower = y; // band 0 in lanes 0, 1
            x = Vector128.Shuffle(y, Vector128.Create(2, 3, 2, 3));
            y = Run(sb, Run(fb, x, ref f1b, ref f2b), ref s1b, ref s2b);
            lower = Run(pb, lower, ref p1b, ref p2b);
            lower = Vector128.ConditionalSelect(keepLowPair, lower, Vector128.Shuffle(y, Vector128.Create(0, 1, 0, 1))); // band 1 into lanes 2, 3
            if (splits == 2)
            {
                sink.Put(i, lower, Vector128.Shuffle(y, Vector128.Create(2, 3, 2, 3)));
                continue;
            }
            x = Vector128.Shuffle(y, Vector128.Create(2, 3, 2, 3));
            y = Run(sc, Run(fc, x, ref f1c, ref f2c), ref s1c, ref s2c);
            lower = Run(pc, lower, ref p1c, ref p2c);
            sink.Put(i, lower, y);
        }
        _firstZ1[p] = Flush(f1a); _firstZ2[p] = Flush(f2a); _secondZ1[p] = Flush(s1a); _secondZ2[p] = Flush(s2a);
        if (splits >= 2)
        {
            int q = pairs + p;
            _firstZ1[q] = Flush(f1b); _firstZ2[q] = Flush(f2b); _secondZ1[q] = Flush(s1b); _secondZ2[q] = Flush(s2b);
            _allpassZ1[q] = Flush(p1b); _allpassZ2[q] = Flush(p2b);
        }
        if (splits >= 3)
        {
            int q = 2 * pairs + p;
            _firstZ1[q] = Flush(f1c); _firstZ2[q] = Flush(f2c); _secondZ1[q] = Flush(s1c); _secondZ2[q] = Flush(s2c);
            _allpassZ1[q] = Flush(p1c); _allpassZ2[q] = Flush(p2c);
        }
    }

    // Three bands, skewed: iteration t runs split 0's first section on frame t and its second on frame t - 1 (one 8-lane
    // section), split 1's on frames t - 2 and t - 3 and split 1's allpass on band 0 of frame t - 2, and hands out frame
    // t - 3. The first and last three iterations keep the states of sections without a frame; the rest run unmasked.
    private void SplitPairSkewed<TSink>(Span<float> inL, Span<float> inR, int frames, bool pair, int p, ref TSink sink)
        where TSink : struct, IBandSink, allows ref struct
    {
        if (frames == 0) return;
        int q = _pairs + p;
        var s = new SkewState
        {
            A1 = Vector256.Create(_firstZ1[p], _secondZ1[p]), A2 = Vector256.Create(_firstZ2[p], _secondZ2[p]),
            B1 = Vector256.Create(_firstZ1[q], _secondZ1[q]), B2 = Vector256.Create(_firstZ2[q], _secondZ2[q]),
            P1 = _allpassZ1[q], P2 = _allpassZ2[q],
        };
        WideSection wa = _wide[0], wb = _wide[1];
        Section pb = _allpass[1];
        TSink put = sink; // a local copy: the sink's spans stay in registers
        int t = 0;
        for (int edge = Math.Min(3, frames); t < edge; t++) Skew(ref s, wa, wb, pb, inL, inR, pair, t, frames, masked: true, ref put);
        for (; t < frames; t++) Skew(ref s, wa, wb, pb, inL, inR, pair, t, frames, masked: false, ref put);
        for (; t < frames + 3; t++) Skew(ref s, wa, wb, pb, inL, inR, pair, t, frames, masked: true, ref put);
        sink = put;
        _firstZ1[p] = Flush(s.A1.GetLower()); _firstZ2[p] = Flush(s.A2.GetLower());
        _secondZ1[p] = Flush(s.A1.GetUpper()); _secondZ2[p] = Flush(s.A2.GetUpper());
        _firstZ1[q] = Flush(s.B1.GetLower()); _firstZ2[q] = Flush(s.B2.GetLower());
        _secondZ1[q] = Flush(s.B1.GetUpper()); _secondZ2[q] = Flush(s.B2.GetUpper());
        _allpassZ1[q] = Flush(s.P1); _allpassZ2[q] = Flush(s.P2);
    }

    // The skewed path's states and the outputs of the last iteration: (first | second) of split 0 and of split 1, the allpass.
    private struct SkewState
    {
        public Vector256<float> A1, A2, B1, B2, YA, YB;
        public Vector128<float> P1, P2, YP;
    }

    // One iteration of the skewed path; `masked` (the first and last three) keeps the states of sections whose frame is outside the block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Skew<TSink>(ref SkewState s, in WideSection wa, in WideSection wb, in Section pb, Span<float> inL, Span<float> inR,
        bool pair, int t, int frames, bool masked, ref TSink sink)
        where TSink : struct, IBandSink, allows ref struct
    {
        Vector128<float> x = default;
        if (!masked || t < frames)
        {
            float l = inL[t], r = pair ? inR[t] : 0f;
            x = Vector128.Create(l, r, l, r);
        }
        Vector128<float> split0 = s.YA.GetUpper(); // split 0's output of frame t - 2: (band 0 L, R, high L, R)
        Vector256<float> xa = Vector256.Create(x, s.YA.GetLower());
        Vector256<float> xb = Vector256.Create(Vector128.Shuffle(split0, Vector128.Create(2, 3, 2, 3)), s.YB.GetLower());
        Vector128<float> heldAllpass = s.YP;
        if (masked)
        {
            Vector256<float> a1 = s.A1, a2 = s.A2, b1 = s.B1, b2 = s.B2;
            Vector128<float> p1 = s.P1, p2 = s.P2;
            s.YA = Run(wa, xa, ref a1, ref a2);
            s.YB = Run(wb, xb, ref b1, ref b2);
            s.YP = Run(pb, split0, ref p1, ref p2);
            Vector256<float> maskA = Vector256.Create(Lanes(t < frames), Lanes(t >= 1 && t <= frames));
            Vector256<float> maskB = Vector256.Create(Lanes(t >= 2 && t <= frames + 1), Lanes(t >= 3));
            Vector128<float> maskP = Lanes(t >= 2 && t <= frames + 1);
            s.A1 = Vector256.ConditionalSelect(maskA, a1, s.A1); s.A2 = Vector256.ConditionalSelect(maskA, a2, s.A2);
            s.B1 = Vector256.ConditionalSelect(maskB, b1, s.B1); s.B2 = Vector256.ConditionalSelect(maskB, b2, s.B2);
            s.P1 = Vector128.ConditionalSelect(maskP, p1, s.P1); s.P2 = Vector128.ConditionalSelect(maskP, p2, s.P2);
            if (t < 3) return;
        }
        else
        {
            s.YA = Run(wa, xa, ref s.A1, ref s.A2);
            s.YB = Run(wb, xb, ref s.B1, ref s.B2);
            s.YP = Run(pb, split0, ref s.P1, ref s.P2);
        }
        Vector128<float> split1 = s.YB.GetUpper(); // split 1's output of frame t - 3: (band 1 L, R, band 2 L, R)
        Vector128<float> lower = Vector128.ConditionalSelect(Vector128.Create(-1, -1, 0, 0).AsSingle(), heldAllpass, Vector128.Shuffle(split1, Vector128.Create(0, 1, 0, 1)));
        sink.Put(t - 3, lower, Vector128.Shuffle(split1, Vector128.Create(2, 3, 2, 3)));
    }

    private static Vector128<float> Lanes(bool on) => on ? Vector128<float>.AllBitsSet : Vector128<float>.Zero;

    // Where one frame of a channel pair's bands goes: low = bands 0 and 1, high = bands 2 and 3, each as (L, R).
    private interface IBandSink
    {
        void Put(int i, Vector128<float> low, Vector128<float> high);
    }

    // Split's outputs: band spans per channel; a lone channel's R spans alias its L spans.
    private ref struct BandStore : IBandSink
    {
        public int Bands;
        public Span<float> O0L, O0R, O1L, O1R, O2L, O2R, O3L, O3R;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Put(int i, Vector128<float> low, Vector128<float> high)
        {
            Store(low, i, O0L, O0R, O1L, O1R);
            if (Bands == 3) StoreLow(high, i, O2L, O2R);
            else if (Bands == 4) Store(high, i, O2L, O2R, O3L, O3R);
        }
    }

    // SplitLanes' outputs: the lanes as they are.
    private ref struct LaneStore : IBandSink
    {
        public Span<Vector128<float>> Low, High;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Put(int i, Vector128<float> low, Vector128<float> high)
        {
            Low[i] = low;
            High[i] = high;
        }
    }

    // Lanes 0, 1 to the first pair of outputs, lanes 2, 3 to the second; right lanes are written first so a lone channel keeps its left value.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<float> v, int i, Span<float> aL, Span<float> aR, Span<float> bL, Span<float> bR)
    {
        aR[i] = v.GetElement(1);
        aL[i] = v.GetElement(0);
        bR[i] = v.GetElement(3);
        bL[i] = v.GetElement(2);
    }

    // Lanes 0, 1 only.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLow(Vector128<float> v, int i, Span<float> aL, Span<float> aR)
    {
        aR[i] = v.GetElement(1);
        aL[i] = v.GetElement(0);
    }

    // Transposed direct form II, the same operations in the same order as Biquad.ProcessSample, in every lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Run(in Section s, Vector128<float> x, ref Vector128<float> z1, ref Vector128<float> z2)
    {
        Vector128<float> y = s.B0 * x + z1;
        z1 = s.B1 * x - s.A1 * y + z2;
        z2 = s.B2 * x - s.A2 * y;
        return y;
    }

    // Run in 8 lanes: each lane the same operations as Run.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Run(in WideSection s, Vector256<float> x, ref Vector256<float> z1, ref Vector256<float> z2)
    {
        Vector256<float> y = s.B0 * x + z1;
        z1 = s.B1 * x - s.A1 * y + z2;
        z2 = s.B2 * x - s.A2 * y;
        return y;
    }

    // Biquad.FlushDenormals for every lane: states below the threshold become zero, once per block.
    private static Vector128<float> Flush(Vector128<float> z) =>
        Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(z), Vector128.Create(DenormalGuard.Threshold)), Vector128<float>.Zero, z);

    /// <summary>Splits and sums back in place: the network's allpass response (flat magnitude).</summary>
    public void Process(AudioBuffer buffer, int frames)
    {
        Split(buffer, frames, _sumBands);
        int channels = Math.Min(buffer.Channels, _channels);
        for (int c = 0; c < channels; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            _sumBands[0].Channel(c, frames).CopyTo(x);
            for (int b = 1; b < _bandCount; b++)
            {
                Span<float> band = _sumBands[b].Channel(c, frames);
                for (int i = 0; i < x.Length; i++) x[i] += band[i];
            }
        }
    }

    private void Design()
    {
        int splits = _bandCount - 1;
        double q = Math.Sqrt(0.5);
        for (int k = 0; k < MaxSplits; k++)
        {
            if (k >= splits)
            {
                _first[k] = _second[k] = _allpass[k] = Section.Of(BiquadCoefficients.Identity, BiquadCoefficients.Identity);
                continue;
            }
            double f = SplitHz(k);
            BiquadCoefficients lp = BiquadDesign.LowPass(_sampleRateHz, f, q);
            BiquadCoefficients hp = BiquadDesign.HighPass(_sampleRateHz, f, q);
            BiquadCoefficients ap = Allpass(lp);
            _first[k] = _second[k] = Section.Of(lp, hp);
            // Bands below split k: band 0 always, band 1 only from split 2 on (at split 1 it is made, not filtered).
            _allpass[k] = Section.Of(ap, k >= 2 ? ap : BiquadCoefficients.Identity);
        }
        for (int k = 0; k < MaxSplits; k++) _wide[k] = new WideSection(_first[k], _second[k]);
    }

    /// <summary>Most sections <see cref="GetBandSections"/> writes.</summary>
    public const int MaxBandSections = 2 * MaxSplits;

    /// <summary>
    /// The biquads whose product is band <paramref name="band"/>'s response as <see cref="Split"/> makes it, for drawing:
    /// the LR4 high-pass of every split below the band, the LR4 low-pass of its own, the allpass of every split above.
    /// Returns how many were written (at most <see cref="MaxBandSections"/>). Valid after <see cref="Prepare"/>.
    /// </summary>
    public int GetBandSections(int band, Span<BiquadCoefficients> sections)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(band, _bandCount);
        double q = Math.Sqrt(0.5);
        int n = 0;
        for (int k = 0; k < _bandCount - 1; k++)
        {
            BiquadCoefficients lp = BiquadDesign.LowPass(_sampleRateHz, SplitHz(k), q);
            if (k < band)
            {
                sections[n] = sections[n + 1] = BiquadDesign.HighPass(_sampleRateHz, SplitHz(k), q);
                n += 2;
            }
            else if (k == band)
            {
                sections[n] = sections[n + 1] = lp;
                n += 2;
            }
            else
            {
                sections[n++] = Allpass(lp);
            }
        }

        return n;
    }

    // Split k's frequency as designed: inside 20 Hz..0.45 fs and not below the split before it.
    private double SplitHz(int k)
    {
        double f = Math.Clamp(_crossoversHz[k], 20, 0.45 * _sampleRateHz);
        return k > 0 ? Math.Max(f, _crossoversHz[k - 1]) : f;
    }

    // LP^2 + HP^2 of the same Butterworth pair is the allpass (a2, a1, 1) / (1, a1, a2).
    private static BiquadCoefficients Allpass(in BiquadCoefficients lp) => new(lp.A2, lp.A1, 1, lp.A1, lp.A2);

    // Coefficients of one 4-lane section: lanes 0, 1 from `pair0`, lanes 2, 3 from `pair1` (float, as Biquad rounds them).
    private readonly struct Section(Vector128<float> b0, Vector128<float> b1, Vector128<float> b2, Vector128<float> a1, Vector128<float> a2)
    {
        public readonly Vector128<float> B0 = b0, B1 = b1, B2 = b2, A1 = a1, A2 = a2;

        public static Section Of(in BiquadCoefficients pair0, in BiquadCoefficients pair1)
        {
            static Vector128<float> Lanes(double a, double b) => Vector128.Create((float)a, (float)a, (float)b, (float)b);
            return new Section(Lanes(pair0.B0, pair1.B0), Lanes(pair0.B1, pair1.B1), Lanes(pair0.B2, pair1.B2),
                Lanes(pair0.A1, pair1.A1), Lanes(pair0.A2, pair1.A2));
        }
    }

    // Two 4-lane sections side by side: `lower` in lanes 0..3, `upper` in lanes 4..7.
    private readonly struct WideSection(in Section lower, in Section upper)
    {
        public readonly Vector256<float> B0 = Vector256.Create(lower.B0, upper.B0), B1 = Vector256.Create(lower.B1, upper.B1),
            B2 = Vector256.Create(lower.B2, upper.B2), A1 = Vector256.Create(lower.A1, upper.A1), A2 = Vector256.Create(lower.A2, upper.A2);
    }
}
