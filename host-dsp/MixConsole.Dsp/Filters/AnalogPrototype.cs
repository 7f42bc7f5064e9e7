namespace MixConsole.Dsp.Filters;

/// <summary>
/// An analog second-order transfer function H(s) = (N2 s^2 + N1 s + N0) / (D2 s^2 + D1 s + D0),
/// with s normalised to the design frequency (s = j f / <see cref="FrequencyHz"/>).
/// The shapes are the analog prototypes of the RBJ Audio EQ Cookbook; they are the
/// reference that digital designs are measured against.
/// </summary>
/// <param name="FrequencyHz">Design (corner or centre) frequency in hertz.</param>
/// <param name="N2">Numerator coefficient of s^2.</param>
/// <param name="N1">Numerator coefficient of s.</param>
/// <param name="N0">Numerator constant.</param>
/// <param name="D2">Denominator coefficient of s^2.</param>
/// <param name="D1">Denominator coefficient of s.</param>
/// <param name="D0">Denominator constant.</param>
public readonly record struct AnalogPrototype(double FrequencyHz, double N2, double N1, double N0, double D2, double D1, double D0)
{
    /// <summary>Analog magnitude |H(j 2 pi f)| at <paramref name="frequencyHz"/>.</summary>
    public double Magnitude(double frequencyHz)
    {
        double w = frequencyHz / FrequencyHz, w2 = w * w;
        double nr = N0 - N2 * w2, ni = N1 * w;
        double dr = D0 - D2 * w2, di = D1 * w;
        return Math.Sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
    }

    /// <summary>Analog magnitude in dB at <paramref name="frequencyHz"/>.</summary>
    public double MagnitudeDb(double frequencyHz) => 20.0 * Math.Log10(Magnitude(frequencyHz));

    /// <summary>Second-order low-pass 1 / (s^2 + s/Q + 1).</summary>
    public static AnalogPrototype LowPass(double frequencyHz, double q) => new(frequencyHz, 0, 0, 1, 1, 1 / q, 1);

    /// <summary>Second-order high-pass s^2 / (s^2 + s/Q + 1).</summary>
    public static AnalogPrototype HighPass(double frequencyHz, double q) => new(frequencyHz, 1, 0, 0, 1, 1 / q, 1);

    /// <summary>First-order low-pass 1 / (s + 1).</summary>
    public static AnalogPrototype FirstOrderLowPass(double frequencyHz) => new(frequencyHz, 0, 0, 1, 0, 1, 1);

    /// <summary>First-order high-pass s / (s + 1).</summary>
    public static AnalogPrototype FirstOrderHighPass(double frequencyHz) => new(frequencyHz, 0, 1, 0, 0, 1, 1);

    /// <summary>Band-pass with 0 dB peak: (s/Q) / (s^2 + s/Q + 1).</summary>
    public static AnalogPrototype BandPass(double frequencyHz, double q) => new(frequencyHz, 0, 1 / q, 0, 1, 1 / q, 1);

    /// <summary>Peaking (bell): (s^2 + s A/Q + 1) / (s^2 + s/(A Q) + 1), A = 10^(gainDb/40).</summary>
    public static AnalogPrototype Peaking(double frequencyHz, double q, double gainDb)
    {
        double a = Math.Pow(10, gainDb / 40);
        return new(frequencyHz, 1, a / q, 1, 1, 1 / (a * q), 1);
    }

    /// <summary>Low shelf: A (s^2 + s sqrt(A)/Q + A) / (A s^2 + s sqrt(A)/Q + 1); gain <paramref name="gainDb"/> at DC, 0 dB at high frequencies.</summary>
    public static AnalogPrototype LowShelf(double frequencyHz, double q, double gainDb)
    {
        double a = Math.Pow(10, gainDb / 40), sa = Math.Sqrt(a);
        return new(frequencyHz, a, a * sa / q, a * a, a, sa / q, 1);
    }

    /// <summary>High shelf: A (A s^2 + s sqrt(A)/Q + 1) / (s^2 + s sqrt(A)/Q + A); 0 dB at DC, <paramref name="gainDb"/> at high frequencies.</summary>
    public static AnalogPrototype HighShelf(double frequencyHz, double q, double gainDb)
    {
        double a = Math.Pow(10, gainDb / 40), sa = Math.Sqrt(a);
        return new(frequencyHz, a * a, a * sa / q, a, 1, sa / q, a);
    }
}
