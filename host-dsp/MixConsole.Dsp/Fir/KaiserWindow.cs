namespace MixConsole.Dsp.Fir;

/// <summary>
/// Kaiser window and windowed-sinc design helpers (Kaiser 1974; Oppenheim and Schafer, 7.6):
/// the window used by every FIR the DSP designs (resampler, oversamplers, linear-phase EQ).
/// </summary>
public static class KaiserWindow
{
    /// <summary>Kaiser beta that reaches <paramref name="stopbandAttenuationDb"/> of stopband rejection.</summary>
    public static double Beta(double stopbandAttenuationDb)
    {
        double a = stopbandAttenuationDb;
        if (a > 50) return 0.1102 * (a - 8.7);
        if (a >= 21) return 0.5842 * Math.Pow(a - 21, 0.4) + 0.07886 * (a - 21);
        return 0;
    }

    /// <summary>
    /// Filter length (taps) for <paramref name="stopbandAttenuationDb"/> of rejection over a transition band of
    /// <paramref name="transitionWidthNormalised"/> (transition width divided by the sample rate).
    /// </summary>
    public static int Length(double stopbandAttenuationDb, double transitionWidthNormalised)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(transitionWidthNormalised);
        double n = (stopbandAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionWidthNormalised);
        return (int)Math.Ceiling(n) + 1;
    }

    /// <summary>Zeroth-order modified Bessel function of the first kind (power series, converges for all x).</summary>
    public static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    /// <summary>
    /// Window value at <paramref name="offsetFromCentre"/> taps from the centre of a window whose
    /// half length is <paramref name="halfLength"/> taps; zero outside.
    /// </summary>
    public static double Value(double offsetFromCentre, double halfLength, double beta)
    {
        double r = offsetFromCentre / halfLength;
        if (r < -1 || r > 1) return 0;
        return BesselI0(beta * Math.Sqrt(1 - r * r)) / BesselI0(beta);
    }

    /// <summary>Normalised sinc: sin(pi x) / (pi x), 1 at 0.</summary>
    public static double Sinc(double x)
    {
        if (Math.Abs(x) < 1e-12) return 1;
        double px = Math.PI * x;
        return Math.Sin(px) / px;
    }

    /// <summary>
    /// A symmetric low-pass of <paramref name="taps"/> taps (odd gives an integer group delay), cut-off at
    /// <paramref name="cutoffNormalised"/> (cut-off over sample rate), Kaiser-windowed, with DC gain <paramref name="dcGain"/>.
    /// </summary>
    public static double[] LowPass(int taps, double cutoffNormalised, double beta, double dcGain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taps, 1);
        var h = new double[taps];
        double centre = (taps - 1) / 2.0;
        double half = Math.Max(centre, 0.5);
        double sum = 0;
        for (int i = 0; i < taps; i++)
        {
            double t = i - centre;
            h[i] = 2 * cutoffNormalised * Sinc(2 * cutoffNormalised * t) * Value(t, half, beta);
            sum += h[i];
        }
        double scale = dcGain / sum;
        for (int i = 0; i < taps; i++) h[i] *= scale;
        return h;
    }
}
