using MixConsole.Dsp.Tests.Loudness;
using MixConsole.Dsp.Mastering;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Mastering;

public class LimiterTests(ITestOutputHelper output)
{
    private const int Rate = 48000;

    public static TheoryData<string> Adversarial => new()
    {
        "square-100Hz-fullscale", "square-5kHz-plus6dB", "square-fs4", "transient-after-silence", "doublet-after-silence",
        "sine-fs4-45deg", "sine-fs4-45deg-plus3dB", "noise-fullscale", "noise-plus12dB", "isp-bursts", "sine-0.45fs-burst",
    };

    /// <summary>Stereo adversarial material, 1.5 s at 48 kHz; left and right differ so linking is exercised.</summary>
    internal static float[][] Make(string name)
    {
        // The material ends in silence long enough for the limiter to deliver its whole tail.
        const int n = Rate * 3 / 2, tail = 2000;
        float[] l = new float[n + tail], r = new float[n + tail];
        var rng = new Random(name.Length * 7919 + name[0]);
        for (int i = 0; i < n; i++)
        {
            switch (name)
            {
                case "square-100Hz-fullscale": l[i] = (i / 240) % 2 == 0 ? 1f : -1f; r[i] = -l[i]; break;
                case "square-5kHz-plus6dB": l[i] = (i * 5000 / 24000) % 2 == 0 ? 2f : -2f; r[i] = 0.5f * l[i]; break;
                case "square-fs4": l[i] = (i / 2) % 2 == 0 ? 1f : -1f; r[i] = ((i + 1) / 2) % 2 == 0 ? 1f : -1f; break;
                case "transient-after-silence": l[i] = i % 12000 == 11000 ? 1f : 0f; r[i] = i % 12000 == 11001 ? -4f : 0f; break;
                case "doublet-after-silence": l[i] = i % 9000 is 8000 or 8001 ? 1.5f : (i % 9000 is 8002 or 8003 ? -1.5f : 0f); r[i] = 0; break;
                case "sine-fs4-45deg": l[i] = (float)Math.Sin(Math.PI / 2 * i + Math.PI / 4); r[i] = (float)Math.Cos(Math.PI / 2 * i + Math.PI / 4); break;
                case "sine-fs4-45deg-plus3dB": l[i] = (float)(1.41 * Math.Sin(Math.PI / 2 * i + Math.PI / 4)); r[i] = l[i]; break;
                case "noise-fullscale": l[i] = (float)(2 * rng.NextDouble() - 1); r[i] = (float)(2 * rng.NextDouble() - 1); break;
                case "noise-plus12dB": l[i] = (float)(8 * rng.NextDouble() - 4); r[i] = (float)(8 * rng.NextDouble() - 4); break;
                case "isp-bursts":
                    {
                        // Bursts of the +,+,-,- pattern (true peak ~3 dB above its samples) after silence, varied lengths.
                        int k = i % 6000, len = 4 + (i / 6000) % 5 * 7;
                        l[i] = k >= 3000 && k < 3000 + len ? (((k - 3000) / 2) % 2 == 0 ? 1f : -1f) : 0f;
                        r[i] = k >= 3100 && k < 3100 + len ? ((((k - 3100) + 1) / 2) % 2 == 0 ? 1f : -1f) : 0f;
                        break;
                    }
                case "sine-0.45fs-burst":
                    {
                        int k = i % 4800;
                        double env = k < 960 ? 1 : 0;
                        l[i] = (float)(env * 1.2 * Math.Sin(2 * Math.PI * 0.45 * i + 0.3));
                        r[i] = (float)(env * 1.2 * Math.Sin(2 * Math.PI * 0.4475 * i));
                        break;
                    }
                default: throw new ArgumentException(name);
            }
        }
        return [l, r];
    }

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Limiter_NeverExceedsCeiling_MeasuredAt8x_AndByLibEbur128(string signal)
    {
        float[][] x = Make(signal);
        double worstMargin = double.NegativeInfinity;
        foreach (double ceiling in new[] { -1.0, -0.1 })
        {
            var limiter = new TruePeakLimiter { CeilingDbtp = ceiling, LookaheadMs = 1.5, ReleaseMs = 60 };
            float[][] y = Signals.Run(limiter, x, 480);
            double peakDb = Math.Max(ReferenceTruePeak.PeakDb(y[0]), ReferenceTruePeak.PeakDb(y[1]));
            worstMargin = Math.Max(worstMargin, peakDb - ceiling);
            Assert.True(peakDb <= ceiling, $"{signal}: {peakDb:F4} dBTP over the {ceiling} dBTP ceiling");
            double eburDb = 20 * Math.Log10(LibEbur128.Measure(y, Rate).TruePeak.Max());
            Assert.True(eburDb <= ceiling, $"{signal}: {eburDb:F4} dBTP by libebur128 over the {ceiling} dBTP ceiling");
        }
        output.WriteLine($"{signal}: closest approach to the ceiling {worstMargin:F3} dB");
    }

