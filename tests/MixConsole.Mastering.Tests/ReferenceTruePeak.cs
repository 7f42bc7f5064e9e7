using System.Runtime.CompilerServices;
namespace MixConsole.Mastering.Tests;

/// <summary>
/// Slow, precise true peak for judging meters: windowed-sinc reconstruction (Kaiser, beta 10,
/// 48 samples each side) evaluated at 48 points per sample interval, in double, wherever one of
/// four neighbouring samples is within 4 dB of the sample peak (for material band-limited below
/// 0.45 fs an interval with smaller neighbours cannot hold the overall true peak).
/// </summary>
internal static class ReferenceTruePeak
{
    private const int HalfWidth = 48;
    private const int Points = 48;
    private static readonly double[,] s_kernel = BuildKernel();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Of(float[] x)
    {
        double samplePeak = 0;
        foreach (float v in x)
            samplePeak = Math.Max(samplePeak, Math.Abs(v));
        double candidate = samplePeak * Math.Pow(10, -4 / 20.0), peak = samplePeak;
        for (int n = HalfWidth; n < x.Length - HalfWidth - 1; n++)
        {
            if (Math.Max(Math.Abs(x[n - 1]), Math.Max(Math.Abs(x[n]), Math.Max(Math.Abs(x[n + 1]), Math.Abs(x[n + 2])))) < candidate)
                continue;
            for (int p = 1; p < Points; p++)
            {
                double acc = 0;
                for (int k = -HalfWidth + 1; k <= HalfWidth; k++)
                    acc += s_kernel[p, k + HalfWidth] * x[n + k];
                peak = Math.Max(peak, Math.Abs(acc));
            }
        }
        return peak;
    }

    private static double[,] BuildKernel()
    {
        var k = new double[Points, 2 * HalfWidth + 1];
        for (int p = 1; p < Points; p++)
        {
            double frac = (double)p / Points;
            for (int j = -HalfWidth + 1; j <= HalfWidth; j++)
            {
                double t = frac - j;
                double sinc = Math.Sin(Math.PI * t) / (Math.PI * t);
                double u = t / HalfWidth;
                k[p, j + HalfWidth] = sinc * I0(10 * Math.Sqrt(Math.Max(0, 1 - u * u))) / I0(10);
            }
        }
        return k;
    }

    private static double I0(double x)
    {
        double sum = 1, term = 1;
        for (int i = 1; i < 60; i++)
        {
            term *= x / 2 / i;
            sum += term * term;
        }
        return sum;
    }
}
