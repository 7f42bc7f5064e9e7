using BenchmarkDotNet.Attributes;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Effects;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Simd;

namespace MixConsole.Benchmarks;

/// <summary>
/// One 32-frame block at 48 kHz of each kernel at console scale. A block lasts 666.7 us;
/// the engine target (30x real time) leaves 22 us for the whole console per block.
/// Run: dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*Kernel*'
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const double RateHz = 48000;
    private const int Frames = 32;
    private const int Channels = 32;

    private readonly BiquadBank _eq = new(6);
    private readonly AudioBuffer _channels = new(Channels, Frames);
    private readonly Compressor[] _compressors = new Compressor[Channels];
    private readonly Gate[] _gates = new Gate[Channels];
    private readonly Reverb _reverb = new();
    private readonly StereoDelay _delay = new();
    private readonly float[] _left = new float[Frames];
    private readonly float[] _right = new float[Frames];

    /// <summary>Tunes every kernel with every stage active.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var spec = new ProcessSpec(RateHz, Frames, Channels);
        _eq.Prepare(spec);
        var random = new Random(1);
        for (int c = 0; c < Channels; c++)
        {
            var hp = ButterworthCascade.HighPass(RateHz, 80, FilterSlope.Db24PerOctave);
            _eq.SetSection(c, 0, hp.Section0);
            _eq.SetSection(c, 1, hp.Section1);
            _eq.SetSection(c, 2, AnalogMatchedDesign.LowShelf(RateHz, 120, 0.7, 3));
            _eq.SetSection(c, 3, AnalogMatchedDesign.Peaking(RateHz, 400, 1.5, -4));
            _eq.SetSection(c, 4, AnalogMatchedDesign.Peaking(RateHz, 3000, 2, 2));
            _eq.SetSection(c, 5, AnalogMatchedDesign.HighShelf(RateHz, 10000, 0.7, 2));
            _compressors[c] = new Compressor { ThresholdDb = -30, Ratio = 4, KneeDb = 6, SideChainHighPassHz = 100 };
            _compressors[c].Prepare(RateHz);
            _gates[c] = new Gate { ThresholdDb = -50, KeyFilterEnabled = true };
            _gates[c].Prepare(RateHz);
            for (int t = 0; t < Frames; t++) _channels.Channel(c)[t] = (float)(random.NextDouble() - 0.5);
        }
        _reverb.Prepare(new ProcessSpec(RateHz, Frames, 2));
        _delay.Prepare(new ProcessSpec(RateHz, Frames, 2));
    }

    /// <summary>32 channels x 6 biquad sections, SIMD across channels.</summary>
    [Benchmark]
    public void Eq32ChannelsSimd() => _eq.Process(_channels, Frames);

    /// <summary>The same work on the scalar reference path.</summary>
    [Benchmark]
    public void Eq32ChannelsScalar() => _eq.ProcessScalar(_channels, Frames);

    /// <summary>32 compressors (RMS off, knee, side-chain high-pass).</summary>
    [Benchmark]
    public void Compressor32Channels()
    {
        for (int c = 0; c < Channels; c++) _compressors[c].Process(_channels.Channel(c, Frames));
    }

    /// <summary>32 gates with key filters.</summary>
    [Benchmark]
    public void Gate32Channels()
    {
        for (int c = 0; c < Channels; c++) _gates[c].Process(_channels.Channel(c, Frames));
    }

    /// <summary>One stereo FDN reverb.</summary>
    [Benchmark]
    public void ReverbStereo() => _reverb.Process(_left, _right, _left, _right);

    /// <summary>One stereo delay.</summary>
    [Benchmark]
    public void DelayStereo() => _delay.Process(_left, _right, _left, _right);

    /// <summary>One analog-matched bell design (what a moving EQ knob costs per block).</summary>
    [Benchmark]
    public BiquadCoefficients MatchedBellDesign() => AnalogMatchedDesign.Peaking(RateHz, 16000, 2, 9);
}