    [Fact]
    public void Limiter_QuietSignal_PassesUntouched_DelayedByItsLatency()
    {
        float[] s = Signals.Sine(9600, 3000, Rate, 0.5);
        var limiter = new TruePeakLimiter { CeilingDbtp = -1 };
        float[][] y = Signals.Run(limiter, [s, s], 64);
        int d = limiter.LatencyFrames;
        Assert.InRange(d, 96, 480); // lookahead plus detector delays, under 10 ms
        for (int i = d; i < s.Length; i++) Assert.Equal(s[i - d], y[0][i]);
        Assert.Equal(0f, limiter.GainReductionDb);
    }

    [Fact]
    public void Limiter_Transient_GainIsFullyDownWhenThePeakArrives_AndRampsOverTheLookahead()
    {
        // A 1 kHz tone at -6 dBFS with a +12 dB step at frame 10000: the gain must start falling one lookahead early.
        const int n = 20000;
        float[] s = new float[n + 1000]; // silence after, so the output holds the limiter's whole tail
        for (int i = 0; i < n; i++) s[i] = (float)((i >= 10000 ? 2.0 : 0.5) * Math.Sin(2 * Math.PI * 1000 * i / Rate));
        var limiter = new TruePeakLimiter { CeilingDbtp = -1, LookaheadMs = 2 };
        float[][] y = Signals.Run(limiter, [s], 256);
        int d = limiter.LatencyFrames, w = 96;
        double Gain(int i)
        {
            double num = 0, den = 0;
            for (int k = i - 5; k <= i + 5; k++) { num += (double)y[0][k + d] * s[k]; den += (double)s[k] * s[k]; }
            return num / den;
        }
        Assert.Equal(1.0, Gain(10000 - 2 * w), 6); // untouched two lookaheads before the step
        double atStep = Gain(10000 - 1);
        Assert.True(atStep < 0.95, $"gain {atStep} not yet falling just before the step");
        double peak = ReferenceTruePeak.PeakDb(y[0]);
        Assert.True(peak <= -1.0, $"peak {peak}");
        Assert.True(limiter.GainReductionDb > 0);
    }

    [Fact]
    public void Limiter_Release_RecoversAfterThePeak()
    {
        const int n = 48000;
        float[] s = new float[n];
        for (int i = 0; i < n; i++) s[i] = (float)((i >= 4800 && i < 9600 ? 2.0 : 0.25) * Math.Sin(2 * Math.PI * 440 * i / Rate));
        var limiter = new TruePeakLimiter { CeilingDbtp = -1, ReleaseMs = 50 };
        float[][] y = Signals.Run(limiter, [s], 512);
        int d = limiter.LatencyFrames;
        var (during, _) = Signals.FitSine(y[0], 440, Rate, 6000 + d, 9000 + d);
        var (after, _) = Signals.FitSine(y[0], 440, Rate, 9600 + d + 4800 * 3, n);
        Assert.InRange(20 * Math.Log10(during), -1.2, -1.0);   // held at the ceiling (a sine's true peak is its amplitude)
        Assert.Equal(0.25, after, 3);                        // 300 ms later: back to unity
    }

    [Fact]
    public void Limiter_Output_IsIdenticalForAnyBlockSize()
    {
        float[][] x = Make("noise-plus12dB");
        float[][] reference = Signals.Run(new TruePeakLimiter(), x, 4096);
        foreach (int block in new[] { 1, 7, 32 })
            Signals.AssertIdentical(reference, Signals.Run(new TruePeakLimiter(), x, block), $"block {block}");
    }

