using MixConsole.Dsp.Core;
using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Mastering;
using Xunit;

namespace MixConsole.Dsp.Tests.Mastering;

/// <summary>
/// The multiband compressor runs its band compressors together in SIMD lanes; these tests hold it to the
/// per-band reference built here from public parts (crossover split into band buffers, one <see cref="Compressor"/>
/// per band, bands summed lowest first): the same samples, bit for bit, and the same gain-reduction readings.
/// </summary>
public class MultibandLanesTests
{
    private const double Fs = 48000;

    /// <summary>The multiband compressor as separate parts: what every sample of the lanes must equal.</summary>
    private sealed class PerBandReference : IAudioProcessor
    {
        public readonly LinkwitzRileyCrossover Crossover = new();
        public readonly Compressor[] Bands = [new(), new(), new(), new()];
        private AudioBuffer[] _bandBuffers = [];

        public int LatencyFrames => 0;

        public void Prepare(in ProcessSpec spec)
        {
            Crossover.Prepare(spec);
            _bandBuffers = new AudioBuffer[Crossover.BandCount];
            for (int b = 0; b < _bandBuffers.Length; b++) _bandBuffers[b] = new AudioBuffer(spec.Channels, spec.MaxBlockFrames);
            foreach (var band in Bands) band.Prepare(spec.SampleRateHz);
            Reset();
        }

        public void Reset()
        {
            Crossover.Reset();
            foreach (var band in Bands) band.Reset();
        }

        public void Process(AudioBuffer buffer, int frames)
        {
            Crossover.Split(buffer, frames, _bandBuffers);
            int channels = Math.Min(buffer.Channels, _bandBuffers[0].Channels);
            for (int b = 0; b < _bandBuffers.Length; b++)
            {
                if (channels == 1) Bands[b].Process(_bandBuffers[b].Channel(0, frames));
                else Bands[b].Process(_bandBuffers[b].Channel(0, frames), _bandBuffers[b].Channel(1, frames));
            }
            for (int c = 0; c < channels; c++)
            {
                Span<float> x = buffer.Channel(c, frames);
                _bandBuffers[0].Channel(c, frames).CopyTo(x);
                for (int b = 1; b < _bandBuffers.Length; b++)
                {
                    Span<float> band = _bandBuffers[b].Channel(c, frames);
                    for (int i = 0; i < frames; i++) x[i] += band[i];
                }
            }
        }
    }

