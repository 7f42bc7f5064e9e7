using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Mastering;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Mastering;

public class CrossoverTests(ITestOutputHelper output)
{
    private const int N = 1 << 16;

    private static LinkwitzRileyCrossover Make(int bands)
    {
        var x = new LinkwitzRileyCrossover { BandCount = bands };
        double[] f = bands switch { 2 => [700], 3 => [90, 2500], _ => [60, 400, 5000] };
        x.Prepare(new ProcessSpec(48000, N, 1));
        for (int i = 0; i < f.Length; i++) x.SetCrossoverHz(i, f[i]);
        x.Reset();
        return x;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Crossover_BandsSumFlat_Within0p01Db_OnADenseGrid(int bands)
    {
        var network = Make(bands);
        var buffer = new AudioBuffer(1, N);
        buffer.Channel(0, N)[0] = 1;
        network.Process(buffer, N);
        double[] db = TestFft.MagnitudeDb(buffer.Channel(0, N), N);
        double worst = 0;
        // Every bin from 10 Hz to 22 kHz: 0.73 Hz spacing, about 30 000 frequencies.
        for (int k = (int)(10.0 * N / 48000); k <= (int)(22000.0 * N / 48000); k++) worst = Math.Max(worst, Math.Abs(db[k]));
        output.WriteLine($"{bands} bands: worst deviation from flat {worst:E2} dB");
        Assert.True(worst < 0.01, $"sum deviates {worst} dB");
    }

    [Fact]
    public void Crossover_Bands_FollowTheLr4Responses()
    {
        var network = Make(3);
        var input = new AudioBuffer(1, N);
        input.Channel(0, N)[0] = 1;
        var bands = new[] { new AudioBuffer(1, N), new AudioBuffer(1, N), new AudioBuffer(1, N) };
        network.Split(input, N, bands);
        double[][] db = [.. bands.Select(b => TestFft.MagnitudeDb(b.Channel(0, N), N))];
        BiquadCoefficients lp1 = BiquadDesign.LowPass(48000, 90, Math.Sqrt(0.5)), hp1 = BiquadDesign.HighPass(48000, 90, Math.Sqrt(0.5));
        BiquadCoefficients lp2 = BiquadDesign.LowPass(48000, 2500, Math.Sqrt(0.5)), hp2 = BiquadDesign.HighPass(48000, 2500, Math.Sqrt(0.5));
        foreach (double f in new[] { 30.0, 90, 180, 1000, 2500, 5000, 12000 })
        {
            int k = (int)Math.Round(f * N / 48000);
            double fk = k * 48000.0 / N;
            double low = 2 * lp1.MagnitudeDb(fk, 48000);
            double mid = 2 * hp1.MagnitudeDb(fk, 48000) + 2 * lp2.MagnitudeDb(fk, 48000);
            double high = 2 * hp1.MagnitudeDb(fk, 48000) + 2 * hp2.MagnitudeDb(fk, 48000);
            output.WriteLine($"{f}: low {low:F3}/{db[0][k]:F3} mid {mid:F3}/{db[1][k]:F3} high {high:F3}/{db[2][k]:F3}");
            foreach (var (expected, actual) in new[] { (low, db[0][k]), (mid, db[1][k]), (high, db[2][k]) })
                if (expected > -60) Assert.InRange(actual - expected, -0.1, 0.1);
        }
        // LR4 crosses at -6.02 dB; the nearest bin sits 0.09 Hz above 90 Hz, where the low band is 0.02 dB further down.
        Assert.Equal(-6.02, db[0][(int)Math.Round(90.0 * N / 48000)], 0.05);
    }

    /// <summary>
    /// Three bands run skewed in 8 lanes (a section's later stage a frame behind); every band of every frame must be the
    /// 4-lane path's, bit for bit: any block size (1 and 2 run only the masked edges), a lone channel, a retune mid-stream.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 7)]
    [InlineData(2, 32)]
    [InlineData(1, 512)]
    public void Crossover_SkewedThreeBands_GiveTheFourLaneBits(int channels, int blockFrames)
    {
        const int Frames = 6000;
        var skewed = new LinkwitzRileyCrossover();
        var plain = new LinkwitzRileyCrossover { SkewedPath = false };
        float[][] input = [.. Enumerable.Range(0, channels).Select(c => Signals.Noise(Frames, 11 + c, 0.5))];
        var bandsA = new[] { new AudioBuffer(channels, blockFrames), new AudioBuffer(channels, blockFrames), new AudioBuffer(channels, blockFrames) };
        var bandsB = new[] { new AudioBuffer(channels, blockFrames), new AudioBuffer(channels, blockFrames), new AudioBuffer(channels, blockFrames) };
        var block = new AudioBuffer(channels, blockFrames);
        foreach (var x in new[] { skewed, plain })
        {
            x.Prepare(new ProcessSpec(48000, blockFrames, channels));
            x.SetCrossoverHz(0, 150);
            x.SetCrossoverHz(1, 3000);
        }
        for (int start = 0; start < Frames; start += blockFrames)
        {
            int n = Math.Min(blockFrames, Frames - start);
            if (start >= Frames / 2 && start - blockFrames < Frames / 2)
                foreach (var x in new[] { skewed, plain }) x.SetCrossoverHz(1, 5000);
            for (int c = 0; c < channels; c++) input[c].AsSpan(start, n).CopyTo(block.Channel(c, n));
            skewed.Split(block, n, bandsA);
            plain.Split(block, n, bandsB);
            for (int b = 0; b < 3; b++)
                for (int c = 0; c < channels; c++)
                    Assert.True(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bandsA[b].Channel(c, n)).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bandsB[b].Channel(c, n))), $"band {b}, channel {c}, frames from {start}");
        }
    }

    [Fact]
    public void Crossover_ProcessAllocatesNothing() => Signals.AssertProcessAllocatesNothing(new LinkwitzRileyCrossover { BandCount = 4 });
}
