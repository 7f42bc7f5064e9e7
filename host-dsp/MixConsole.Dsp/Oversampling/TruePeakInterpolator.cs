using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Oversampling;

/// <summary>
/// 8x polyphase FIR interpolator for true-peak detection (ITU-R BS.1770-5 Annex 2), vectorised
/// over time with <see cref="Vector{T}"/>. For every input sample it yields the largest absolute
/// value of the band-limited signal over the interval since the previous sample: the seven
/// interpolated points plus the sample itself. The prototype is a Kaiser-windowed sinc that is a
/// Nyquist (8th-band) filter, so phase 0 is the input sample exactly and only seven phases cost
/// arithmetic. Worst-case under-read for a sine anywhere up to 0.45 fs is below 0.2 dB at every
/// sample rate (8x at all rates, not the 2x BS.1770 allows at 96 kHz and above).
/// Reusable by limiters: <see cref="Process"/> gives the per-sample true-peak envelope.
/// </summary>
public sealed class TruePeakInterpolator
{
    /// <summary>Points per input sample period, including the sample itself.</summary>
    public const int OversamplingFactor = 8;

    /// <summary>FIR taps per polyphase branch (input samples each interpolated point depends on).</summary>
    public const int TapsPerPhase = 32;

    /// <summary>Kaiser window shape of the prototype low-pass.</summary>
    public const double KaiserBeta = 7.0;

    private const int Phases = OversamplingFactor - 1;
    private const int History = TapsPerPhase - 1;

    // Phase q (1..7), tap k: prototype[k * 8 + q]; laid out [k][q] so one input load serves seven FMAs.
    private static readonly float[] s_coefficients = BuildPolyphase(TapsPerPhase, KaiserBeta, out s_maxPhaseL1Norm);
    private static readonly float s_maxPhaseL1Norm;

    private Vector<float>[] _broadcast = [];
    private float[] _buffer = [];
    private int _chunkFrames;

    /// <summary>
    /// Delay of <see cref="Process"/>'s output in samples: <c>peakPerSample[n]</c> covers the
    /// interval (n - L - 1, n - L] of the input, where L is this latency.
    /// </summary>
    public int LatencyFrames => Latency;

    /// <summary>The same latency as a constant, for sizing delay lines before an instance exists.</summary>
    public const int Latency = TapsPerPhase / 2 - 1;

    /// <summary>
    /// Largest sum of absolute coefficients over the phases: no interpolated point can exceed this
    /// times the largest |input| among the <see cref="TapsPerPhase"/> samples it depends on.
    /// </summary>
    public static float MaxPhaseL1Norm => s_maxPhaseL1Norm;

    /// <summary>True once <see cref="Prepare"/> has run.</summary>
    public bool IsPrepared => _buffer.Length != 0;

