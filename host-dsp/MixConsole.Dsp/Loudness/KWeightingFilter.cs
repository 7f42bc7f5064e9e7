using System.Runtime.Intrinsics;

namespace MixConsole.Dsp.Loudness;

/// <summary>
/// One channel of K-weighting (shelf then high-pass, direct form I, double precision state)
/// that only measures: it returns the sum of squares of the weighted signal and never writes audio.
/// The high-pass numerator is BS.1770's [1, -2, 1] (<see cref="KWeighting.Design"/>): 1 x s is s and -2 x s1 is
/// -(s1 + s1) exactly, so the filter adds where a general biquad would multiply, with the same bits.
/// </summary>
public sealed class KWeightingFilter
{
    // Below this a state value is a decaying tail of silence: flushing it avoids denormal stalls.
    private const double DenormalFloor = 1e-150;

    private KWeightingCoefficients _c;
    private double _x1, _x2, _s1, _s2, _h1, _h2;

    /// <summary>Creates a filter for <paramref name="sampleRateHz"/> with cleared state.</summary>
    /// <param name="sampleRateHz">Sample rate in hertz.</param>
    public KWeightingFilter(double sampleRateHz) => _c = KWeighting.Design(sampleRateHz);

    /// <summary>The biquads in use.</summary>
    public KWeightingCoefficients Coefficients => _c;

    /// <summary>Retunes for a new sample rate, keeping the state.</summary>
    /// <param name="sampleRateHz">Sample rate in hertz.</param>
    public void UpdateSampleRate(double sampleRateHz) => _c = KWeighting.Design(sampleRateHz);

    /// <summary>Clears the filter history.</summary>
    public void Reset() => _x1 = _x2 = _s1 = _s2 = _h1 = _h2 = 0;

    /// <summary>Filters one sample and returns the K-weighted output.</summary>
    /// <param name="x">Input sample.</param>
    public double ProcessSample(double x)
    {
        double s = _c.ShelfB0 * x + _c.ShelfB1 * _x1 + _c.ShelfB2 * _x2 - _c.ShelfA2 * _s2;
        s = Math.FusedMultiplyAdd(-_c.ShelfA1, _s1, s);
        double h = s - (_s1 + _s1) + _s2 - _c.HighPassA2 * _h2;
        h = Math.FusedMultiplyAdd(-_c.HighPassA1, _h1, h);
        _x2 = _x1; _x1 = x; _s2 = _s1; _s1 = s; _h2 = _h1; _h1 = h;
        return h;
    }

    /// <summary>Filters <paramref name="input"/> and returns the sum of the squared K-weighted samples.</summary>
    /// <param name="input">Samples to measure; not modified.</param>
    public double ProcessSumOfSquares(ReadOnlySpan<float> input)
    {
        KWeightingCoefficients c = _c;
        double x1 = _x1, x2 = _x2, s1 = _s1, s2 = _s2, h1 = _h1, h2 = _h2, sum = 0;
        for (int i = 0; i < input.Length; i++)
        {
            double x = input[i];
            // The recursive term is added last, fused, so the feedback path is one FMA long.
            double s = c.ShelfB0 * x + c.ShelfB1 * x1 + c.ShelfB2 * x2 - c.ShelfA2 * s2;
            s = Math.FusedMultiplyAdd(-c.ShelfA1, s1, s);
            double h = s - (s1 + s1) + s2 - c.HighPassA2 * h2;
            h = Math.FusedMultiplyAdd(-c.HighPassA1, h1, h);
            sum = Math.FusedMultiplyAdd(h, h, sum);
            x2 = x1; x1 = x; s2 = s1; s1 = s; h2 = h1; h1 = h;
        }
        Store(x1, x2, s1, s2, h1, h2);
        return sum;
    }

