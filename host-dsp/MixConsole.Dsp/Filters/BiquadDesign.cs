namespace MixConsole.Dsp.Filters;

/// <summary>
/// Bilinear-transform designs from Robert Bristow-Johnson's Audio EQ Cookbook.
/// Frequencies are prewarped at the design frequency, so shapes cramp towards
/// Nyquist; for bells and shelves that must keep their analog shape use
/// <see cref="AnalogMatchedDesign"/>. Frequencies are clamped to (0, 0.49 fs).
/// </summary>
public static class BiquadDesign
{
    /// <summary>Second-order low-pass (high cut); Q = 0.7071 is Butterworth.</summary>
    public static BiquadCoefficients LowPass(double sampleRateHz, double frequencyHz, double q)
    {
        Prewarp(sampleRateHz, frequencyHz, q, out double cw, out double alpha);
        double a0 = 1 + alpha;
        return Normalise((1 - cw) / 2, 1 - cw, (1 - cw) / 2, a0, -2 * cw, 1 - alpha);
    }

    /// <summary>Second-order high-pass (low cut); Q = 0.7071 is Butterworth.</summary>
    public static BiquadCoefficients HighPass(double sampleRateHz, double frequencyHz, double q)
    {
        Prewarp(sampleRateHz, frequencyHz, q, out double cw, out double alpha);
        double a0 = 1 + alpha;
        return Normalise((1 + cw) / 2, -(1 + cw), (1 + cw) / 2, a0, -2 * cw, 1 - alpha);
    }

    /// <summary>Band-pass with 0 dB gain at the centre frequency; Q sets the bandwidth.</summary>
    public static BiquadCoefficients BandPass(double sampleRateHz, double frequencyHz, double q)
    {
        Prewarp(sampleRateHz, frequencyHz, q, out double cw, out double alpha);
        return Normalise(alpha, 0, -alpha, 1 + alpha, -2 * cw, 1 - alpha);
    }

    /// <summary>First-order low-pass (6 dB/oct), as a section with B2 = A2 = 0.</summary>
    public static BiquadCoefficients FirstOrderLowPass(double sampleRateHz, double frequencyHz)
    {
        double k = Math.Tan(Math.PI * ClampFrequency(sampleRateHz, frequencyHz) / sampleRateHz);
        return new BiquadCoefficients(k / (1 + k), k / (1 + k), 0, (k - 1) / (k + 1), 0);
    }

    /// <summary>First-order high-pass (6 dB/oct), as a section with B2 = A2 = 0.</summary>
    public static BiquadCoefficients FirstOrderHighPass(double sampleRateHz, double frequencyHz)
    {
        double k = Math.Tan(Math.PI * ClampFrequency(sampleRateHz, frequencyHz) / sampleRateHz);
        return new BiquadCoefficients(1 / (1 + k), -1 / (1 + k), 0, (k - 1) / (k + 1), 0);
    }

    /// <summary>Peaking (bell) of <paramref name="gainDb"/> at the centre frequency; Q as in the cookbook.</summary>
    public static BiquadCoefficients Peaking(double sampleRateHz, double frequencyHz, double q, double gainDb)
    {
        Prewarp(sampleRateHz, frequencyHz, q, out double cw, out double alpha);
        double a = Math.Pow(10, gainDb / 40);
        return Normalise(1 + alpha * a, -2 * cw, 1 - alpha * a, 1 + alpha / a, -2 * cw, 1 - alpha / a);
    }

    /// <summary>Low shelf of <paramref name="gainDb"/> below the corner; Q = 0.7071 gives the steepest slope without overshoot.</summary>
    public static BiquadCoefficients LowShelf(double sampleRateHz, double frequencyHz, double q, double gainDb)
    {
        Prewarp(sampleRateHz, frequencyHz, q, out double cw, out double alpha);
        double a = Math.Pow(10, gainDb / 40), s = 2 * Math.Sqrt(a) * alpha;
        return Normalise(
            a * ((a + 1) - (a - 1) * cw + s), 2 * a * ((a - 1) - (a + 1) * cw), a * ((a + 1) - (a - 1) * cw - s),
            (a + 1) + (a - 1) * cw + s, -2 * ((a - 1) + (a + 1) * cw), (a + 1) + (a - 1) * cw - s);
    }

    /// <summary>High shelf of <paramref name="gainDb"/> above the corner; Q = 0.7071 gives the steepest slope without overshoot.</summary>
    public static BiquadCoefficients HighShelf(double sampleRateHz, double frequencyHz, double q, double gainDb)
    {
        Prewarp(sampleRateHz, frequencyHz, q, out double cw, out double alpha);
        double a = Math.Pow(10, gainDb / 40), s = 2 * Math.Sqrt(a) * alpha;
        return Normalise(
            a * ((a + 1) + (a - 1) * cw + s), -2 * a * ((a - 1) + (a + 1) * cw), a * ((a + 1) + (a - 1) * cw - s),
            (a + 1) - (a - 1) * cw + s, 2 * ((a - 1) - (a + 1) * cw), (a + 1) - (a - 1) * cw - s);
    }

    /// <summary>Clamps a design frequency into (1 Hz, 0.49 fs) so every design stays defined.</summary>
    public static double ClampFrequency(double sampleRateHz, double frequencyHz) =>
        Math.Clamp(frequencyHz, 1.0, 0.49 * sampleRateHz);

    private static void Prewarp(double sampleRateHz, double frequencyHz, double q, out double cosW, out double alpha)
    {
        double w = 2 * Math.PI * ClampFrequency(sampleRateHz, frequencyHz) / sampleRateHz;
        cosW = Math.Cos(w);
        alpha = Math.Sin(w) / (2 * Math.Max(q, 0.01));
    }

    private static BiquadCoefficients Normalise(double b0, double b1, double b2, double a0, double a1, double a2) =>
        new(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
}
