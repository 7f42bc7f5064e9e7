using System.Diagnostics;
using MixConsole.Benchmarks.Baseline;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;

namespace MixConsole.Benchmarks;

/// <summary>
/// Same-run speed comparison of the true-peak limiter against its frozen baseline (Baseline/): both run the
/// same limiting-heavy stereo programme (loud noise with +12 dB bursts) in 32-frame blocks at 48 kHz, in
/// short interleaved slices; the median slice ratio is the speed-up.
/// Run: dotnet run -c Release --project tools/MixConsole.Benchmarks -- limiter-compare [ROUNDS] [SECONDS] [loud|quiet]
/// </summary>
internal static class LimiterComparison
{
    private const int Rate = 48000, Block = 32;

    public static void Run(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 5;
        int seconds = args.Length > 2 ? int.Parse(args[2]) : 10;
        bool quiet = args.Length > 3 && args[3] == "quiet";
        float[][] programme = quiet ? QuietProgramme(Rate * seconds) : Programme(Rate * seconds);
        var spec = new ProcessSpec(Rate, Block, 2);
        var baseline = new BaselineTruePeakLimiter();
        var current = new TruePeakLimiter();
        baseline.Prepare(spec);
        current.Prepare(spec);
        var buffer = new AudioBuffer(2, Block);
        int blocks = programme[0].Length / Block;
        // Warm-up with pauses, so the background JIT has finished the optimised tiers of both before any timing.
        for (int pass = 0; pass < 4; pass++)
        {
            float unused = 0;
            Time(baseline, programme, buffer, 0, Math.Min(blocks, 2000), ref unused);
            Time(current, programme, buffer, 0, Math.Min(blocks, 2000), ref unused);
            Thread.Sleep(250);
        }
        // Short interleaved slices (each limiter keeps its state across them): load changes on a shared machine
        // hit both sides alike, and the median slice ratio ignores the slices a neighbour disturbed.
        const int Slice = 150;
        var ratios = new List<double>();
        var baselineNs = new List<double>();
        var currentNs = new List<double>();
        float deepestBaseline = 0, deepestCurrent = 0;
        for (int round = 0; round < rounds; round++)
        {
            baseline.Reset();
            current.Reset();
            for (int first = 0; first + Slice <= blocks; first += Slice)
            {
                bool baselineFirst = (first / Slice) % 2 == 0;
                double b = 0, c = 0;
                if (baselineFirst) b = Time(baseline, programme, buffer, first, Slice, ref deepestBaseline);
                c = Time(current, programme, buffer, first, Slice, ref deepestCurrent);
                if (!baselineFirst) b = Time(baseline, programme, buffer, first, Slice, ref deepestBaseline);
                baselineNs.Add(b);
                currentNs.Add(c);
                ratios.Add(b / c);
            }
        }
        baselineNs.Sort();
        currentNs.Sort();
        ratios.Sort();
        double Median(List<double> v) => v[v.Count / 2];
        Console.WriteLine(quiet ? "quiet programme (never limited):" : "limiting-heavy programme:");
        Console.WriteLine($"{ratios.Count} slices of {Slice} blocks ({Block} frames, stereo, {Rate} Hz):");
        Console.WriteLine($"  baseline: median {Median(baselineNs):F0} ns/block, best {baselineNs[0]:F0}");
        Console.WriteLine($"  current:  median {Median(currentNs):F0} ns/block, best {currentNs[0]:F0}");
        Console.WriteLine($"  speed-up: median slice ratio {Median(ratios):F2}x, quartiles {ratios[ratios.Count / 4]:F2}..{ratios[3 * ratios.Count / 4]:F2}, best/best {baselineNs[0] / currentNs[0]:F2}x");
        Console.WriteLine($"  deepest reduction: baseline {deepestBaseline:F1} dB, current {deepestCurrent:F1} dB");
    }

    private static double Time(IAudioProcessor limiter, float[][] programme, AudioBuffer buffer, int firstBlock, int count, ref float deepest)
    {
        float gr = 0;
        long start = Stopwatch.GetTimestamp();
        for (int b = firstBlock; b < firstBlock + count; b++)
        {
            programme[0].AsSpan(b * Block, Block).CopyTo(buffer.Channel(0, Block));
            programme[1].AsSpan(b * Block, Block).CopyTo(buffer.Channel(1, Block));
            limiter.Process(buffer, Block);
            gr = Math.Max(gr, limiter is TruePeakLimiter t ? t.GainReductionDb : ((BaselineTruePeakLimiter)limiter).GainReductionDb);
        }
        double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
        deepest = Math.Max(deepest, gr);
        return ns;
    }

    /// <summary>Loud full-band noise around -3 dBFS with a low tone, and +12 dB bursts of 40 ms four times a second.</summary>
    internal static float[][] Programme(int frames)
    {
        var rng = new Random(7);
        float[] l = new float[frames], r = new float[frames];
        for (int i = 0; i < frames; i++)
        {
            double burst = i % (Rate / 4) < Rate / 25 ? 4 : 1;
            double tone = 0.3 * Math.Sin(2 * Math.PI * 70 * i / Rate);
            l[i] = (float)(burst * (tone + 0.45 * (2 * rng.NextDouble() - 1)));
            r[i] = (float)(burst * (-tone + 0.45 * (2 * rng.NextDouble() - 1)));
        }
        return [l, r];
    }

    /// <summary>Noise and a tone around -20 dBFS: the limiter proves every block safe and only delays it.</summary>
    internal static float[][] QuietProgramme(int frames)
    {
        float[][] x = Programme(frames);
        foreach (float[] channel in x)
            for (int i = 0; i < frames; i++) channel[i] *= i % (Rate / 4) < Rate / 25 ? 0.025f : 0.1f;
        return x;
    }
}
