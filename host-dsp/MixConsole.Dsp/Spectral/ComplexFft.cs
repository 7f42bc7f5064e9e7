namespace MixConsole.Dsp.Spectral;

/// <summary>In-place radix-2 complex FFT on split arrays, for filter design (Prepare-time or on parameter change) and offline analysis.</summary>
public static class ComplexFft
{
    /// <summary>Forward transform (e^-j) of a power-of-two length; <paramref name="inverse"/> uses e^+j without scaling.</summary>
    public static void Transform(Span<double> re, Span<double> im, bool inverse = false)
    {
        int n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) { (re[i], re[j]) = (re[j], re[i]); (im[i], im[j]) = (im[j], im[i]); }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= n; len <<= 1)
        {
            double ang = sign * 2 * Math.PI / len;
            double wStepRe = Math.Cos(ang), wStepIm = Math.Sin(ang);
            for (int i = 0; i < n; i += len)
            {
                double wr = 1, wi = 0;
                for (int k = 0; k < len / 2; k++)
                {
                    int a = i + k, b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                    double t = wr * wStepRe - wi * wStepIm;
                    wi = wr * wStepIm + wi * wStepRe;
                    wr = t;
                }
            }
        }
    }
}
