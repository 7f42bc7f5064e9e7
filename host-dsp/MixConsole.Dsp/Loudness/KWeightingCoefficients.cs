namespace MixConsole.Dsp.Loudness;

/// <summary>
/// The two normalised (a0 = 1) biquads of the BS.1770 K-weighting curve: a high-frequency
/// shelf (the head's acoustic effect) followed by the RLB high-pass.
/// </summary>
/// <param name="ShelfB0">Shelf numerator b0.</param>
/// <param name="ShelfB1">Shelf numerator b1.</param>
/// <param name="ShelfB2">Shelf numerator b2.</param>
/// <param name="ShelfA1">Shelf denominator a1.</param>
/// <param name="ShelfA2">Shelf denominator a2.</param>
/// <param name="HighPassB0">High-pass numerator b0 (1 by BS.1770's convention).</param>
/// <param name="HighPassB1">High-pass numerator b1 (-2).</param>
/// <param name="HighPassB2">High-pass numerator b2 (1).</param>
/// <param name="HighPassA1">High-pass denominator a1.</param>
/// <param name="HighPassA2">High-pass denominator a2.</param>
public readonly record struct KWeightingCoefficients(
    double ShelfB0, double ShelfB1, double ShelfB2, double ShelfA1, double ShelfA2,
    double HighPassB0, double HighPassB1, double HighPassB2, double HighPassA1, double HighPassA2)
{
    /// <summary>Magnitude of the whole K-weighting response at <paramref name="frequencyHz"/>, in dB.</summary>
    /// <param name="frequencyHz">Frequency in hertz (below Nyquist).</param>
    /// <param name="sampleRateHz">Sample rate the coefficients were designed for, in hertz.</param>
    public double MagnitudeDb(double frequencyHz, double sampleRateHz)
    {
        double w = 2.0 * Math.PI * frequencyHz / sampleRateHz;
        double shelf = BiquadMagnitude(ShelfB0, ShelfB1, ShelfB2, ShelfA1, ShelfA2, w);
        double highPass = BiquadMagnitude(HighPassB0, HighPassB1, HighPassB2, HighPassA1, HighPassA2, w);
        return 20.0 * Math.Log10(shelf * highPass);
    }

    private static double BiquadMagnitude(double b0, double b1, double b2, double a1, double a2, double w)
    {
        // |B(e^jw)| / |A(e^jw)| evaluated directly on the unit circle.
        double c1 = Math.Cos(w), s1 = Math.Sin(w), c2 = Math.Cos(2 * w), s2 = Math.Sin(2 * w);
        double nr = b0 + b1 * c1 + b2 * c2, ni = -(b1 * s1 + b2 * s2);
        double dr = 1.0 + a1 * c1 + a2 * c2, di = -(a1 * s1 + a2 * s2);
        return Math.Sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
    }
}
