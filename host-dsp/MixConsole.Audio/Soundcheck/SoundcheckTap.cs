using MixConsole.Audio.Backends;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Soundcheck;

/// <summary>
/// A callback in front of another that records every period's inputs before the console sees them. It follows a
/// change of period as far as the console does (the recorder takes periods up to its own maximum).
/// </summary>
/// <param name="inner">The console (or any callback) that processes the audio.</param>
/// <param name="recorder">Where the inputs go.</param>
public sealed class SoundcheckTap(IAudioCallback inner, SoundcheckRecorder recorder) : IResizableAudioCallback
{
    private readonly IAudioCallback _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly SoundcheckRecorder _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));

    /// <inheritdoc />
    public void Process(AudioBuffer input, AudioBuffer output, int frames)
    {
        _recorder.Capture(input, frames);
        _inner.Process(input, output, frames);
    }

    /// <inheritdoc />
    public bool TryPrepareForPeriod(int maxFrames) =>
        maxFrames <= _recorder.MaxBlockFrames && _inner is IResizableAudioCallback resizable && resizable.TryPrepareForPeriod(maxFrames);
}
