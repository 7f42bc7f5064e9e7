using BenchmarkDotNet.Attributes;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Mixer.Strips;
using MixConsole.Engine.Parameters;

namespace MixConsole.Benchmarks;

/// <summary>
/// The console engine per 32-frame block at 48 kHz: the 32-channel strip bank stage by stage (SIMD and the
/// scalar reference), and the whole engine with every stage on. A block lasts 666.7 us.
/// Run: dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*EngineBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const double RateHz = 48000;
    private const int Frames = 32;
    private const int Channels = 32;

    private readonly AudioBuffer _strips = new(Channels, Frames);
    private readonly float[] _programme = new float[Channels * 64 * 48];
    private StripBank _bank = new(Channels);
    private MixerEngine _engine = null!;
    private AudioBuffer _input = null!, _output = null!;
    private int _position;

    /// <summary>Strip stages switched on: "eq", "eq+gate", "eq+gate+comp".</summary>
    [Params("eq", "eq+gate", "eq+gate+comp")]
    public string Stages { get; set; } = "eq";

    /// <summary>True for the scalar reference kernels.</summary>
    [Params(false, true)]
    public bool Scalar { get; set; }

    /// <summary>Builds the bank and the engine with the requested stages.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int i = 0; i < _programme.Length; i++) _programme[i] = (float)(random.NextDouble() * 0.4 - 0.2);
        _bank = new StripBank(Channels) { UseScalarReference = Scalar };
        _bank.Prepare(RateHz, Frames, MixerEngine.CoefficientTickFrames);
        var hp = ButterworthCascade.HighPass(RateHz, 80, FilterSlope.Db24PerOctave);
        for (int c = 0; c < Channels; c++)
        {
            _bank.SetSection(c, StripSection.HighPass0, hp.Section0, glide: false);
            _bank.SetSection(c, StripSection.HighPass1, hp.Section1, glide: false);
            for (int b = 0; b < StripSection.EqBands; b++)
                _bank.SetSection(c, StripSection.Eq0 + b, AnalogMatchedDesign.Peaking(RateHz, 200 * (b + 1) * (c + 1), 1.4, 3), glide: false);
            if (Stages.Contains("gate")) _bank.SetGate(c, true, -40, 40, 0, 1, 50, 100);
            if (Stages.Contains("comp")) _bank.SetCompressor(c, true, c % 2 == 0, -20, 4, 2, 10, 100, 3, 1, false);
        }

        _bank.FinishRamps();

        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        foreach (var d in store.Table.Parameters)
        {
            // Every processing switch on at its default settings, sends at -10 dB.
            if (d.Path.EndsWith("/on", StringComparison.Ordinal) || d.Path.EndsWith("/hpon", StringComparison.Ordinal)) store.TrySetInt(d.Index, 1);
            if (d.Path.StartsWith("/ch/", StringComparison.Ordinal) && d.Path.EndsWith("/level", StringComparison.Ordinal)) store.TrySetReal(d.Index, d.Spec.SnapReal(-10));
        }

        _engine = new MixerEngine(store) { UseScalarReference = Scalar };
        _engine.Prepare(RateHz, Frames, Channels, MixerOutputs.Total(16));
        _input = new AudioBuffer(Channels, Frames);
        _output = new AudioBuffer(MixerOutputs.Total(16), Frames);
    }

    private void Fill(AudioBuffer buffer)
    {
        int block = _position++ & 47;
        for (int c = 0; c < Channels; c++) _programme.AsSpan((block * Channels + c) * 64 % (_programme.Length - Frames), Frames).CopyTo(buffer.Channel(c));
    }

    /// <summary>High-pass, gate, compressor and EQ of 32 channels.</summary>
    [Benchmark]
    public void StripBank32()
    {
        Fill(_strips);
        _bank.Process(_strips.RawData, _strips.Stride, 0, Frames, default);
    }

    /// <summary>The whole console: 32 channels, 16 buses, 4 effects, main, meters and loudness.</summary>
    [Benchmark]
    public void WholeEngine()
    {
        Fill(_input);
        _engine.Process(_input, _output, Frames);
    }
}
