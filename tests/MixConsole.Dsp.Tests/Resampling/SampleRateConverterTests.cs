using MixConsole.Dsp.Core;
using MixConsole.Dsp.Resampling;
using MixConsole.Dsp.Tests.Mastering;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Resampling;

public class SampleRateConverterTests(ITestOutputHelper output)
{
    private static float[] Convert(float[] x, int fromHz, int toHz) => SampleRateConverter.ConvertAll([x], fromHz, toHz)[0];

    [Theory]
    [InlineData(48000, 44100)]
    [InlineData(44100, 48000)]
    [InlineData(96000, 48000)]
    [InlineData(48000, 96000)]
    public void Resampler_Passband_IsFlatWithin0p01DbTo20kHz(int fromHz, int toHz)
    {
        double worst = 0;
        foreach (double f in new[] { 20.0, 100, 997, 5000, 10000, 15000, 18000, 19000, 19500, 19800, 20000 })
        {
            float[] x = Signals.Sine(fromHz / 2, f, fromHz, 0.5);
            float[] y = Convert(x, fromHz, toHz);
            int margin = toHz / 20;
            var (amp, residual) = Signals.FitSine(y, f, toHz, margin, y.Length - margin);
            double errDb = 20 * Math.Log10(amp / 0.5);
            worst = Math.Max(worst, Math.Abs(errDb));
            output.WriteLine($"  {f} Hz: {errDb:E2} dB");
            // Everything that is not the tone (aliases, images, rounding) stays far down too.
            Assert.True(residual / 0.5 < 1e-6, $"{f} Hz: residual {20 * Math.Log10(residual / 0.5):F1} dB");
        }
        output.WriteLine($"{fromHz}->{toHz}: worst passband error {worst:E2} dB");
        Assert.True(worst <= 0.01, $"passband error {worst} dB");
    }

    [Theory]
    [InlineData(48000, 44100, 22100)]
    [InlineData(48000, 44100, 23000)]
    [InlineData(48000, 44100, 23900)]
    [InlineData(96000, 48000, 24100)]
    [InlineData(96000, 48000, 30000)]
    [InlineData(96000, 48000, 47000)]
    public void Resampler_Downsampling_RejectsAliasesBy120Db(int fromHz, int toHz, double toneHz)
    {
        float[] x = Signals.Sine(fromHz / 2, toneHz, fromHz, 1.0);
        float[] y = Convert(x, fromHz, toHz);
        int margin = toHz / 20;
        double rejectionDb = -20 * Math.Log10(Signals.Rms(y, margin, y.Length - margin) / Math.Sqrt(0.5));
        output.WriteLine($"{fromHz}->{toHz}, {toneHz} Hz: rejection {rejectionDb:F1} dB");
        Assert.True(rejectionDb >= 120, $"rejection {rejectionDb:F1} dB");
    }

    [Theory]
    [InlineData(44100, 48000)]
    [InlineData(48000, 96000)]
    public void Resampler_Upsampling_RejectsImagesBy120Db(int fromHz, int toHz)
    {
        // A 20 kHz tone images at fromHz - 20 kHz; the FFT of the output must show nothing but the tone.
        const int n = 65536;
        float[] x = Signals.Sine(n + fromHz / 5, 20000, fromHz, 0.5);
        float[] y = Convert(x, fromHz, toHz);
        var seg = new float[n];
        for (int i = 0; i < n; i++)
        {
            double w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n);
            w = w * w * w; // Hann cubed: sidelobes far under -120 dB a few bins away
            seg[i] = (float)(y[toHz / 20 + i] * w);
        }
        double[] db = TestFft.MagnitudeDb(seg, n);
        int toneBin = (int)Math.Round(20000.0 * n / toHz);
        double peak = db[toneBin];
        double worst = double.NegativeInfinity;
        for (int k = 0; k < db.Length; k++)
            if (Math.Abs(k - toneBin) > 40) worst = Math.Max(worst, db[k] - peak);
        output.WriteLine($"{fromHz}->{toHz}: largest spurious component {worst:F1} dB re tone");
        Assert.True(worst < -120, $"spurious {worst:F1} dB");
    }

    [Fact]
    public void Resampler_WholeFile_KeepsLengthAndTimeAlignment()
    {
        // An impulse at input time 4800 (100 ms) peaks at output time 4410 at 44.1 kHz.
        var x = new float[48000];
        x[4800] = 1;
        float[] y = Convert(x, 48000, 44100);
        Assert.Equal(44100, y.Length);
        int argMax = 0;
        for (int i = 1; i < y.Length; i++) if (y[i] > y[argMax]) argMax = i;
        Assert.Equal(4410, argMax);
        Assert.Equal(48000, Convert(new float[44100], 44100, 48000).Length);
        Assert.Equal(1001, Convert(new float[2001], 96000, 48000).Length);
    }

    [Fact]
    public void Resampler_Streaming_MatchesWholeFile_ForAnyBlockSize()
    {
        float[] x = Signals.Noise(30000, 3, 0.5);
        float[] whole = Convert(x, 48000, 44100);
        foreach (int block in new[] { 1, 7, 32, 4096 })
        {
            var src = new SampleRateConverter(48000, 44100, 1, block);
            var inBuf = new AudioBuffer(1, block);
            var outBuf = new AudioBuffer(1, src.MaxOutputFrames(block) + src.LookaheadInputFrames + 8);
            var y = new List<float>();
            for (int s = 0; s < x.Length; s += block)
            {
                int n = Math.Min(block, x.Length - s);
                x.AsSpan(s, n).CopyTo(inBuf.Channel(0, n));
                int got = src.Process(inBuf, n, outBuf);
                y.AddRange(outBuf.Channel(0, got).ToArray());
            }
            int tail = src.Flush(outBuf);
            y.AddRange(outBuf.Channel(0, tail).ToArray());
            Assert.Equal(whole.Length, y.Count);
            for (int i = 0; i < whole.Length; i++) Assert.Equal(whole[i], y[i]);
        }
    }
}
