using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Oversampling;

/// <summary>
/// 8x peak interpolator for a signal that is already 2x oversampled by a near-ideal half-band (all content
/// under a quarter of the doubled rate): 16 points per base-rate sample in all. The images of such content
/// start at three quarters of the doubled rate, so a short Nyquist prototype (<see cref="TapsPerPhase"/> taps
/// per phase, a transition band half the doubled rate wide) is as accurate there as the 32-tap
/// <see cref="TruePeakInterpolator"/> is on a full-band signal, at a quarter of the arithmetic. The doubled
/// signal comes as its even and odd samples (base-rate streams), and one peak comes out per base-rate sample:
/// the largest |value| over that sample's interval, the two doubled-rate intervals it holds.
/// Vectorised over time with <see cref="Vector{T}"/>; each lane does the scalar arithmetic, so the output
/// does not depend on the block split or the vector width.
/// </summary>
internal sealed class DoubledRatePeakInterpolator
{
    /// <summary>FIR taps per polyphase branch, counted at the doubled rate.</summary>
    public const int TapsPerPhase = 8;

    /// <summary>Kaiser window shape of the prototype: the beta with the smallest worst error on sines up to 0.4925 of the base rate (0.11 % of the amplitude).</summary>
    public const double KaiserBeta = 6.25;

    private const int Factor = TruePeakInterpolator.OversamplingFactor;
    private const int Phases = Factor - 1;
    /// <summary>Frames of each stream the next outputs read back (the odd stream reaches back T/2 base samples).</summary>
    public const int HistoryFrames = TapsPerPhase / 2;

    private const int History = HistoryFrames;

    /// <summary>Delay in doubled-rate samples of the underlying 8x interpolator (odd, so a pair of intervals maps onto one base interval).</summary>
    public const int DoubledRateLatency = TapsPerPhase / 2 - 1;

    /// <summary>
    /// Delay of the output in base-rate samples: <c>peaks[i]</c> covers the base-rate interval (m - 1, m] with
    /// m = i - <see cref="LatencyFrames"/>, in the time of the doubled signal's even samples.
    /// </summary>
    public const int LatencyFrames = (DoubledRateLatency - 1) / 2;

    // Phase q (1..7), tap k: prototype[k * 8 + q]; laid out [k][q] so one input load serves seven FMAs.
    private static readonly float[] s_coefficients = TruePeakInterpolator.BuildPolyphase(TapsPerPhase, KaiserBeta, out s_maxPhaseL1Norm);
    private static readonly float s_maxPhaseL1Norm;

    private Vector<float>[] _broadcast = [];
    // Per stream: History samples then room for one chunk; shifted down after each chunk.
    private float[] _even = [], _odd = [];
    private int _chunkFrames;

    /// <summary>
    /// Largest sum of |coefficient| over the phases (at least 1): no point exceeds this times the largest
    /// |doubled-rate sample| among those it depends on.
    /// </summary>
    public static float MaxPhaseL1Norm => s_maxPhaseL1Norm;

