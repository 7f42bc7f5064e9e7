using BenchmarkDotNet.Attributes;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Dsp.Oversampling;

namespace MixConsole.Benchmarks;

/// <summary>
/// Loudness meter throughput on ten minutes of stereo 48 kHz programme-like audio (1 s = 48,000
/// frames; x realtime = 600 s / measured time). Run:
/// dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*Loudness*'
/// </summary>
[MemoryDiagnoser]
public class LoudnessBenchmarks
{
    private const int SampleRateHz = 48000;
    private const int Seconds = 600;
    private const int BlockFrames = 4096;

    private float[][] _audio = [];
    private AudioBuffer _buffer = null!;
    private readonly LoudnessMeter _meter = new();
    private readonly TruePeakInterpolator _interpolator = new();

    /// <summary>What the meter measures.</summary>
    [Params("TruePeak", "TruePeakNoSkip", "LoudnessOnly")]
    public string Mode { get; set; } = "TruePeak";

    [GlobalSetup]
    public void Setup()
    {
        _audio = ProgrammeLike(SampleRateHz, Seconds);
        _buffer = new AudioBuffer(2, BlockFrames);
        var options = Mode switch
        {
            "TruePeakNoSkip" => new LoudnessMeterOptions { SkipBlocksThatCannotRaiseTruePeak = false },
            "LoudnessOnly" => LoudnessMeterOptions.LoudnessOnly,
            _ => LoudnessMeterOptions.Default,
        };
        _meter.Prepare(new ProcessSpec(SampleRateHz, BlockFrames, 2), options: options);
        _interpolator.Prepare(SampleRateHz, BlockFrames);
    }

    /// <summary>The whole meter over ten minutes.</summary>
    [Benchmark]
    public double MeterTenMinutesStereo()
    {
        _meter.Reset();
        int frames = _audio[0].Length;
        for (int off = 0; off < frames; off += BlockFrames)
        {
            int n = Math.Min(BlockFrames, frames - off);
            _audio[0].AsSpan(off, n).CopyTo(_buffer.Channel(0, n));
            _audio[1].AsSpan(off, n).CopyTo(_buffer.Channel(1, n));
            _meter.Process(_buffer, n);
        }
        return _meter.IntegratedLufs + (_meter.MeasuresTruePeak ? _meter.TruePeakDbtp : 0);
    }

    /// <summary>The 8x true-peak interpolator alone, one channel of ten minutes, every block interpolated.</summary>
    [Benchmark]
    public float InterpolatorTenMinutesMono()
    {
        _interpolator.Reset();
        return _interpolator.ProcessMax(_audio[0]);
    }

    /// <summary>Chords with a dynamic envelope, drum-like hits, noise and pauses, peaking near -1 dBFS.</summary>
    public static float[][] ProgrammeLike(int fs, int seconds)
    {
        var rng = new Random(7);
        int len = fs * seconds;
        var l = new float[len];
        var r = new float[len];
        double p1 = 0, p2 = 0, p3 = 0, hit = 0, lp = 0;
        for (int n = 0; n < len; n++)
        {
            double t = (double)n / fs;
            double env = Math.Pow(10, (-20 + 14 * Math.Sin(2 * Math.PI * t / 23)) / 20);
            p1 += 2 * Math.PI * 220 / fs; p2 += 2 * Math.PI * 277.2 / fs; p3 += 2 * Math.PI * 329.6 / fs;
            double chord = Math.Sin(p1) + 0.7 * Math.Sin(2 * p2) + 0.5 * Math.Sin(3 * p3);
            if (n % (fs / 2) == 0)
                hit = 0.4 + 0.4 * rng.NextDouble();
            hit *= 0.9997;
            lp += 0.35 * (rng.NextDouble() * 2 - 1 - lp);
            double gap = (t % 37) < 1.5 ? 0 : 1;
            double mid = gap * (env * 0.35 * chord + hit * lp * 0.9);
            double side = gap * 0.1 * env * Math.Sin(p1 * 1.5);
            l[n] = (float)(mid + side);
            r[n] = (float)(mid - side);
        }
        return [l, r];
    }
}
