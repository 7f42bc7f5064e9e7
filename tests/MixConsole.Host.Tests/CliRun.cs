using MixConsole.Host.Cli;
using MixConsole.Host.Commands;

namespace MixConsole.Host.Tests;

/// <summary>Runs a mixconsole command in-process and captures what it prints.</summary>
internal static class CliRun
{
    public static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = new CommandRunner(CommandCatalog.All).Run(args, new CommandContext(output, error, CancellationToken.None));
        return (code, output.ToString(), error.ToString());
    }
}
