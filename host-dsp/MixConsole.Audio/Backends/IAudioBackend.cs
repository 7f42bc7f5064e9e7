using MixConsole.Audio.Realtime;

namespace MixConsole.Audio.Backends;

/// <summary>
/// One audio I/O backend (ALSA, JACK, WAV files, null). Open negotiates, Start runs the
/// callback once per period on the backend's audio thread, Stop ends it. Counters may be read
/// from any thread while it runs.
/// </summary>
public interface IAudioBackend : IDisposable
{
    /// <summary>Short name: "alsa", "jack", "wav", "null".</summary>
    string Name { get; }

    /// <summary>Opens the device or files and negotiates the format.</summary>
    /// <exception cref="AudioBackendException">The device is missing, busy, or cannot do what was asked.</exception>
    AudioFormatInfo Open(AudioBackendOptions options);

    /// <summary>Starts calling <paramref name="callback"/> once per period.</summary>
    void Start(IAudioCallback callback);

    /// <summary>Stops the stream and waits for the audio thread; safe to call twice.</summary>
    void Stop();

    /// <summary>Waits up to <paramref name="timeout"/> for the stream to end by itself (duration reached, input file ended, device fault); true when it has.</summary>
    bool WaitForEnd(TimeSpan timeout);

    /// <summary>Over- and under-runs seen and recovered from.</summary>
    long Xruns { get; }

    /// <summary>Device suspends (power management) seen and recovered from.</summary>
    long Suspends { get; }

    /// <summary>Callbacks made so far.</summary>
    long Callbacks { get; }

    /// <summary>Frames processed so far.</summary>
    long FramesProcessed { get; }

    /// <summary>How long each callback took (measured on the audio thread; read from any thread).</summary>
    CallbackTimes CallbackTimes { get; }

    /// <summary>Scheduling the audio thread got.</summary>
    RealtimeResult Realtime { get; }

    /// <summary>The error that ended the stream, when one did (a device that disappeared).</summary>
    Exception? Fault { get; }
}
