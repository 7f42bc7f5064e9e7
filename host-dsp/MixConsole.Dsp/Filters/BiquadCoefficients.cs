namespace MixConsole.Dsp.Filters;

/// <summary>
/// One second-order section, normalised so that a0 = 1:
/// H(z) = (B0 + B1 z^-1 + B2 z^-2) / (1 + A1 z^-1 + A2 z^-2).
/// A first-order section has B2 = A2 = 0. Designed in double precision; kernels round to float.
/// </summary>
/// <param name="B0">Feed-forward coefficient of x[n].</param>
/// <param name="B1">Feed-forward coefficient of x[n-1].</param>
/// <param name="B2">Feed-forward coefficient of x[n-2].</param>
/// <param name="A1">Feedback coefficient of y[n-1] (sign convention: subtracted).</param>
/// <param name="A2">Feedback coefficient of y[n-2] (sign convention: subtracted).</param>
public readonly record struct BiquadCoefficients(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>The pass-through section (H = 1).</summary>
    public static BiquadCoefficients Identity => new(1, 0, 0, 0, 0);

    /// <summary>Digital magnitude |H(e^jw)| at <paramref name="frequencyHz"/> for a filter running at <paramref name="sampleRateHz"/>.</summary>
    public double Magnitude(double frequencyHz, double sampleRateHz)
    {
        double w = 2.0 * Math.PI * frequencyHz / sampleRateHz;
        double c1 = Math.Cos(w), s1 = Math.Sin(w), c2 = Math.Cos(2 * w), s2 = Math.Sin(2 * w);
        double nr = B0 + B1 * c1 + B2 * c2, ni = -(B1 * s1 + B2 * s2);
        double dr = 1 + A1 * c1 + A2 * c2, di = -(A1 * s1 + A2 * s2);
        return Math.Sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
    }

    /// <summary>Digital magnitude in dB at <paramref name="frequencyHz"/> for a filter running at <paramref name="sampleRateHz"/>.</summary>
    public double MagnitudeDb(double frequencyHz, double sampleRateHz) => 20.0 * Math.Log10(Magnitude(frequencyHz, sampleRateHz));

    /// <summary>True when both poles lie strictly inside the unit circle (the section is stable).</summary>
    public bool IsStable => Math.Abs(A2) < 1.0 && Math.Abs(A1) < 1.0 + A2;

    /// <summary>True when both zeros lie strictly inside the unit circle, so <see cref="Inverse"/> is stable.</summary>
    public bool IsMinimumPhase => B0 != 0 && Math.Abs(B2 / B0) < 1.0 && Math.Abs(B1 / B0) < 1.0 + B2 / B0;

    /// <summary>The reciprocal filter 1/H, valid when this section is minimum-phase (B0 != 0).</summary>
    public BiquadCoefficients Inverse() => new(1.0 / B0, A1 / B0, A2 / B0, B1 / B0, B2 / B0);
}