    // Loud and quiet stretches, silence (release to rest), a hard transient: every branch of the gain computer.
    private static float[][] Program(int channels, int frames, int seed)
    {
        var output = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            float[] noise = Signals.Noise(frames, seed + c, 0.3), bass = Signals.Sine(frames, 55 + 7 * c, Fs, 0.5);
            float[] mid = Signals.Sine(frames, 900 + 50 * c, Fs, 0.3), air = Signals.Sine(frames, 9000, Fs, 0.15, c);
            var x = new float[frames];
            for (int i = 0; i < frames; i++)
            {
                int stretch = i / 3000 % 5;
                double level = stretch switch { 0 => 1.0, 1 => 0.05, 2 => 0.0, 3 => 0.5, _ => 1.4 };
                x[i] = (float)(level * (noise[i] + bass[i] + mid[i] + air[i]));
            }
            x[frames / 2] = 0.99f;
            output[c] = x;
        }
        return output;
    }

    private static void Configure(Compressor band, int b)
    {
        band.ThresholdDb = -32 + 5 * b;
        band.Ratio = 1.5f + 2 * b;
        band.KneeDb = b == 1 ? 0 : 3 * b + 2;
        band.AttackMs = 2 + 9 * b;
        band.ReleaseMs = 40 + 60 * b;
        band.Detector = b % 2 == 0 ? DetectorMode.Peak : DetectorMode.Rms;
        band.RmsTimeMs = 5 + 10 * b;
        band.MakeupGainDb = b;
        band.Mix = b == 3 ? 0.6f : 1f;
    }

    // Runs the lanes and the reference side by side, moving settings every 40 blocks, and compares every block.
    private static void AssertSameAsPerBand(int bandCount, int channels, int blockFrames, Action<Compressor, int, int>? automate = null)
    {
        const int frames = 30000;
        float[][] input = Program(channels, frames, 11);
        var lanes = new MultibandCompressor { BandCount = bandCount };
        var reference = new PerBandReference();
        reference.Crossover.BandCount = bandCount;
        double[] crossoversHz = [150, 1500, 7000];
        for (int k = 0; k < bandCount - 1; k++)
        {
            lanes.Crossover.SetCrossoverHz(k, crossoversHz[k]);
            reference.Crossover.SetCrossoverHz(k, crossoversHz[k]);
        }
        for (int b = 0; b < 4; b++)
        {
            Configure(lanes.Band(b), b);
            Configure(reference.Bands[b], b);
        }
        var spec = new ProcessSpec(Fs, blockFrames, channels);
        lanes.Prepare(spec);
        reference.Prepare(spec);
        AudioBuffer a = new(channels, blockFrames), r = new(channels, blockFrames);
        bool compressed = false;
        for (int start = 0, block = 0; start < frames; start += blockFrames, block++)
        {
            int n = Math.Min(blockFrames, frames - start);
            if (automate is not null && block % 40 == 39)
                for (int b = 0; b < 4; b++)
                {
                    automate(lanes.Band(b), b, block);
                    automate(reference.Bands[b], b, block);
                }
            for (int c = 0; c < channels; c++)
            {
                input[c].AsSpan(start, n).CopyTo(a.Channel(c, n));
                input[c].AsSpan(start, n).CopyTo(r.Channel(c, n));
            }
            lanes.Process(a, n);
            reference.Process(r, n);
            for (int c = 0; c < channels; c++)
            {
                Span<float> got = a.Channel(c, n), want = r.Channel(c, n);
                for (int i = 0; i < n; i++)
                    if (BitConverter.SingleToInt32Bits(got[i]) != BitConverter.SingleToInt32Bits(want[i]))
                        Assert.Fail($"{bandCount} bands, {channels} ch, block {blockFrames}: channel {c} frame {start + i}: {got[i]:R} vs {want[i]:R}");
            }
            for (int b = 0; b < bandCount; b++)
            {
                Assert.Equal(reference.Bands[b].MaxGainReductionDb, lanes.GainReductionDb(b));
                Assert.Equal(reference.Bands[b].MaxGainReductionDb, lanes.Band(b).MaxGainReductionDb);
                Assert.Equal(reference.Bands[b].GainReductionDb, lanes.Band(b).GainReductionDb);
                compressed |= lanes.GainReductionDb(b) > 6;
            }
        }
        Assert.True(compressed, "the program never drove a band 6 dB into compression");
    }

    [Theory]
    [InlineData(4, 2, 32)]
    [InlineData(4, 2, 7)]
    [InlineData(4, 2, 1)]
    [InlineData(4, 2, 4096)]
    [InlineData(3, 2, 32)]
    [InlineData(2, 2, 32)]
    [InlineData(4, 1, 32)]
    [InlineData(3, 1, 13)]
    [InlineData(4, 3, 32)]
    [InlineData(4, 4, 64)]
    public void Lanes_GiveTheSamplesOfPerBandCompressors(int bandCount, int channels, int blockFrames) =>
        AssertSameAsPerBand(bandCount, channels, blockFrames);

    [Fact]
    public void Lanes_FollowSettingChangesAndRamps_AsPerBandCompressorsDo()
    {
        AssertSameAsPerBand(4, 2, 32, (band, b, block) =>
        {
            int step = block / 40;
            band.ThresholdDb = -36 + 3 * ((step + b) % 5);
            band.Ratio = 1 + (step + b) % 4 * 1.7f;
            band.KneeDb = (step + b) % 3 * 4;
            band.AttackMs = 1 + (step * 3 + b) % 20;
            band.ReleaseMs = 30 + (step * 7 + b) % 200;
            band.Detector = (step + b) % 3 == 0 ? DetectorMode.Rms : DetectorMode.Peak;
            band.MakeupGainDb = (step + b) % 4 - 1.5f;
            band.Mix = (step + b) % 3 == 1 ? 0.5f : 1f;
        });
    }

    [Fact]
    public void Lanes_HandBandsWithASideChainFilterToThePerBandPath_WithoutASeam()
    {
        AssertSameAsPerBand(4, 2, 32, (band, b, block) => band.SideChainHighPassHz = b == 0 && block / 40 % 2 == 0 ? 80 : 0);
    }

    [Fact]
    public void Lanes_ResetOneBandAlone_AsSeparateCompressorsDo()
    {
        // The bands share one row of the kernel: a band's reset, mid-ramp, must leave its neighbours' detectors, gain reduction and ramps.
        AssertSameAsPerBand(4, 2, 32, (band, b, block) =>
        {
            band.MakeupGainDb = block / 40 % 3 - 1;
            if (b == block / 40 % 4) band.Reset();
        });
    }

    [Fact]
    public void Lanes_AllocateNothing()
    {
        var mb = new MultibandCompressor { BandCount = 4 };
        for (int b = 0; b < 4; b++) Configure(mb.Band(b), b);
        Signals.AssertProcessAllocatesNothing(mb);
    }
}
