using MixConsole.Engine.Compiler;
using MixConsole.Engine.Mixer;

namespace MixConsole.Host.Serve;

/// <summary>How the live mixer engine follows a change of the server's period (JACK's buffer size).</summary>
internal static class EnginePeriod
{
    /// <summary>
    /// A handler that prepares <paramref name="engine"/> again for a longer period than it was prepared for (its
    /// buffers are sized then, and its history cleared: a longer period cannot be run any other way) and leaves it
    /// alone for a shorter one, which it runs as it is, sound uninterrupted. The backend calls it while no block
    /// runs; <paramref name="compiler"/>, the thread compiling for the engine live, is paused meanwhile (preparing
    /// compiles and publishes too, and the master chain's snapshots take one producer only).
    /// </summary>
    public static PeriodChangeHandler Follower(MixerEngine engine, ConsoleCompilerThread? compiler, double sampleRateHz, int preparedFrames, int inputs, int outputs)
    {
        ArgumentNullException.ThrowIfNull(engine);
        int prepared = preparedFrames;
        return maxFrames =>
        {
            if (maxFrames > prepared)
            {
                void Prepare() => engine.Prepare(sampleRateHz, maxFrames, inputs, outputs);
                if (compiler is null) Prepare();
                else compiler.RunPaused(Prepare);
                prepared = maxFrames;
            }

            return true;
        };
    }
}
