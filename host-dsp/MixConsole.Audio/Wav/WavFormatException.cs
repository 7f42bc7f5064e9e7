namespace MixConsole.Audio.Wav;

/// <summary>
/// A WAV file that cannot be read as it stands. The message is one line that names
/// the file and the problem, fit to show a user as is.
/// </summary>
public sealed class WavFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/> with <paramref name="problem"/> (no file name, no trailing period).</summary>
    public WavFormatException(string fileName, string problem)
        : base($"{fileName}: {problem}")
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file's display name (usually the name without its folder).</summary>
    public string FileName { get; }

    /// <summary>The problem alone, without the file name.</summary>
    public string Problem { get; }
}
