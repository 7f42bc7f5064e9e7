namespace MixConsole.Dsp.Loudness;

/// <summary>
/// Bounded-memory store of gating-block (or short-term) loudness values for a stream of any
/// length: 0.01 LU bins from -70 to +10 LUFS holding each bin's count and exact energy sum, so the
/// relative gate's mean energy is exact and only blocks within 0.01 LU of a gate are judged by
/// their bin's mean. Values above +10 LUFS land in the top bin with their exact energy.
/// </summary>
internal sealed class GatingHistogram
{
    public const double AbsoluteGateLufs = -70.0;
    public const double TopLufs = 10.0;
    public const double BinWidthLu = 0.01;
    public const int Bins = 8000;

    // 10^(-70.691/10): the energy of a -70 LUFS block (loudness = -0.691 + 10 log10 energy).
    private static readonly double s_absoluteGateEnergy = LoudnessToEnergy(AbsoluteGateLufs);

    private readonly double[] _energy = new double[Bins];
    private readonly long[] _count = new long[Bins];

    // Fenwick trees over the bins in reverse order (loudest first), so the gated sum above a threshold is
    // O(log Bins) instead of a scan of all 8000 bins: live meters ask for it 30 times a second.
    private readonly double[] _energyAbove = new double[Bins + 1];
    private readonly long[] _countAbove = new long[Bins + 1];
    private double _totalEnergy;
    private long _total;

    /// <summary>Blocks that passed the absolute gate.</summary>
    public long Count => _total;

    public void Clear()
    {
        Array.Clear(_energy);
        Array.Clear(_count);
        Array.Clear(_energyAbove);
        Array.Clear(_countAbove);
        _totalEnergy = 0;
        _total = 0;
    }

    /// <summary>Adds one block by its channel-weighted mean-square energy; blocks at or below -70 LUFS are gated out.</summary>
    public void Add(double energy)
    {
        if (!(energy > s_absoluteGateEnergy))
            return;
        int bin = BinOf(energy);
        _energy[bin] += energy;
        _count[bin]++;
        for (int i = Bins - bin; i <= Bins; i += i & -i)
        {
            _energyAbove[i] += energy;
            _countAbove[i]++;
        }

        _totalEnergy += energy;
        _total++;
    }

    /// <summary>Mean energy of the blocks above the relative gate, <paramref name="relativeGateLu"/> below the absolute-gated mean.</summary>
    public bool TryGatedMeanEnergy(double relativeGateLu, out double meanEnergy, out long count)
    {
        meanEnergy = 0;
        count = 0;
        if (_total == 0)
            return false;
        double threshold = _totalEnergy / _total * Math.Pow(10.0, relativeGateLu / 10.0);
        // Bins two or more above the threshold's bin lie wholly above it and bins two or more below wholly
        // under it; the three around it are judged by their mean energy, as a full scan would.
        int at = threshold > 0 ? BinOf(threshold) : 0;
        int firstAbove = Math.Min(Bins, at + 2);
        double sum = 0;
        for (int i = Bins - firstAbove; i > 0; i -= i & -i)
        {
            sum += _energyAbove[i];
            count += _countAbove[i];
        }

        for (int b = Math.Max(0, at - 1); b < firstAbove; b++)
        {
            long n = _count[b];
            if (n != 0 && _energy[b] > threshold * n)
            {
                sum += _energy[b];
                count += n;
            }
        }

        if (count == 0)
            return false;
        meanEnergy = sum / count;
        return true;
    }

    /// <summary>
    /// Loudness range per EBU Tech 3342: of the values above the relative gate, the 95th minus the
    /// 10th percentile (nearest rank), in LU; false when no value passes the gates.
    /// </summary>
    public bool TryPercentileRange(double relativeGateLu, double lowPercentile, double highPercentile, out double rangeLu)
    {
        rangeLu = 0;
        if (_total == 0)
            return false;
        double threshold = _totalEnergy / _total * Math.Pow(10.0, relativeGateLu / 10.0);
        int first = 0;
        long n = 0;
        for (int b = Bins - 1; b >= 0; b--)
        {
            if (_count[b] != 0 && _energy[b] > threshold * _count[b])
            {
                n += _count[b];
                first = b;
            }
        }
        if (n == 0)
            return false;
        long lowRank = (long)((n - 1) * lowPercentile + 0.5);
        long highRank = (long)((n - 1) * highPercentile + 0.5);
        double low = ValueAtRank(first, lowRank);
        double high = ValueAtRank(first, highRank);
        rangeLu = high - low;
        return true;
    }

    private double ValueAtRank(int first, long rank)
    {
        long seen = 0;
        for (int b = first; b < Bins; b++)
        {
            seen += _count[b];
            if (seen > rank)
                return EnergyToLoudness(_energy[b] / _count[b]);
        }
        return EnergyToLoudness(_energy[Bins - 1] / Math.Max(1, _count[Bins - 1]));
    }

    private static int BinOf(double energy) =>
        Math.Clamp((int)((EnergyToLoudness(energy) - AbsoluteGateLufs) / BinWidthLu), 0, Bins - 1);

    public static double EnergyToLoudness(double energy) =>
        energy > 0 ? -0.691 + 10.0 * Math.Log10(energy) : double.NegativeInfinity;

    public static double LoudnessToEnergy(double lufs) => Math.Pow(10.0, (lufs + 0.691) / 10.0);
}
