namespace MixConsole.Dsp.Tests.Mastering;

/// <summary>A plain radix-2 complex FFT for measurements, independent of the code under test.</summary>
internal static class TestFft
{
    public static void Transform(double[] re, double[] im)
    {
        int n = re.Length;
        if ((n & (n - 1)) != 0) throw new ArgumentException("length must be a power of two");
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) { (re[i], re[j]) = (re[j], re[i]); (im[i], im[j]) = (im[j], im[i]); }
        }
        for (int len = 2; len <= n; len <<= 1)
        {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len)
                for (int k = 0; k < len / 2; k++)
                {
                    double wr = Math.Cos(ang * k), wi = Math.Sin(ang * k);
                    int a = i + k, b = i + k + len / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
        }
    }

    /// <summary>Magnitude in dB of the DFT of <paramref name="signal"/> zero-padded to <paramref name="n"/>, bins 0..n/2.</summary>
    public static double[] MagnitudeDb(ReadOnlySpan<float> signal, int n)
    {
        var re = new double[n];
        var im = new double[n];
        for (int i = 0; i < Math.Min(n, signal.Length); i++) re[i] = signal[i];
        Transform(re, im);
        var db = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) db[k] = 10 * Math.Log10(re[k] * re[k] + im[k] * im[k] + 1e-300);
        return db;
    }
}
