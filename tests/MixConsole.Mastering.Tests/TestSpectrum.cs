using MixConsole.Dsp.Tests.Mastering;

namespace MixConsole.Mastering.Tests;

/// <summary>
/// Long-term power spectra of the mid (L+R)/2 and side (L-R)/2 of stereo audio, measured with the tests' own FFT
/// (Welch: Hann windows of 8192 points, 50 % overlap), so tone and width matching are judged by something other
/// than the matcher's own analysis.
/// </summary>
internal sealed class TestSpectrum
{
    private const int Size = 8192;
    private readonly double[] _mid = new double[Size / 2 + 1], _side = new double[Size / 2 + 1];
    private readonly double _binHz;

    private TestSpectrum(float[][] channels, int sampleRateHz)
    {
        _binHz = (double)sampleRateHz / Size;
        float[] l = channels[0], r = channels[^1];
        var window = new double[Size];
        for (int i = 0; i < Size; i++) window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / Size);
        var re = new double[Size];
        var im = new double[Size];
        for (int start = 0; start + Size <= l.Length; start += Size / 2)
        {
            Accumulate(i => 0.5 * (l[start + i] + r[start + i]), _mid);
            Accumulate(i => 0.5 * (l[start + i] - r[start + i]), _side);
        }

        void Accumulate(Func<int, double> signal, double[] power)
        {
            for (int i = 0; i < Size; i++) { re[i] = window[i] * signal(i); im[i] = 0; }
            TestFft.Transform(re, im);
            for (int k = 0; k <= Size / 2; k++) power[k] += re[k] * re[k] + im[k] * im[k];
        }
    }

    public static TestSpectrum Of(float[][] channels, int sampleRateHz) => new(channels, sampleRateHz);

    /// <summary>Mean mid (or side) power per bin over bins whose centres lie in [<paramref name="lowHz"/>, <paramref name="highHz"/>).</summary>
    public double BandPower(bool side, double lowHz, double highHz)
    {
        double[] power = side ? _side : _mid;
        int k0 = (int)Math.Ceiling(lowHz / _binHz), k1 = Math.Min(power.Length, (int)Math.Ceiling(highHz / _binHz));
        Assert.True(k1 > k0, $"band {lowHz:0}-{highHz:0} Hz holds no bin");
        double sum = 0;
        for (int k = k0; k < k1; k++) sum += power[k];
        return sum / (k1 - k0);
    }

    /// <summary>Side-to-mid energy ratio from 20 Hz to 20 kHz.</summary>
    public double SideToMidRatio => BandPower(true, 20, 20000) / BandPower(false, 20, 20000);

    /// <summary>
    /// How differently two mids are shaped: each 1/3-octave band (centres 100 Hz · 2^(k/3) up to 10 kHz) relative to
    /// the same spectrum's 100 Hz - 10 kHz mean, then the mean absolute difference between the two, dB.
    /// </summary>
    public static double ShapeDistanceDb(TestSpectrum a, TestSpectrum b)
    {
        double ta = Db(a.BandPower(false, 100, 10000)), tb = Db(b.BandPower(false, 100, 10000));
        double sum = 0;
        int count = 0;
        for (int k = 0; 100 * Math.Pow(2, k / 3.0) <= 10000; k++, count++)
        {
            double centre = 100 * Math.Pow(2, k / 3.0), low = centre / Math.Pow(2, 1 / 6.0), high = centre * Math.Pow(2, 1 / 6.0);
            sum += Math.Abs(Db(a.BandPower(false, low, high)) - ta - (Db(b.BandPower(false, low, high)) - tb));
        }
        return sum / count;
    }

    private static double Db(double power) => 10 * Math.Log10(power + 1e-30);
}
