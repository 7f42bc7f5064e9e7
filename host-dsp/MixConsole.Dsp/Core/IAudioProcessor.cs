namespace MixConsole.Dsp.Core;

/// <summary>
/// The processor lifecycle every kernel adapter follows: <see cref="Prepare"/>
/// allocates, <see cref="Process"/> touches no heap and takes bounded time,
/// <see cref="Reset"/> clears history and keeps settings.
/// </summary>
public interface IAudioProcessor
{
    /// <summary>Sizes all memory for <paramref name="spec"/>. May allocate; never called on the audio thread.</summary>
    void Prepare(in ProcessSpec spec);

    /// <summary>Processes the first <paramref name="frames"/> frames of <paramref name="buffer"/> in place.</summary>
    void Process(AudioBuffer buffer, int frames);

    /// <summary>Clears internal history (filter states, envelopes, delay lines); settings are kept.</summary>
    void Reset();

    /// <summary>Delay this processor adds, in frames (0 for most; lookahead limiters and linear-phase filters report theirs).</summary>
    int LatencyFrames { get; }
}