    /// <summary>Sizes the working buffers for up to <paramref name="maxBlockFrames"/> base-rate frames per call (longer calls run in chunks) and clears the history.</summary>
    public void Prepare(int maxBlockFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockFrames, 1);
        _chunkFrames = maxBlockFrames;
        _even = new float[History + maxBlockFrames];
        _odd = new float[History + maxBlockFrames];
        _broadcast = new Vector<float>[s_coefficients.Length];
        for (int i = 0; i < s_coefficients.Length; i++) _broadcast[i] = new Vector<float>(s_coefficients[i]);
    }

    /// <summary>Clears the history (as if preceded by silence).</summary>
    public void Reset()
    {
        Array.Clear(_even);
        Array.Clear(_odd);
    }

    /// <summary>Largest |x| among the doubled-rate samples held as history (those the next outputs depend on).</summary>
    public float HistoryAbsMax()
    {
        float m = 0;
        for (int i = 0; i < History; i++) m = MathF.Max(m, MathF.Max(MathF.Abs(_even[i]), MathF.Abs(_odd[i])));
        return m;
    }

    /// <summary>
    /// Writes one peak per base-rate frame into <paramref name="peaks"/> (or raises it to that peak when
    /// <paramref name="accumulate"/>, for a linked maximum over channels).
    /// </summary>
    /// <param name="even">Doubled-rate samples 2i.</param>
    /// <param name="odd">Doubled-rate samples 2i + 1; as long as <paramref name="even"/>.</param>
    /// <param name="peaks">At least as long as <paramref name="even"/>.</param>
    /// <param name="accumulate">Keep the larger of the existing value and the new peak.</param>
    public void Process(ReadOnlySpan<float> even, ReadOnlySpan<float> odd, Span<float> peaks, bool accumulate)
    {
        if (odd.Length != even.Length || peaks.Length < even.Length) throw new ArgumentException("streams and output must match in length");
        for (int done = 0; done < even.Length;)
        {
            int n = Math.Min(_chunkFrames, even.Length - done);
            even.Slice(done, n).CopyTo(_even.AsSpan(History));
            odd.Slice(done, n).CopyTo(_odd.AsSpan(History));
            Kernel(n, peaks.Slice(done, n), accumulate);
            _even.AsSpan(n, History).CopyTo(_even);
            _odd.AsSpan(n, History).CopyTo(_odd);
            done += n;
        }
    }

    /// <summary>Takes the streams into the history without interpolating: for callers who proved their peaks cannot matter.</summary>
    public void Skip(ReadOnlySpan<float> even, ReadOnlySpan<float> odd)
    {
        Shift(_even, even);
        Shift(_odd, odd);
    }

    private static void Shift(float[] history, ReadOnlySpan<float> input)
    {
        if (input.Length >= History)
        {
            input[^History..].CopyTo(history);
            return;
        }
        history.AsSpan(input.Length, History - input.Length).CopyTo(history);
        input.CopyTo(history.AsSpan(History - input.Length));
    }

    // Doubled-rate output n uses x2[n - k], k = 0..T-1. For n = 2i: k = 2u reads even[i - u], k = 2u + 1 reads
    // odd[i - u - 1]; for n = 2i + 1: k = 2u reads odd[i - u], k = 2u + 1 reads even[i - u]. The exact sample
    // x2[n - L] (L odd) is odd[i - (L + 1) / 2] for n = 2i and even[i - (L - 1) / 2] for n = 2i + 1.
    private void Kernel(int count, Span<float> peaks, bool accumulate)
    {
        ref float e0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_even), History);
        ref float o0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_odd), History);
        ref float p0 = ref MemoryMarshal.GetReference(peaks);
        int w = Vector<float>.Count;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref Vector<float> coef = ref MemoryMarshal.GetArrayDataReference(_broadcast);
            for (; i <= count - w; i += w) VectorStep(ref coef, ref e0, ref o0, ref p0, i, accumulate);
            // A last partial vector is recomputed as the whole vector ending at `count`: a lane's value does not depend on
            // its neighbours, and taking the maximum with a peak already raised to it changes nothing.
            if (i < count && count >= w)
            {
                VectorStep(ref coef, ref e0, ref o0, ref p0, count - w, accumulate);
                i = count;
            }
        }
        // Scalar tail with each lane's operation order, so results do not depend on block size.
        for (; i < count; i++)
        {
            float m = PhaseScalar(ref Unsafe.Add(ref e0, i), ref Unsafe.Add(ref o0, i - 1));
            m = MathF.Max(m, MathF.Abs(Unsafe.Add(ref o0, i - (DoubledRateLatency + 1) / 2)));
            m = MathF.Max(m, PhaseScalar(ref Unsafe.Add(ref o0, i), ref Unsafe.Add(ref e0, i)));
            m = MathF.Max(m, MathF.Abs(Unsafe.Add(ref e0, i - (DoubledRateLatency - 1) / 2)));
            if (accumulate) m = MathF.Max(m, Unsafe.Add(ref p0, i));
            Unsafe.Add(ref p0, i) = m;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VectorStep(ref Vector<float> coef, ref float e0, ref float o0, ref float p0, int i, bool accumulate)
    {
        // Even doubled-rate points: taps alternate even (k even) and odd (k odd) streams.
        Vector<float> m = Phase7(ref coef, ref Unsafe.Add(ref e0, i), ref Unsafe.Add(ref o0, i - 1));
        m = Vector.Max(m, Vector.Abs(Vector.LoadUnsafe(ref Unsafe.Add(ref o0, i - (DoubledRateLatency + 1) / 2))));
        // Odd doubled-rate points: taps alternate odd (k even) and even (k odd) streams.
        m = Vector.Max(m, Phase7(ref coef, ref Unsafe.Add(ref o0, i), ref Unsafe.Add(ref e0, i)));
        m = Vector.Max(m, Vector.Abs(Vector.LoadUnsafe(ref Unsafe.Add(ref e0, i - (DoubledRateLatency - 1) / 2))));
        if (accumulate) m = Vector.Max(m, Vector.LoadUnsafe(ref p0, (nuint)i));
        m.StoreUnsafe(ref p0, (nuint)i);
    }

    // Largest |phase 1..7| of one doubled-rate point per lane: even-k taps from `a` going back, odd-k taps from `b` going back.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Phase7(ref Vector<float> coef, ref float a, ref float b)
    {
        Vector<float> a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int u = 0; u < TapsPerPhase / 2; u++)
        {
            Fma7(Vector.LoadUnsafe(ref Unsafe.Subtract(ref a, u)), ref Unsafe.Add(ref coef, 2 * u * Phases), ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            Fma7(Vector.LoadUnsafe(ref Unsafe.Subtract(ref b, u)), ref Unsafe.Add(ref coef, (2 * u + 1) * Phases), ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
        }
        return Vector.Max(Vector.Max(Vector.Max(Vector.Abs(a1), Vector.Abs(a2)), Vector.Max(Vector.Abs(a3), Vector.Abs(a4))),
            Vector.Max(Vector.Max(Vector.Abs(a5), Vector.Abs(a6)), Vector.Abs(a7)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fma7(Vector<float> x, ref Vector<float> c, ref Vector<float> a1, ref Vector<float> a2, ref Vector<float> a3,
        ref Vector<float> a4, ref Vector<float> a5, ref Vector<float> a6, ref Vector<float> a7)
    {
        a1 = Vector.FusedMultiplyAdd(x, c, a1);
        a2 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 1), a2);
        a3 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 2), a3);
        a4 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 3), a4);
        a5 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 4), a5);
        a6 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 5), a6);
        a7 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 6), a7);
    }

    private static float PhaseScalar(ref float a, ref float b)
    {
        float m = 0;
        for (int q = 0; q < Phases; q++)
        {
            float acc = 0;
            for (int u = 0; u < TapsPerPhase / 2; u++)
            {
                acc = MathF.FusedMultiplyAdd(Unsafe.Subtract(ref a, u), s_coefficients[2 * u * Phases + q], acc);
                acc = MathF.FusedMultiplyAdd(Unsafe.Subtract(ref b, u), s_coefficients[(2 * u + 1) * Phases + q], acc);
            }
            m = MathF.Max(m, MathF.Abs(acc));
        }
        return m;
    }
}
