using MixConsole.Dsp.Core;

namespace MixConsole.Dsp.Tests.Mastering;

/// <summary>Test signals, measurements and harness helpers shared by the mastering tests.</summary>
internal static class Signals
{
    public static float[] Sine(int frames, double frequencyHz, double sampleRateHz, double amplitude, double phaseRad = 0)
    {
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRateHz + phaseRad));
        return x;
    }

    public static float[] Noise(int frames, int seed, double amplitude)
    {
        var rng = new Random(seed);
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float)(amplitude * (2 * rng.NextDouble() - 1));
        return x;
    }

    /// <summary>Amplitude and residual RMS of a least-squares fit of a sine of known frequency over [start, end).</summary>
    public static (double Amplitude, double ResidualRms) FitSine(ReadOnlySpan<float> y, double frequencyHz, double sampleRateHz, int start, int end)
    {
        double scc = 0, sss = 0, scs = 0, syc = 0, sys = 0;
        double w = 2 * Math.PI * frequencyHz / sampleRateHz;
        for (int i = start; i < end; i++)
        {
            double c = Math.Cos(w * i), s = Math.Sin(w * i);
            scc += c * c; sss += s * s; scs += c * s; syc += y[i] * c; sys += y[i] * s;
        }
        double det = scc * sss - scs * scs;
        double a = (syc * sss - sys * scs) / det;
        double b = (sys * scc - syc * scs) / det;
        double res = 0;
        for (int i = start; i < end; i++)
        {
            double e = y[i] - (a * Math.Cos(w * i) + b * Math.Sin(w * i));
            res += e * e;
        }
        return (Math.Sqrt(a * a + b * b), Math.Sqrt(res / (end - start)));
    }

    public static double Rms(ReadOnlySpan<float> x, int start, int end)
    {
        double s = 0;
        for (int i = start; i < end; i++) s += (double)x[i] * x[i];
        return Math.Sqrt(s / (end - start));
    }

    /// <summary>Runs <paramref name="processor"/> over planar <paramref name="input"/> in blocks of <paramref name="blockFrames"/>.</summary>
    public static float[][] Run(IAudioProcessor processor, float[][] input, int blockFrames, double sampleRateHz = 48000, bool prepare = true)
    {
        int channels = input.Length, frames = input[0].Length;
        if (prepare) processor.Prepare(new ProcessSpec(sampleRateHz, blockFrames, channels));
        var buffer = new AudioBuffer(channels, blockFrames);
        var output = new float[channels][];
        for (int c = 0; c < channels; c++) output[c] = new float[frames];
        for (int start = 0; start < frames; start += blockFrames)
        {
            int n = Math.Min(blockFrames, frames - start);
            for (int c = 0; c < channels; c++) input[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
            processor.Process(buffer, n);
            for (int c = 0; c < channels; c++) buffer.Channel(c, n).CopyTo(output[c].AsSpan(start, n));
        }
        return output;
    }

    /// <summary>Fails unless <paramref name="processor"/> (set up as <paramref name="setUp"/> says) allocates nothing over 2000 blocks of 256 and 253 frames after a warm-up.</summary>
    public static void AssertProcessAllocatesNothing(IAudioProcessor processor, string setUp = "", int channels = 2, double sampleRateHz = 48000)
    {
        const int block = 256;
        processor.Prepare(new ProcessSpec(sampleRateHz, block, channels));
        var buffer = new AudioBuffer(channels, block);
        var rng = new Random(5);
        for (int c = 0; c < channels; c++)
        {
            var s = buffer.Channel(c, block);
            for (int i = 0; i < block; i++) s[i] = (float)(rng.NextDouble() * 1.6 - 0.8);
        }
        int call = 0;
        Allocations.AssertNone(() => processor.Process(buffer, call++ % 2 == 0 ? block : block - 3), calls: 2_000,
            what: $"{processor.GetType().Name}{(setUp.Length > 0 ? $" ({setUp})" : "")}.Process ({channels} channels, {block} and {block - 3} frames)");
    }

    public static void AssertIdentical(float[][] expected, float[][] actual, string because)
    {
        for (int c = 0; c < expected.Length; c++)
            for (int i = 0; i < expected[c].Length; i++)
                if (BitConverter.SingleToInt32Bits(expected[c][i]) != BitConverter.SingleToInt32Bits(actual[c][i]))
                    Xunit.Assert.Fail($"{because}: channel {c} frame {i}: {expected[c][i]:R} vs {actual[c][i]:R}");
    }
}
