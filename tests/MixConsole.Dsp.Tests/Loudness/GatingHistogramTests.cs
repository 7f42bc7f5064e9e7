using MixConsole.Dsp.Loudness;

namespace MixConsole.Dsp.Tests.Loudness;

public class GatingHistogramTests
{
    [Theory]
    [InlineData(1, -10.0)]
    [InlineData(2, -20.0)]
    [InlineData(3, 0.0)]
    [InlineData(4, 3.0)]
    [InlineData(5, -200.0)]
    [InlineData(6, 90.0)]
    public void GatedMean_EqualsAFullScanOfTheBins(int seed, double relativeGateLu)
    {
        var random = new Random(seed);
        var histogram = new GatingHistogram();
        var energies = new List<double>();
        for (int i = 0; i < 20000; i++)
        {
            // Loudness from -90 to +20 LUFS (beyond both ends of the bins), bunched so many bins repeat.
            double lufs = random.NextDouble() < 0.5 ? -90 + 110 * random.NextDouble() : -23 + 4 * random.NextDouble();
            double energy = GatingHistogram.LoudnessToEnergy(lufs);
            histogram.Add(energy);
            energies.Add(energy);
            if (i % 997 == 0) AssertMatches(histogram, energies, relativeGateLu);
        }

        AssertMatches(histogram, energies, relativeGateLu);
    }

    private static void AssertMatches(GatingHistogram histogram, List<double> energies, double relativeGateLu)
    {
        bool expected = FullScan(energies, relativeGateLu, out double mean, out long count);
        Assert.Equal(expected, histogram.TryGatedMeanEnergy(relativeGateLu, out double actualMean, out long actualCount));
        Assert.Equal(count, actualCount);
        Assert.Equal(mean, actualMean, mean * 1e-12);
    }

    // The definition: per 0.01 LU bin above -70 LUFS, the bin counts when its mean energy is above the gate.
    private static bool FullScan(List<double> energies, double relativeGateLu, out double mean, out long count)
    {
        var binEnergy = new double[GatingHistogram.Bins];
        var binCount = new long[GatingHistogram.Bins];
        double total = 0;
        long n = 0;
        foreach (double e in energies)
        {
            if (!(e > GatingHistogram.LoudnessToEnergy(GatingHistogram.AbsoluteGateLufs))) continue;
            int bin = Math.Clamp((int)((GatingHistogram.EnergyToLoudness(e) - GatingHistogram.AbsoluteGateLufs) / GatingHistogram.BinWidthLu), 0, GatingHistogram.Bins - 1);
            binEnergy[bin] += e;
            binCount[bin]++;
            total += e;
            n++;
        }

        mean = 0;
        count = 0;
        if (n == 0) return false;
        double threshold = total / n * Math.Pow(10, relativeGateLu / 10);
        double sum = 0;
        for (int b = 0; b < GatingHistogram.Bins; b++)
        {
            if (binCount[b] != 0 && binEnergy[b] > threshold * binCount[b])
            {
                sum += binEnergy[b];
                count += binCount[b];
            }
        }

        if (count == 0) return false;
        mean = sum / count;
        return true;
    }
}
