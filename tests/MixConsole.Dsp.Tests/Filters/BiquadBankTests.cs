using Xunit;
using System.Numerics;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Simd;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Filters;

/// <summary>
/// SIMD against scalar. <see cref="Vector{T}.Count"/> is fixed per process: run this class
/// also with DOTNET_PreferredVectorBitWidth=128 (4 lanes, the Pi's NEON width) and with
/// DOTNET_MaxVectorTBitWidth=512 (16 lanes, AVX-512) and DOTNET_EnableHWIntrinsic=0 (software
/// fallback); the lane count is logged. All four widths pass on the development machine.
/// </summary>
public class BiquadBankTests(ITestOutputHelper output)
{
    private const double Fs = 48000;
    private const int Sections = 6;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(17)]
    [InlineData(33)]
    public void Simd_EqualsScalar_ForChannelCountsOffTheLaneWidth(int channels)
    {
        output.WriteLine($"Vector<float>.Count = {Vector<float>.Count}");
        var spec = new ProcessSpec(Fs, 64, channels);
        var simd = MakeBank(spec, seed: channels);
        var scalar = MakeBank(spec, seed: channels);
        var a = new AudioBuffer(channels, 64);
        var b = new AudioBuffer(channels, 64);
        var random = new Random(11);
        for (int block = 0; block < 200; block++)
        {
            int frames = random.Next(1, 65);
            for (int c = 0; c < channels; c++)
            {
                float[] noise = TestSignals.Noise(frames, block * 1000 + c);
                noise.CopyTo(a.Channel(c, frames));
                noise.CopyTo(b.Channel(c, frames));
            }
            simd.Process(a, frames);
            scalar.ProcessScalar(b, frames);
            for (int c = 0; c < channels; c++)
            {
                var x = a.Channel(c, frames);
                var y = b.Channel(c, frames);
                for (int t = 0; t < frames; t++)
                    Assert.True(Math.Abs(x[t] - y[t]) <= 1e-6 * Math.Max(1, Math.Abs(y[t])), $"channel {c} frame {t}: {x[t]} vs {y[t]}");
            }
        }
    }

    [Fact]
    public void Bank_FiltersEachChannel_WithItsOwnCurve()
    {
        const int channels = 10;
        var spec = new ProcessSpec(Fs, 480, channels);
        var bank = new BiquadBank(1);
        bank.Prepare(spec);
        for (int c = 0; c < channels; c++) bank.SetSection(c, 0, AnalogMatchedDesign.Peaking(Fs, 1000, 1, c - 5));
        var buffer = new AudioBuffer(channels, 480);
        double[] level = new double[channels];
        float[] sine = TestSignals.Sine(1000, Fs, 48000, 0.5);
        for (int start = 0; start < sine.Length; start += 480)
        {
            for (int c = 0; c < channels; c++) sine.AsSpan(start, 480).CopyTo(buffer.Channel(c, 480));
            bank.Process(buffer, 480);
            if (start >= 24000)
                for (int c = 0; c < channels; c++) level[c] += TestSignals.AmplitudeAt(buffer.Channel(c, 480), 1000, Fs, 0) / 50;
        }
        for (int c = 0; c < channels; c++) Assert.Equal(c - 5, TestSignals.Db(level[c] / 0.5), 1);
    }

    [Fact]
    public void Bank_BlockSplitAnywhere_GivesTheSameOutput()
    {
        const int channels = 11, frames = 2048;
        var spec = new ProcessSpec(Fs, 128, channels);
        var whole = MakeBank(spec, 5);
        var split = MakeBank(spec, 5);
        var input = new float[channels][];
        for (int c = 0; c < channels; c++) input[c] = TestSignals.Noise(frames, 50 + c);

        float[][] Run(BiquadBank bank, Func<int> nextBlock)
        {
            var result = new float[channels][];
            for (int c = 0; c < channels; c++) result[c] = new float[frames];
            var buffer = new AudioBuffer(channels, 128);
            for (int start = 0; start < frames;)
            {
                int n = Math.Min(nextBlock(), frames - start);
                for (int c = 0; c < channels; c++) input[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
                bank.Process(buffer, n);
                for (int c = 0; c < channels; c++) buffer.Channel(c, n).CopyTo(result[c].AsSpan(start));
                start += n;
            }
            return result;
        }

        var random = new Random(9);
        var expected = Run(whole, () => 128);
        var actual = Run(split, () => random.Next(1, 129));
        for (int c = 0; c < channels; c++) Assert.Equal(expected[c], actual[c]);
    }

    [Fact]
    public void Bank_Process_AllocatesNothing_ThirtyTwoChannels()
    {
        var spec = new ProcessSpec(Fs, 32, 32);
        var bank = MakeBank(spec, 1);
        var buffer = new AudioBuffer(32, 32);
        Allocations.AssertNone(() => bank.Process(buffer, 32), calls: 10_000, what: "BiquadBank.Process (32 channels x 32 frames)");
        Allocations.AssertNone(() => bank.ProcessScalar(buffer, 32), calls: 10_000, what: "BiquadBank.ProcessScalar (32 channels x 32 frames)");
    }

    private static BiquadBank MakeBank(ProcessSpec spec, int seed)
    {
        var bank = new BiquadBank(Sections);
        bank.Prepare(spec);
        var random = new Random(seed);
        for (int c = 0; c < spec.Channels; c++)
        {
            var hp = ButterworthCascade.HighPass(Fs, 20 + random.NextDouble() * 380, FilterSlope.Db24PerOctave);
            bank.SetSection(c, 0, hp.Section0);
            bank.SetSection(c, 1, hp.Section1);
            bank.SetSection(c, 2, AnalogMatchedDesign.LowShelf(Fs, 100 + random.NextDouble() * 200, 0.7, random.NextDouble() * 30 - 15));
            bank.SetSection(c, 3, AnalogMatchedDesign.Peaking(Fs, 300 + random.NextDouble() * 3000, 0.3 + random.NextDouble() * 5, random.NextDouble() * 30 - 15));
            bank.SetSection(c, 4, AnalogMatchedDesign.Peaking(Fs, 2000 + random.NextDouble() * 14000, 0.3 + random.NextDouble() * 5, random.NextDouble() * 30 - 15));
            bank.SetSection(c, 5, AnalogMatchedDesign.HighShelf(Fs, 4000 + random.NextDouble() * 12000, 0.7, random.NextDouble() * 30 - 15));
        }
        return bank;
    }
}
