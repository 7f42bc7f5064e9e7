namespace MixConsole.Mastering.Matching;

/// <summary>
/// A correction curve in dB on a log-frequency grid (1/12 octave from 20 Hz to 20 kHz), read by linear
/// interpolation in log frequency; flat continuation below and above the grid.
/// </summary>
public sealed class MatchCurve
{
    /// <summary>Grid points per octave.</summary>
    public const int PointsPerOctave = 12;

    /// <summary>Smoothing of the compared spectra, in octaves (a third of an octave: tonal balance, not single resonances).</summary>
    public const double SmoothingOctaves = 1.0 / 3;

    /// <summary>Largest boost or cut the matcher applies at any frequency, dB.</summary>
    public const double MaxCorrectionDb = 12;

    private readonly double[] _frequencyHz;
    private readonly double[] _gainDb;

    /// <summary>A curve through (<paramref name="frequencyHz"/>[i], <paramref name="gainDb"/>[i]), frequencies ascending.</summary>
    public MatchCurve(double[] frequencyHz, double[] gainDb)
    {
        ArgumentNullException.ThrowIfNull(frequencyHz);
        ArgumentNullException.ThrowIfNull(gainDb);
        if (frequencyHz.Length != gainDb.Length || frequencyHz.Length == 0) throw new ArgumentException("one gain per frequency, at least one point");
        _frequencyHz = frequencyHz;
        _gainDb = gainDb;
    }

    /// <summary>A flat (0 dB) curve.</summary>
    public static MatchCurve Flat { get; } = new([1000], [0]);

    /// <summary>Grid frequencies, Hz.</summary>
    public IReadOnlyList<double> FrequenciesHz => _frequencyHz;

    /// <summary>Gains at the grid frequencies, dB.</summary>
    public IReadOnlyList<double> GainsDb => _gainDb;

    /// <summary>The log-frequency grid from 20 Hz to <paramref name="highestHz"/>.</summary>
    public static double[] Grid(double highestHz)
    {
        var points = new List<double>();
        for (double f = AverageSpectrum.LowestHz; f <= highestHz * 1.0001; f *= Math.Pow(2, 1.0 / PointsPerOctave)) points.Add(f);
        return points.ToArray();
    }

    /// <summary>
    /// The curve that moves <paramref name="source"/> toward <paramref name="target"/> by <paramref name="amount"/>
    /// (0..1): the difference of their smoothed spectra (mid, or side when <paramref name="side"/>), scaled, clamped to
    /// ±<see cref="MaxCorrectionDb"/>, then offset so the source's energy is unchanged (only the tonal balance moves;
    /// loudness and width are matched by their own stages). Flat when either spectrum has no energy there.
    /// </summary>
    public static MatchCurve Toward(AverageSpectrum source, AverageSpectrum target, bool side, double amount)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        double highest = Math.Min(source.HighestHz, target.HighestHz);
        double[] grid = Grid(highest);
        double[] gain = new double[grid.Length];
        double[] sourcePower = side ? source.SidePower : source.MidPower;
        double[] targetPower = side ? target.SidePower : target.MidPower;
        if (Total(sourcePower) <= 0 || Total(targetPower) <= 0 || amount <= 0) return new MatchCurve(grid, gain);
        // Compare shapes, not levels: each spectrum relative to its own total.
        double sourceTotal = 10 * Math.Log10(source.BandPower(sourcePower, AverageSpectrum.LowestHz, highest));
        double targetTotal = 10 * Math.Log10(target.BandPower(targetPower, AverageSpectrum.LowestHz, highest));
        for (int i = 0; i < grid.Length; i++)
        {
            double s = source.SmoothedDb(side, grid[i], SmoothingOctaves) - sourceTotal;
            double t = target.SmoothedDb(side, grid[i], SmoothingOctaves) - targetTotal;
            gain[i] = Math.Clamp(amount * (t - s), -MaxCorrectionDb, MaxCorrectionDb);
        }
        var curve = new MatchCurve(grid, gain);
        // Energy-preserving offset over the source's bins.
        double before = 0, after = 0;
        for (int k = 1; k < sourcePower.Length; k++)
        {
            double f = k * source.BinHz;
            if (f < AverageSpectrum.LowestHz || f > highest) continue;
            before += sourcePower[k];
            after += sourcePower[k] * Math.Pow(10, curve.GainDb(f) / 10);
        }
        double offset = after > 0 ? -10 * Math.Log10(after / before) : 0;
        for (int i = 0; i < gain.Length; i++) gain[i] += offset;
        return curve;
    }

    private static double Total(double[] power)
    {
        double sum = 0;
        foreach (double p in power) sum += p;
        return sum;
    }

    /// <summary>Gain at <paramref name="frequencyHz"/>, dB.</summary>
    public double GainDb(double frequencyHz)
    {
        if (frequencyHz <= _frequencyHz[0]) return _gainDb[0];
        if (frequencyHz >= _frequencyHz[^1]) return _gainDb[^1];
        int hi = Array.BinarySearch(_frequencyHz, frequencyHz);
        if (hi >= 0) return _gainDb[hi];
        hi = ~hi;
        int lo = hi - 1;
        double t = Math.Log(frequencyHz / _frequencyHz[lo]) / Math.Log(_frequencyHz[hi] / _frequencyHz[lo]);
        return _gainDb[lo] + t * (_gainDb[hi] - _gainDb[lo]);
    }

    /// <summary>Power gain of this curve averaged over <paramref name="power"/> (a spectrum of <paramref name="binHz"/> bins) from 20 Hz up: how much it changes that signal's energy.</summary>
    public double EnergyGain(double[] power, double binHz)
    {
        ArgumentNullException.ThrowIfNull(power);
        double before = 0, after = 0;
        for (int k = 1; k < power.Length; k++)
        {
            double f = k * binHz;
            if (f < AverageSpectrum.LowestHz) continue;
            before += power[k];
            after += power[k] * Math.Pow(10, GainDb(f) / 10);
        }
        return before > 0 ? after / before : 1;
    }

    /// <summary>
    /// A symmetric (linear-phase) FIR of <paramref name="taps"/> (odd) taps realising this curve at
    /// <paramref name="sampleRateHz"/>: frequency sampling on a 4x denser grid, zero phase, Kaiser window (90 dB).
    /// </summary>
    public double[] DesignFir(int sampleRateHz, int taps)
    {
        if (taps < 3 || taps % 2 == 0) throw new ArgumentOutOfRangeException(nameof(taps), taps, "odd, at least 3");
        int n = 1;
        while (n < 4 * taps) n <<= 1;
        var re = new double[n];
        var im = new double[n];
        for (int k = 0; k <= n / 2; k++)
        {
            double mag = Math.Pow(10, GainDb((double)k * sampleRateHz / n) / 20);
            re[k] = mag;
            if (k > 0 && k < n / 2) re[n - k] = mag;
        }
        Dsp.Spectral.ComplexFft.Transform(re, im, inverse: true);
        int half = taps / 2;
        double beta = Dsp.Fir.KaiserWindow.Beta(90);
        var fir = new double[taps];
        for (int t = -half; t <= half; t++)
            fir[t + half] = re[(t + n) % n] / n * Dsp.Fir.KaiserWindow.Value(t, half + 1, beta);
        return fir;
    }

    /// <summary>FIR length for matching at <paramref name="sampleRateHz"/>: 4095 taps at 48 kHz (85 ms, ~12 Hz resolution), scaled with the rate, odd.</summary>
    public static int TapsFor(int sampleRateHz) => (int)Math.Round(4095.0 * sampleRateHz / 48000) | 1;
}
