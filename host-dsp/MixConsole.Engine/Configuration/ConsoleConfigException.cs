namespace MixConsole.Engine.Configuration;

/// <summary>A console configuration that cannot be used; <see cref="Errors"/> lists every reason.</summary>
public sealed class ConsoleConfigException : Exception
{
    /// <summary>Creates the exception from one or more readable problems.</summary>
    public ConsoleConfigException(IReadOnlyList<string> errors)
        : base("invalid console configuration: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
