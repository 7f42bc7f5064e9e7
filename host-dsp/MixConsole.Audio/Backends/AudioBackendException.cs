namespace MixConsole.Audio.Backends;

/// <summary>
/// A device or file the backend cannot use as asked (missing, busy, unsupported format,
/// wrong channel count). The message is one line a sound engineer can act on.
/// </summary>
public sealed class AudioBackendException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public AudioBackendException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the error beneath it.</summary>
    public AudioBackendException(string message, Exception inner) : base(message, inner) { }
}
