using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Workloads;

namespace MixConsole.Host.Serve;

/// <summary>
/// Runs a throwaway console of the same size, every stage on, for a moment before the audio thread starts:
/// every code path the live engine can take is compiled then, not in the middle of the first blocks of a show.
/// The live engine and its state are not touched.
/// </summary>
internal static class EngineWarmUp
{
    /// <summary>Audio pushed through the throwaway console.</summary>
    public const double Seconds = 0.5;

    public static void Run(ConsoleConfig config, double sampleRateHz, int blockFrames, int inputs, int outputs)
    {
        var store = new ParameterStore(ParameterTable.Create(config));
        EveryStageScene.Apply(store);
        var engine = new MixerEngine(store);
        engine.Prepare(sampleRateHz, blockFrames, inputs, outputs);
        engine.SetMasterChain(new LiveMasterChain(store));
        var input = new AudioBuffer(Math.Max(1, inputs), blockFrames);
        var output = new AudioBuffer(Math.Max(1, outputs), blockFrames);
        var random = new Random(1);
        int blocks = (int)Math.Ceiling(Seconds * sampleRateHz / blockFrames);
        for (int b = 0; b < blocks; b++)
        {
            for (int c = 0; c < inputs; c++)
            {
                Span<float> x = input.Channel(c, blockFrames);
                for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() - 0.5) * 0.5f;
            }

            // A parameter move now and then takes the ramping paths too.
            if (b % 40 == 20) store.TrySetNormalized(store.Table.IndexOf(ParameterPaths.Channel(1) + "/mix/fader"), b % 80 == 20 ? 0.5f : 0.75f);
            engine.Process(input, output, blockFrames);
        }
    }
}
