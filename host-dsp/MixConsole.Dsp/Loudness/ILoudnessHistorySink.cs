namespace MixConsole.Dsp.Loudness;

/// <summary>
/// Receives the momentary and short-term loudness every 100 ms of audio, on the thread that calls
/// <see cref="LoudnessMeter.Process(Core.AudioBuffer, int)"/>: implementations must not allocate, lock or block.
/// </summary>
public interface ILoudnessHistorySink
{
    /// <summary>Called once per 100 ms of processed audio.</summary>
    /// <param name="point">The values at the end of that 100 ms.</param>
    void Record(in LoudnessHistoryPoint point);
}
