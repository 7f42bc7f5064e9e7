using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Backends;

/// <summary>
/// What a backend calls once per period on its audio thread. Implementations follow the
/// real-time rules: no allocation, no lock, no I/O, bounded time.
/// </summary>
public interface IAudioCallback
{
    /// <summary>
    /// Processes one period: <paramref name="input"/> holds the captured channels (silence when
    /// the backend has none), <paramref name="output"/> must be filled for every output channel.
    /// </summary>
    /// <param name="input">Planar captured audio, <see cref="AudioFormatInfo.ChannelsIn"/> channels (at least one).</param>
    /// <param name="output">Planar audio to play, <see cref="AudioFormatInfo.ChannelsOut"/> channels; arrives cleared.</param>
    /// <param name="frames">Frames in this period, at most <see cref="AudioFormatInfo.PeriodFrames"/>.</param>
    void Process(AudioBuffer input, AudioBuffer output, int frames);
}
