namespace MixConsole.Dsp.Filters;

/// <summary>
/// A Butterworth low cut (high-pass) or high cut (low-pass) of order 1..4 as up to two
/// sections; unused sections are <see cref="BiquadCoefficients.Identity"/>. Sections
/// are bilinear (RBJ) designs; the whole cascade is -3 dB at the corner frequency.
/// </summary>
/// <param name="Section0">First section (first-order for odd orders).</param>
/// <param name="Section1">Second section, or identity.</param>
/// <param name="SectionCount">Sections that do work (1 or 2).</param>
public readonly record struct ButterworthCascade(BiquadCoefficients Section0, BiquadCoefficients Section1, int SectionCount)
{
    /// <summary>Sections a cascade can hold; callers size per-channel section slots by this.</summary>
    public const int MaxSections = 2;

    /// <summary>High-pass (low cut) at <paramref name="frequencyHz"/> with <paramref name="slope"/>.</summary>
    public static ButterworthCascade HighPass(double sampleRateHz, double frequencyHz, FilterSlope slope) =>
        Design(sampleRateHz, frequencyHz, slope, highPass: true);

    /// <summary>Low-pass (high cut) at <paramref name="frequencyHz"/> with <paramref name="slope"/>.</summary>
    public static ButterworthCascade LowPass(double sampleRateHz, double frequencyHz, FilterSlope slope) =>
        Design(sampleRateHz, frequencyHz, slope, highPass: false);

    /// <summary>The section at <paramref name="index"/> (0 or 1).</summary>
    public BiquadCoefficients this[int index] => index switch
    {
        0 => Section0,
        1 => Section1,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Digital magnitude of the whole cascade at <paramref name="frequencyHz"/>.</summary>
    public double Magnitude(double frequencyHz, double sampleRateHz) =>
        Section0.Magnitude(frequencyHz, sampleRateHz) * Section1.Magnitude(frequencyHz, sampleRateHz);

    /// <summary>Digital magnitude in dB of the whole cascade at <paramref name="frequencyHz"/>.</summary>
    public double MagnitudeDb(double frequencyHz, double sampleRateHz) => 20 * Math.Log10(Magnitude(frequencyHz, sampleRateHz));

    /// <summary>Analog Butterworth magnitude of order <paramref name="slope"/> (the reference the cascade approximates).</summary>
    public static double AnalogMagnitude(double frequencyHz, double cornerHz, FilterSlope slope, bool highPass)
    {
        double ratio = highPass ? cornerHz / frequencyHz : frequencyHz / cornerHz;
        return 1 / Math.Sqrt(1 + Math.Pow(ratio, 2 * (int)slope));
    }

    private static ButterworthCascade Design(double sampleRateHz, double frequencyHz, FilterSlope slope, bool highPass)
    {
        BiquadCoefficients Second(double q) => highPass
            ? BiquadDesign.HighPass(sampleRateHz, frequencyHz, q)
            : BiquadDesign.LowPass(sampleRateHz, frequencyHz, q);
        BiquadCoefficients First() => highPass
            ? BiquadDesign.FirstOrderHighPass(sampleRateHz, frequencyHz)
            : BiquadDesign.FirstOrderLowPass(sampleRateHz, frequencyHz);

        // Section Qs are 1 / (2 cos(theta)) for the Butterworth pole angles theta.
        return slope switch
        {
            FilterSlope.Db6PerOctave => new(First(), BiquadCoefficients.Identity, 1),
            FilterSlope.Db12PerOctave => new(Second(Math.Sqrt(0.5)), BiquadCoefficients.Identity, 1),
            FilterSlope.Db18PerOctave => new(First(), Second(1.0), 2),
            FilterSlope.Db24PerOctave => new(Second(1 / (2 * Math.Cos(Math.PI / 8))), Second(1 / (2 * Math.Cos(3 * Math.PI / 8))), 2),
            _ => throw new ArgumentOutOfRangeException(nameof(slope), slope, "slope must be 6, 12, 18 or 24 dB/oct"),
        };
    }
}
