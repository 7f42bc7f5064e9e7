namespace MixConsole.Host.Cli;

/// <summary>A subcommand of <c>mixconsole</c>.</summary>
internal interface ICommand
{
    /// <summary>The word typed after <c>mixconsole</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>Usage line(s), e.g. "mixconsole analyze FILE [--json]".</summary>
    string Usage { get; }

    /// <summary>A paragraph or two that teaches: what it does, what it prints, an example.</summary>
    string Description { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    int Run(ParsedArgs args, CommandContext context);
}

/// <summary>Where a command writes and how it was started.</summary>
internal sealed class CommandContext(TextWriter output, TextWriter error, CancellationToken cancellation)
{
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;
    public CancellationToken Cancellation { get; } = cancellation;
}