    /// <summary>Sizes the working buffer and clears the history.</summary>
    /// <param name="sampleRateHz">Sample rate in hertz (the filter is normalised: any rate gets 8x).</param>
    /// <param name="maxBlockFrames">Largest span passed per call; longer spans are handled in chunks of this size.</param>
    public void Prepare(double sampleRateHz, int maxBlockFrames)
    {
        if (!(sampleRateHz > 0) || double.IsInfinity(sampleRateHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "sample rate must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockFrames, 1);
        _chunkFrames = maxBlockFrames;
        _buffer = new float[History + maxBlockFrames + Vector<float>.Count];
        _broadcast = new Vector<float>[s_coefficients.Length];
        for (int i = 0; i < s_coefficients.Length; i++)
            _broadcast[i] = new Vector<float>(s_coefficients[i]);
    }

    /// <summary>Clears the history (as if preceded by silence); keeps the preparation.</summary>
    public void Reset() => Array.Clear(_buffer);

    /// <summary>Largest |x| among the samples still held as history (those future outputs depend on).</summary>
    public float HistoryAbsMax()
    {
        EnsurePrepared();
        float m = 0;
        for (int i = 0; i < History; i++)
            m = MathF.Max(m, MathF.Abs(_buffer[i]));
        return m;
    }

    /// <summary>
    /// Writes, for each input sample, the largest absolute value of the 8x-interpolated signal over
    /// the interval ending at that sample, delayed by <see cref="LatencyFrames"/>.
    /// </summary>
    /// <param name="input">Input samples; not modified.</param>
    /// <param name="peakPerSample">Receives one linear peak per input sample; at least as long as <paramref name="input"/>.</param>
    public void Process(ReadOnlySpan<float> input, Span<float> peakPerSample)
    {
        EnsurePrepared();
        if (peakPerSample.Length < input.Length)
            throw new ArgumentException("output shorter than input", nameof(peakPerSample));
        for (int done = 0; done < input.Length;)
        {
            int n = Math.Min(_chunkFrames, input.Length - done);
            input.Slice(done, n).CopyTo(_buffer.AsSpan(History));
            Kernel(n, peakPerSample.Slice(done, n), out _);
            ShiftHistory(n);
            done += n;
        }
    }

    /// <summary>
    /// Advances through <paramref name="input"/> and returns the largest absolute value of the
    /// 8x-interpolated signal over the intervals it completes (what a meter needs, with no output array).
    /// </summary>
    /// <param name="input">Input samples; not modified.</param>
    public float ProcessMax(ReadOnlySpan<float> input)
    {
        EnsurePrepared();
        float max = 0;
        for (int done = 0; done < input.Length;)
        {
            int n = Math.Min(_chunkFrames, input.Length - done);
            input.Slice(done, n).CopyTo(_buffer.AsSpan(History));
            Kernel(n, Span<float>.Empty, out float m);
            max = MathF.Max(max, m);
            ShiftHistory(n);
            done += n;
        }
        return max;
    }

    /// <summary>
    /// Takes <paramref name="input"/> into the history without interpolating it: for callers who
    /// have proved (via <see cref="MaxPhaseL1Norm"/>) that its peaks cannot matter.
    /// </summary>
    /// <param name="input">Input samples; not modified.</param>
    public void Skip(ReadOnlySpan<float> input)
    {
        EnsurePrepared();
        if (input.Length >= History)
        {
            input[^History..].CopyTo(_buffer);
            return;
        }
        _buffer.AsSpan(input.Length, History - input.Length).CopyTo(_buffer);
        input.CopyTo(_buffer.AsSpan(History - input.Length));
    }

    private void ShiftHistory(int n) => _buffer.AsSpan(n, History).CopyTo(_buffer);

    private void EnsurePrepared()
    {
        if (_buffer.Length == 0)
            throw new InvalidOperationException("Prepare the interpolator before use.");
    }

    // Output n uses x[n - k] = buffer[History + n - k], k = 0..TapsPerPhase-1; the exact sample it
    // ends on is x[n - TapsPerPhase/2 + 1].
    private void Kernel(int count, Span<float> perSample, out float blockMax)
    {
        ref float buf = ref MemoryMarshal.GetArrayDataReference(_buffer);
        ref Vector<float> coef = ref MemoryMarshal.GetArrayDataReference(_broadcast);
        bool store = !perSample.IsEmpty;
        int w = Vector<float>.Count;
        int n = 0;
        Vector<float> vmax = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            for (; n <= count - w; n += w)
            {
                Vector<float> a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                ref float x0 = ref Unsafe.Add(ref buf, History + n);
                for (int k = 0; k < TapsPerPhase; k++)
                {
                    Vector<float> x = Vector.LoadUnsafe(ref Unsafe.Subtract(ref x0, k));
                    ref Vector<float> c = ref Unsafe.Add(ref coef, k * Phases);
                    a1 = Vector.FusedMultiplyAdd(x, c, a1);
                    a2 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 1), a2);
                    a3 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 2), a3);
                    a4 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 3), a4);
                    a5 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 4), a5);
                    a6 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 5), a6);
                    a7 = Vector.FusedMultiplyAdd(x, Unsafe.Add(ref c, 6), a7);
                }
                Vector<float> exact = Vector.Abs(Vector.LoadUnsafe(ref Unsafe.Subtract(ref x0, TapsPerPhase / 2 - 1)));
                Vector<float> m = Vector.Max(Vector.Max(Vector.Max(Vector.Abs(a1), Vector.Abs(a2)), Vector.Max(Vector.Abs(a3), Vector.Abs(a4))),
                    Vector.Max(Vector.Max(Vector.Abs(a5), Vector.Abs(a6)), Vector.Max(Vector.Abs(a7), exact)));
                if (store)
                    m.CopyTo(perSample.Slice(n, w));
                vmax = Vector.Max(vmax, m);
            }
        }
        float max = 0;
        for (int i = 0; i < w; i++)
            max = MathF.Max(max, vmax[i]);
        // Scalar tail with the same operation order as one vector lane, so results do not depend on block size.
        for (; n < count; n++)
        {
            float m = MathF.Abs(Unsafe.Add(ref buf, History + n - (TapsPerPhase / 2 - 1)));
            for (int q = 0; q < Phases; q++)
            {
                float acc = 0;
                for (int k = 0; k < TapsPerPhase; k++)
                    acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref buf, History + n - k), s_coefficients[k * Phases + q], acc);
                m = MathF.Max(m, MathF.Abs(acc));
            }
            if (store)
                perSample[n] = m;
            max = MathF.Max(max, m);
        }
        blockMax = max;
    }

    // Phases 1..7 of the 8x prototype, laid out [tap][phase]; also sizes the L1 bound used to skip quiet blocks.
    internal static float[] BuildPolyphase(int tapsPerPhase, double beta, out float maxL1)
    {
        double[] prototype = DesignPrototype(tapsPerPhase, beta);
        var poly = new float[tapsPerPhase * Phases];
        maxL1 = 0;
        for (int q = 1; q <= Phases; q++)
        {
            double l1 = 0;
            for (int k = 0; k < tapsPerPhase; k++)
            {
                float h = (float)prototype[k * OversamplingFactor + q];
                poly[k * Phases + q - 1] = h;
                l1 += Math.Abs(h);
            }
            maxL1 = MathF.Max(maxL1, (float)l1);
        }
        // Phase 0 is the sample itself (weight 1), so the bound is never below 1.
        maxL1 = MathF.Max(maxL1, 1f);
        return poly;
    }

    /// <summary>
    /// The Kaiser-windowed sinc prototype (length taps*8, centre taps*4, cut-off at the input
    /// Nyquist, gain 8 so each phase has unity DC gain). Every 8th tap is zero except the centre.
    /// </summary>
    internal static double[] DesignPrototype(int tapsPerPhase, double beta)
    {
        int length = tapsPerPhase * OversamplingFactor;
        int centre = length / 2;
        var h = new double[length];
        double i0Beta = BesselI0(beta);
        for (int i = 0; i < length; i++)
        {
            double t = (double)(i - centre) / OversamplingFactor;
            double sinc = t == 0 ? 1.0 : Math.Sin(Math.PI * t) / (Math.PI * t);
            double r = (double)(i - centre) / centre;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0.0, 1.0 - r * r))) / i0Beta;
            h[i] = sinc * window;
        }
        // Normalise each phase to unity DC gain so a constant reads as itself between samples.
        for (int q = 1; q < OversamplingFactor; q++)
        {
            double sum = 0;
            for (int k = 0; k < tapsPerPhase; k++)
                sum += h[k * OversamplingFactor + q];
            for (int k = 0; k < tapsPerPhase; k++)
                h[k * OversamplingFactor + q] /= sum;
        }
        return h;
    }

    private static double BesselI0(double x)
    {
        // Power series; converges quickly for the beta range used here.
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 64; k++)
        {
            term *= half / k;
            double t2 = term * term;
            sum += t2;
            if (t2 < sum * 1e-17)
                break;
        }
        return sum;
    }
}
