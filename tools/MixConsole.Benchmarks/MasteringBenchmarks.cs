using BenchmarkDotNet.Attributes;
using MixConsole.Benchmarks.Baseline;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Mastering;
using MixConsole.Dsp.Oversampling;
using MixConsole.Dsp.Resampling;

namespace MixConsole.Benchmarks;

/// <summary>
/// The whole master chain on 10 s of stereo 48 kHz program in 1024-frame blocks (x realtime = 10 s / mean),
/// plus the limiter alone and the 48 to 44.1 kHz converter; and the limiter in the live console's 32-frame blocks
/// on limiting-heavy programme (loud noise with +12 dB bursts), next to its frozen pre-2x-detector baseline.
/// Run: dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*MasteringBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class MasteringBenchmarks
{
    private const int Rate = 48000, Seconds = 10, Block = 1024;
    private float[][] _program = [];
    private MasterChain _chain = null!;
    private TruePeakLimiter _limiter = null!;
    private AudioBuffer _buffer = null!;
    private const int LiveBlock = 32, LiveBlocks = 1500; // one second of 32-frame blocks
    private float[][] _loud = [];
    private TruePeakLimiter _liveLimiter = null!;
    private BaselineTruePeakLimiter _liveBaseline = null!;
    private AudioBuffer _liveBuffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _program = [new float[Rate * Seconds], new float[Rate * Seconds]];
        for (int i = 0; i < Rate * Seconds; i++)
        {
            double t = (double)i / Rate;
            _program[0][i] = (float)(0.4 * Math.Sin(2 * Math.PI * 110 * t) + 0.2 * (2 * rng.NextDouble() - 1));
            _program[1][i] = (float)(0.4 * Math.Sin(2 * Math.PI * 165 * t) + 0.2 * (2 * rng.NextDouble() - 1));
        }
        _chain = new MasterChain { OutputBitDepth = 16 };
        for (int b = 0; b < 3; b++) { _chain.Multiband.Band(b).Ratio = 2; _chain.Multiband.Band(b).ThresholdDb = -20; }
        _chain.Eq.SetBand(0, EqBandType.LowShelf, 100, 1.5);
        _chain.Eq.SetBand(1, EqBandType.Bell, 2500, -1, 1);
        _chain.Imager.BassMono = true;
        _chain.LoudnessGain.GainDb = 6;
        _chain.Prepare(new ProcessSpec(Rate, Block, 2));
        _limiter = new TruePeakLimiter();
        _limiter.Prepare(new ProcessSpec(Rate, Block, 2));
        _buffer = new AudioBuffer(2, Block);
        _loud = LimiterComparison.Programme(LiveBlock * LiveBlocks);
        _liveLimiter = new TruePeakLimiter();
        _liveLimiter.Prepare(new ProcessSpec(Rate, LiveBlock, 2));
        _liveBaseline = new BaselineTruePeakLimiter();
        _liveBaseline.Prepare(new ProcessSpec(Rate, LiveBlock, 2));
        _liveBuffer = new AudioBuffer(2, LiveBlock);
    }

    [Benchmark(Description = "MasterChain 10 s stereo 48 kHz (saturation off)")]
    public void Chain() => Run(_chain);

    [Benchmark(Description = "TruePeakLimiter 10 s stereo 48 kHz")]
    public void Limiter() => Run(_limiter);

    [Benchmark(Description = "TruePeakLimiter 1 s stereo in 32-frame blocks, limiting (1500 blocks)")]
    public void LimiterLiveBlocks() => RunLive(_liveLimiter);

    [Benchmark(Description = "Baseline TruePeakLimiter (32-tap 8x on 2x) 1 s stereo in 32-frame blocks, limiting (1500 blocks)")]
    public void BaselineLimiterLiveBlocks() => RunLive(_liveBaseline);

    [Benchmark(Description = "SampleRateConverter 10 s stereo 48 -> 44.1 kHz")]
    public float[][] Resample() => SampleRateConverter.ConvertAll(_program, 48000, 44100);

    private void Run(IAudioProcessor processor)
    {
        for (int start = 0; start < _program[0].Length; start += Block)
        {
            int n = Math.Min(Block, _program[0].Length - start);
            _program[0].AsSpan(start, n).CopyTo(_buffer.Channel(0, n));
            _program[1].AsSpan(start, n).CopyTo(_buffer.Channel(1, n));
            processor.Process(_buffer, n);
        }
    }

    private void RunLive(IAudioProcessor processor)
    {
        for (int b = 0; b < LiveBlocks; b++)
        {
            _loud[0].AsSpan(b * LiveBlock, LiveBlock).CopyTo(_liveBuffer.Channel(0, LiveBlock));
            _loud[1].AsSpan(b * LiveBlock, LiveBlock).CopyTo(_liveBuffer.Channel(1, LiveBlock));
            processor.Process(_liveBuffer, LiveBlock);
        }
    }
}
