using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>A small console, its store and engine, and helpers to set wire values and render signals.</summary>
internal sealed class EngineHarness
{
    public const double Rate = 48000;

    /// <param name="matrixOutputs">Prepares output channels for the matrices too (after solo right).</param>
    public EngineHarness(ConsoleConfig? config = null, int maxBlock = 512, bool scalar = false, bool matrixOutputs = false)
    {
        Config = config ?? new ConsoleConfig(Channels: 4, Buses: 2, FxSlots: 1, Dcas: 2, MuteGroups: 2);
        Table = ParameterTable.Create(Config);
        Store = new ParameterStore(Table);
        Engine = new MixerEngine(Store) { UseScalarReference = scalar };
        MaxBlock = maxBlock;
        Outputs = MixerOutputs.Total(Config.Buses, matrixOutputs ? Config.Matrices : 0);
        Engine.Prepare(Rate, maxBlock, Config.Channels, Outputs);
    }

    public ConsoleConfig Config { get; }
    public ParameterTable Table { get; }
    public ParameterStore Store { get; }
    public MixerEngine Engine { get; }
    public int MaxBlock { get; }
    public int Outputs { get; }

    /// <summary>Sets a float parameter by its 0..1 wire value.</summary>
    public EngineHarness Wire(string path, float normalized)
    {
        Assert.True(Store.TrySetNormalized(Table.IndexOf(path), normalized), path);
        return this;
    }

    /// <summary>Sets a parameter by its real value (dB, Hz, ms, enum position, 0/1).</summary>
    public EngineHarness Real(string path, float real)
    {
        int index = Table.IndexOf(path);
        Assert.True(Store.TrySetReal(index, Table[index].Spec.SnapReal(real)), path);
        return this;
    }

    /// <summary>Sets an enum by its label (the X32's "4.0" ratio).</summary>
    public EngineHarness Label(string path, string label)
    {
        Assert.True(Store.TrySetLabel(Table.IndexOf(path), label), path);
        return this;
    }

    public float RealOf(string path) => Store.GetReal(Table.IndexOf(path));

    /// <summary>Renders <paramref name="inputs"/> (one array per channel; missing channels silent) in blocks of <paramref name="block"/>; returns every output channel.</summary>
    public float[][] Render(float[]?[] inputs, int block = 64)
    {
        int frames = inputs.Max(i => i?.Length ?? 0);
        var input = new AudioBuffer(Config.Channels, MaxBlock);
        int outs = Outputs;
        var output = new AudioBuffer(outs, MaxBlock);
        var result = new float[outs][];
        for (int o = 0; o < outs; o++) result[o] = new float[frames];
        for (int start = 0; start < frames; start += block)
        {
            int n = Math.Min(block, frames - start);
            for (int c = 0; c < Config.Channels; c++)
            {
                var dst = input.Channel(c, n);
                dst.Clear();
                if (c < inputs.Length && inputs[c] is { } src)
                    src.AsSpan(start, Math.Max(0, Math.Min(n, src.Length - start))).CopyTo(dst);
            }

            Engine.Process(input, output, n);
            for (int o = 0; o < outs; o++) output.Channel(o, n).CopyTo(result[o].AsSpan(start));
        }

        return result;
    }

    public static float[] Sine(double frequencyHz, double amplitude, int frames)
    {
        var x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / Rate));
        return x;
    }

    public static float[] Constant(float value, int frames)
    {
        var x = new float[frames];
        Array.Fill(x, value);
        return x;
    }

    /// <summary>RMS of <paramref name="x"/> from <paramref name="start"/> to the end.</summary>
    public static double Rms(float[] x, int start = 0)
    {
        double s = 0;
        for (int i = start; i < x.Length; i++) s += (double)x[i] * x[i];
        return Math.Sqrt(s / (x.Length - start));
    }

    public static double Db(double gain) => 20 * Math.Log10(gain);

    /// <summary>Gain in dB of a sine at <paramref name="frequencyHz"/> through channel 1 to main left, measured by correlation over the settled second half.</summary>
    public double SineGainDb(double frequencyHz, int output = 0, int frames = 24000)
    {
        var x = Sine(frequencyHz, 0.1, frames);
        var y = Render([x])[output];
        return Db(Rms(y, frames / 2) / Rms(x, frames / 2));
    }
}