    // Programme wandering through the ceiling: swelling noise, intersample-peak patterns and near-Nyquist bursts scaled
    // from 30 dB under to 6 dB over, then silence for the release to rest; left and right differ.
    private static float[][] Wandering(int seed)
    {
        const int n = Rate * 4;
        var rng = new Random(seed);
        float[] l = new float[n], r = new float[n];
        double pink = 0;
        for (int i = 0; i < n; i++)
        {
            double level = i < 3 * Rate ? Math.Pow(10, (-30 + 36 * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (0.7 * Rate)))) / 20) : 0;
            pink = 0.97 * pink + 0.03 * (2 * rng.NextDouble() - 1);
            double noise = 4 * pink + 0.3 * (2 * rng.NextDouble() - 1);
            double isp = (i / 2) % 2 == 0 ? 1 : -1; // +,+,-,-: its true peak sits 3 dB over its samples
            double burst = Math.Sin(2 * Math.PI * 0.47 * i + seed);
            int part = i / 2400 % 3;
            double x = part == 0 ? noise : part == 1 ? isp : burst;
            l[i] = (float)(level * x);
            r[i] = (float)(level * (part == 1 ? -x : 0.8 * x + 0.2 * noise));
        }
        return [l, r];
    }

    [Theory]
    [InlineData(1, 32, -1.0)]
    [InlineData(2, 7, -0.1)]
    [InlineData(3, 512, -6.0)]
    public void Limiter_SkippingProvenQuietDetection_IsBitIdenticalToDetectingEveryBlock(int seed, int block, double ceiling)
    {
        float[][] x = Wandering(seed);
        var plain = new TruePeakLimiter { CeilingDbtp = ceiling, SkipsProvenQuiet = false };
        var skipping = new TruePeakLimiter { CeilingDbtp = ceiling };
        float[][] expected = Signals.Run(plain, x, block), actual = Signals.Run(skipping, x, block);
        Signals.AssertIdentical(expected, actual, $"seed {seed}, block {block}, ceiling {ceiling}");
        // Not vacuous: the material both limits and leaves blocks whose detection was skipped.
        Assert.True(skipping.DoubledRateBlocks < plain.DoubledRateBlocks, $"{skipping.DoubledRateBlocks} of {plain.DoubledRateBlocks} detected");
        Assert.True(skipping.DoubledRateBlocks > 0);
        Assert.True(Math.Max(ReferenceTruePeak.PeakDb(actual[0]), ReferenceTruePeak.PeakDb(actual[1])) <= ceiling);
        output.WriteLine($"detected {skipping.DoubledRateBlocks} of {plain.DoubledRateBlocks} stage blocks");
    }

    [Theory]
    [InlineData(4, 32)]
    [InlineData(5, 7)]
    [InlineData(6, 1)]
    [InlineData(7, 3)]
    public void Limiter_SkippingProvenQuietDetection_IsBitIdentical_WhileTheCeilingMoves(int seed, int block)
    {
        float[][] x = Wandering(seed);
        var plain = new TruePeakLimiter { SkipsProvenQuiet = false };
        var skipping = new TruePeakLimiter();
        var spec = new Dsp.Core.ProcessSpec(Rate, block, 2);
        plain.Prepare(spec);
        skipping.Prepare(spec);
        Dsp.Core.AudioBuffer a = new(2, block), b = new(2, block);
        for (int start = 0, k = 0; start < x[0].Length; start += block, k++)
        {
            int n = Math.Min(block, x[0].Length - start);
            // The ceiling wanders up and down from block to block, so quiet blocks are proved against limits that differ.
            double ceiling = k % 2 == 0 ? -0.5 - 4 * Math.Abs(Math.Sin(k * 0.013)) : -0.5 - 4 * Math.Abs(Math.Sin(k * 0.029));
            plain.CeilingDbtp = skipping.CeilingDbtp = ceiling;
            for (int c = 0; c < 2; c++)
            {
                x[c].AsSpan(start, n).CopyTo(a.Channel(c, n));
                x[c].AsSpan(start, n).CopyTo(b.Channel(c, n));
            }
            plain.Process(a, n);
            skipping.Process(b, n);
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < n; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(a.Channel(c, n)[i]) == BitConverter.SingleToInt32Bits(b.Channel(c, n)[i]), $"block {k}, channel {c}, frame {i}");
        }
        Assert.True(skipping.DoubledRateBlocks < plain.DoubledRateBlocks);
    }

    [Fact]
    public void Limiter_ProcessAllocatesNothing() => Signals.AssertProcessAllocatesNothing(new TruePeakLimiter());
}
