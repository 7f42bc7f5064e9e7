using BenchmarkDotNet.Attributes;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Mastering;

namespace MixConsole.Benchmarks;

/// <summary>
/// The multiband compressor on one 32-frame stereo block at 48 kHz, 4 bands all compressing (a block lasts 666.7 us),
/// against the per-band path it replaced: crossover split into band buffers, one <see cref="Compressor"/> per band, sum.
/// Both produce the same samples (MultibandLanesTests). Each call runs 64 consecutive blocks of program.
/// Run: dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*Multiband*'
/// </summary>
[MemoryDiagnoser]
public class MultibandBenchmarks
{
    private const double RateHz = 48000;
    private const int Frames = 32, Blocks = 64;
    private readonly float[][] _program = [new float[Frames * Blocks], new float[Frames * Blocks]];
    private readonly AudioBuffer _buffer = new(2, Frames);
    private readonly MultibandCompressor _lanes = new() { BandCount = 4 };
    private readonly LinkwitzRileyCrossover _crossover = new() { BandCount = 4 };
    private readonly Compressor[] _bands = [new(), new(), new(), new()];
    private readonly AudioBuffer[] _bandBuffers = [new(2, Frames), new(2, Frames), new(2, Frames), new(2, Frames)];

    /// <summary>Program loud in every band (sines at 60 Hz, 700 Hz, 3.5 kHz plus noise); bands at -30 dB, 3:1.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int i = 0; i < Frames * Blocks; i++)
        {
            double t = i / RateHz;
            for (int c = 0; c < 2; c++)
                _program[c][i] = (float)(0.35 * Math.Sin(2 * Math.PI * (60 + 6 * c) * t) + 0.25 * Math.Sin(2 * Math.PI * (700 + 50 * c) * t)
                    + 0.2 * Math.Sin(2 * Math.PI * (3500 + 200 * c) * t) + 0.15 * (2 * random.NextDouble() - 1));
        }
        double[] crossoversHz = [120, 1000, 6000];
        for (int k = 0; k < 3; k++)
        {
            _lanes.Crossover.SetCrossoverHz(k, crossoversHz[k]);
            _crossover.SetCrossoverHz(k, crossoversHz[k]);
        }
        for (int b = 0; b < 4; b++)
            foreach (Compressor band in new[] { _lanes.Band(b), _bands[b] })
            {
                band.ThresholdDb = -30;
                band.Ratio = 3;
                band.KneeDb = 6;
                band.AttackMs = 20;
                band.ReleaseMs = 200;
            }
        var spec = new ProcessSpec(RateHz, Frames, 2);
        _lanes.Prepare(spec);
        _crossover.Prepare(spec);
        foreach (Compressor band in _bands) band.Prepare(RateHz);
    }

    /// <summary>The band compressors in SIMD lanes, fused with the crossover output and the band sum.</summary>
    [Benchmark(Description = "Multiband 4 bands, 64 x 32-frame stereo blocks: lanes")]
    public void Lanes()
    {
        for (int k = 0; k < Blocks; k++)
        {
            Load(k);
            _lanes.Process(_buffer, Frames);
        }
    }

    /// <summary>The per-band path: band buffers, one Compressor per band, then the sum.</summary>
    [Benchmark(Baseline = true, Description = "Multiband 4 bands, 64 x 32-frame stereo blocks: per-band Compressors")]
    public void PerBand()
    {
        for (int k = 0; k < Blocks; k++)
        {
            Load(k);
            _crossover.Split(_buffer, Frames, _bandBuffers);
            for (int b = 0; b < 4; b++) _bands[b].Process(_bandBuffers[b].Channel(0, Frames), _bandBuffers[b].Channel(1, Frames));
            for (int c = 0; c < 2; c++)
            {
                Span<float> x = _buffer.Channel(c, Frames);
                _bandBuffers[0].Channel(c, Frames).CopyTo(x);
                for (int b = 1; b < 4; b++)
                {
                    Span<float> band = _bandBuffers[b].Channel(c, Frames);
                    for (int i = 0; i < Frames; i++) x[i] += band[i];
                }
            }
        }
    }

    private void Load(int block)
    {
        _program[0].AsSpan(block * Frames, Frames).CopyTo(_buffer.Channel(0, Frames));
        _program[1].AsSpan(block * Frames, Frames).CopyTo(_buffer.Channel(1, Frames));
    }
}