    /// <summary>
    /// Filters two channels in one pass, one per SIMD lane (two feedback chains for the price of one)
    /// and returns each one's sum of squared K-weighted samples.
    /// </summary>
    /// <param name="a">Filter of the first channel.</param>
    /// <param name="inputA">First channel's samples.</param>
    /// <param name="b">Filter of the second channel (same sample rate).</param>
    /// <param name="inputB">Second channel's samples, same length as <paramref name="inputA"/>.</param>
    /// <param name="sumA">Sum of squares of the first channel.</param>
    /// <param name="sumB">Sum of squares of the second channel.</param>
    public static void ProcessPairSumOfSquares(KWeightingFilter a, ReadOnlySpan<float> inputA,
        KWeightingFilter b, ReadOnlySpan<float> inputB, out double sumA, out double sumB)
    {
        if (inputA.Length != inputB.Length)
            throw new ArgumentException("both channels must have the same length", nameof(inputB));
        KWeightingCoefficients c = a._c;
        // One lane per channel: each lane runs the scalar operations in their order, so the sums are ProcessSumOfSquares' bits.
        Vector128<double> sb0 = Vector128.Create(c.ShelfB0), sb1 = Vector128.Create(c.ShelfB1), sb2 = Vector128.Create(c.ShelfB2);
        Vector128<double> sa1 = Vector128.Create(-c.ShelfA1), sa2 = Vector128.Create(c.ShelfA2);
        Vector128<double> ha1 = Vector128.Create(-c.HighPassA1), ha2 = Vector128.Create(c.HighPassA2);
        Vector128<double> x1 = Vector128.Create(a._x1, b._x1), x2 = Vector128.Create(a._x2, b._x2);
        Vector128<double> s1 = Vector128.Create(a._s1, b._s1), s2 = Vector128.Create(a._s2, b._s2);
        Vector128<double> h1 = Vector128.Create(a._h1, b._h1), h2 = Vector128.Create(a._h2, b._h2), sum = Vector128<double>.Zero;
        for (int i = 0; i < inputA.Length; i++)
        {
            Vector128<double> x = Vector128.Create((double)inputA[i], inputB[i]);
            Vector128<double> s = sb0 * x + sb1 * x1 + sb2 * x2 - sa2 * s2;
            s = Vector128.FusedMultiplyAdd(sa1, s1, s);
            Vector128<double> h = s - (s1 + s1) + s2 - ha2 * h2;
            h = Vector128.FusedMultiplyAdd(ha1, h1, h);
            sum = Vector128.FusedMultiplyAdd(h, h, sum);
            x2 = x1; x1 = x; s2 = s1; s1 = s; h2 = h1; h1 = h;
        }
        // The sums are taken before the calls: a value live across a call is kept in memory, here inside the loop.
        sumA = sum.GetElement(0);
        sumB = sum.GetElement(1);
        a.Store(x1.GetElement(0), x2.GetElement(0), s1.GetElement(0), s2.GetElement(0), h1.GetElement(0), h2.GetElement(0));
        b.Store(x1.GetElement(1), x2.GetElement(1), s1.GetElement(1), s2.GetElement(1), h1.GetElement(1), h2.GetElement(1));
    }

    /// <summary>True when this filter's history is bit for bit <paramref name="other"/>'s (same input then gives the same output).</summary>
    internal bool SameState(KWeightingFilter other) =>
        Same(_x1, other._x1) && Same(_x2, other._x2) && Same(_s1, other._s1) && Same(_s2, other._s2) && Same(_h1, other._h1) && Same(_h2, other._h2);

    /// <summary>Takes <paramref name="other"/>'s history (its coefficients must be the same).</summary>
    internal void CopyStateFrom(KWeightingFilter other)
    {
        _x1 = other._x1; _x2 = other._x2; _s1 = other._s1; _s2 = other._s2; _h1 = other._h1; _h2 = other._h2;
    }

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private void Store(double x1, double x2, double s1, double s2, double h1, double h2)
    {
        _x1 = Flush(x1); _x2 = Flush(x2); _s1 = Flush(s1); _s2 = Flush(s2); _h1 = Flush(h1); _h2 = Flush(h2);
    }

    // A NaN or infinity from corrupt input would otherwise poison the state for ever.
    private static double Flush(double v) => Math.Abs(v) < DenormalFloor || !double.IsFinite(v) ? 0.0 : v;
}
