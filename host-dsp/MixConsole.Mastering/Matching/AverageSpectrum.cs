namespace MixConsole.Mastering.Matching;

/// <summary>
/// Long-term average power spectrum of the mid (L+R)/2 and side (L-R)/2 signals (Welch: Hann windows, 50 %
/// overlap), per FFT bin. Mono audio has a mid spectrum and a zero side spectrum.
/// </summary>
/// <param name="SampleRateHz">Sample rate of the analysed audio, Hz.</param>
/// <param name="FftSize">Transform length; bin k is at k * SampleRateHz / FftSize Hz.</param>
/// <param name="MidPower">Mean power of the mid signal per bin 0..FftSize/2.</param>
/// <param name="SidePower">Mean power of the side signal per bin 0..FftSize/2.</param>
/// <param name="Segments">Windows averaged (0 for audio shorter than one window).</param>
public sealed record AverageSpectrum(int SampleRateHz, int FftSize, double[] MidPower, double[] SidePower, long Segments)
{
    /// <summary>Lowest frequency the smoothed curves and width use, Hz (below it is subsonic rumble).</summary>
    public const double LowestHz = 20;

    /// <summary>Width of one bin, Hz.</summary>
    public double BinHz => (double)SampleRateHz / FftSize;

    /// <summary>Highest frequency analysed: 20 kHz or just under Nyquist, whichever is lower, Hz.</summary>
    public double HighestHz => Math.Min(20000, 0.49 * SampleRateHz);

    /// <summary>Side-to-mid energy ratio from 20 Hz to <see cref="HighestHz"/>: 0 for mono, 1 for unrelated channels, above 1 for out-of-phase material.</summary>
    public double SideToMidRatio
    {
        get
        {
            double mid = BandPower(MidPower, LowestHz, HighestHz), side = BandPower(SidePower, LowestHz, HighestHz);
            return mid > 0 ? side / mid : 0;
        }
    }

    /// <summary>
    /// Power of <paramref name="side"/> (or mid) in dB, averaged over a band of <paramref name="octaves"/>
    /// octaves centred on <paramref name="frequencyHz"/> (at least one bin): the smoothed curve the matcher compares.
    /// Frequencies above <see cref="HighestHz"/> read as the value there, so spectra of different rates compare in hertz.
    /// </summary>
    public double SmoothedDb(bool side, double frequencyHz, double octaves)
    {
        double f = Math.Clamp(frequencyHz, LowestHz, HighestHz);
        double half = Math.Pow(2, octaves / 2);
        double lo = f / half, hi = f * half;
        double power = BandPower(side ? SidePower : MidPower, lo, hi);
        return 10 * Math.Log10(power + 1e-30);
    }

    /// <summary>Mean power per bin between <paramref name="lowHz"/> and <paramref name="highHz"/> (the nearest bin when the band is narrower than one).</summary>
    public double BandPower(double[] power, double lowHz, double highHz)
    {
        ArgumentNullException.ThrowIfNull(power);
        int last = power.Length - 1;
        int k0 = Math.Clamp((int)Math.Ceiling(lowHz / BinHz), 0, last), k1 = Math.Clamp((int)Math.Floor(highHz / BinHz), 0, last);
        if (k1 < k0)
        {
            int k = Math.Clamp((int)Math.Round(0.5 * (lowHz + highHz) / BinHz), 0, last);
            return power[k];
        }
        double sum = 0;
        for (int k = k0; k <= k1; k++) sum += power[k];
        return sum / (k1 - k0 + 1);
    }
}
