namespace MixConsole.Host.Serve;

/// <summary>
/// Where the served console's audio comes from and goes to, and what paces it: the one seam between
/// <c>mixconsole serve</c> and audio devices (null today; ALSA, JACK and WAV backends plug in here).
/// </summary>
internal interface IAudioBackend : IDisposable
{
    /// <summary>One line for the start-up banner ("null, paced by the system clock").</summary>
    string Description { get; }

    /// <summary>Frames per second.</summary>
    double SampleRateHz { get; }

    /// <summary>Frames per block handed to the engine.</summary>
    int BlockFrames { get; }

    /// <summary>Channels delivered to the engine's inputs.</summary>
    int InputChannels { get; }

    /// <summary>Channels taken from the engine's outputs.</summary>
    int OutputChannels { get; }

    /// <summary>Blocks processed so far.</summary>
    long BlocksProcessed { get; }

    /// <summary>Blocks skipped because processing fell behind the clock (each one an audible dropout on a real device).</summary>
    long BlocksLate { get; }

    /// <summary>
    /// Runs <paramref name="process"/> once per block, paced by the backend's clock, until cancelled. Call on the audio thread.
    /// <paramref name="followPeriod"/> is asked to prepare for a longer or shorter block when the server changes its period.
    /// </summary>
    void Run(AudioBlockHandler process, PeriodChangeHandler? followPeriod, CancellationToken cancellation);
}
