namespace MixConsole.Audio.Backends;

/// <summary>
/// A callback that can follow a change of the period length while the stream runs: JACK's buffer size
/// changes whenever someone runs <c>jack_bufsize</c> or a session manager asks. The backend calls
/// <see cref="TryPrepareForPeriod"/> off the audio thread, while no period runs, before the first period of
/// the new length; memory may be allocated there. A callback that does not implement this interface, or
/// answers false, keeps the longest period it was prepared for, and a longer period reaches it in pieces.
/// </summary>
public interface IResizableAudioCallback : IAudioCallback
{
    /// <summary>
    /// Prepares for periods of up to <paramref name="maxFrames"/> frames. Called on a control thread (JACK's
    /// notification thread), never while <see cref="IAudioCallback.Process"/> runs.
    /// </summary>
    /// <returns>True when later periods may be up to <paramref name="maxFrames"/> long; false to be handed pieces no longer than before.</returns>
    bool TryPrepareForPeriod(int maxFrames);
}
