namespace MixConsole.Dsp.Tests.Mastering;

/// <summary>
/// An independent 8x true-peak meter for the tests: a long (193-tap per phase) Kaiser-windowed sinc with its
/// cut-off at Nyquist, so original samples pass unchanged and the flat band reaches ~0.49 fs. Longer and
/// sharper than any realtime detector, so it is a stricter judge than the limiter's own.
/// </summary>
internal static class ReferenceTruePeak
{
    private const int Factor = 8;
    internal static int Half = 96;
    private static double[][] Phases = Build();
    internal static void Rebuild(int half) { Half = half; Phases = Build(); }

    private static double[][] Build()
    {
        double beta = 0.1102 * (100 - 8.7);
        double i0b = I0(beta);
        var phases = new double[Factor][];
        for (int p = 0; p < Factor; p++)
        {
            phases[p] = new double[2 * Half];
            double frac = (double)p / Factor;
            for (int k = 0; k < 2 * Half; k++)
            {
                double t = k - (Half - 1) - frac; // offset of input tap (n - Half + 1 + k) from the point n + frac
                double r = t / (Half + 0.5);
                double w = Math.Abs(r) >= 1 ? 0 : I0(beta * Math.Sqrt(1 - r * r)) / i0b;
                double sinc = Math.Abs(t) < 1e-12 ? 1 : Math.Sin(Math.PI * t) / (Math.PI * t);
                phases[p][k] = sinc * w;
            }
        }
        return phases;
    }

    private static double I0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 300; k++) { term *= q / ((double)k * k); sum += term; if (term < sum * 1e-17) break; }
        return sum;
    }

    /// <summary>Largest absolute value over the 8x interpolated signal (zeros assumed outside).</summary>
    public static double PeakLinear(ReadOnlySpan<float> x) => PeakWithIndex(x).Peak;

    /// <summary>Largest absolute value over the 8x interpolated signal and the sample index it follows.</summary>
    public static (double Peak, int Index) PeakWithIndex(ReadOnlySpan<float> x)
    {
        double peak = 0;
        int at = 0;
        for (int n = 0; n < x.Length; n++)
        {
            if (Math.Abs(x[n]) > peak) { peak = Math.Abs(x[n]); at = n; }
            for (int p = 1; p < Factor; p++)
            {
                double[] h = Phases[p];
                double acc = 0;
                int first = n - Half + 1;
                int k0 = Math.Max(0, -first), k1 = Math.Min(2 * Half, x.Length - first);
                for (int k = k0; k < k1; k++) acc += h[k] * x[first + k];
                if (Math.Abs(acc) > peak) { peak = Math.Abs(acc); at = n; }
            }
        }
        return (peak, at);
    }

    public static double PeakDb(ReadOnlySpan<float> x) => 20 * Math.Log10(Math.Max(PeakLinear(x), 1e-30));
}
