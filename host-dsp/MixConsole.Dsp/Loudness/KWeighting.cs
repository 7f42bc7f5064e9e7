namespace MixConsole.Dsp.Loudness;

/// <summary>
/// Designs the ITU-R BS.1770-5 K-weighting filter for any sample rate from its analog
/// prototype (shelf and high-pass given as f0, gain, Q) with the bilinear transform.
/// At 48 kHz this reproduces the coefficient table printed in BS.1770 to about 1e-14.
/// </summary>
public static class KWeighting
{
    /// <summary>Shelf corner frequency of the analog prototype, in hertz.</summary>
    public const double ShelfFrequencyHz = 1681.974450955533;

    /// <summary>Shelf high-frequency gain of the analog prototype, in dB.</summary>
    public const double ShelfGainDb = 3.999843853973347;

    /// <summary>Shelf quality factor of the analog prototype.</summary>
    public const double ShelfQ = 0.7071752369554196;

    /// <summary>Exponent relating the shelf's band gain Vb to its high gain Vh (Vb = Vh^x).</summary>
    public const double ShelfBandGainExponent = 0.4996667741545416;

    /// <summary>High-pass (RLB) corner frequency of the analog prototype, in hertz.</summary>
    public const double HighPassFrequencyHz = 38.13547087602444;

    /// <summary>High-pass (RLB) quality factor of the analog prototype.</summary>
    public const double HighPassQ = 0.5003270373238773;

    /// <summary>Returns the K-weighting biquads for <paramref name="sampleRateHz"/>.</summary>
    /// <param name="sampleRateHz">Sample rate in hertz; must exceed twice the shelf frequency.</param>
    public static KWeightingCoefficients Design(double sampleRateHz)
    {
        if (!(sampleRateHz > 2 * ShelfFrequencyHz))
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "sample rate too low for K-weighting");

        double k = Math.Tan(Math.PI * ShelfFrequencyHz / sampleRateHz);
        double vh = Math.Pow(10.0, ShelfGainDb / 20.0);
        double vb = Math.Pow(vh, ShelfBandGainExponent);
        double a0 = 1.0 + k / ShelfQ + k * k;
        double sb0 = (vh + vb * k / ShelfQ + k * k) / a0;
        double sb1 = 2.0 * (k * k - vh) / a0;
        double sb2 = (vh - vb * k / ShelfQ + k * k) / a0;
        double sa1 = 2.0 * (k * k - 1.0) / a0;
        double sa2 = (1.0 - k / ShelfQ + k * k) / a0;

        k = Math.Tan(Math.PI * HighPassFrequencyHz / sampleRateHz);
        a0 = 1.0 + k / HighPassQ + k * k;
        double ha1 = 2.0 * (k * k - 1.0) / a0;
        double ha2 = (1.0 - k / HighPassQ + k * k) / a0;

        // BS.1770 keeps the high-pass numerator at [1, -2, 1] rather than normalising it by a0.
        return new KWeightingCoefficients(sb0, sb1, sb2, sa1, sa2, 1.0, -2.0, 1.0, ha1, ha2);
    }
}
