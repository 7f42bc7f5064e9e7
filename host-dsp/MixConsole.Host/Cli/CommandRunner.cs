namespace MixConsole.Host.Cli;

/// <summary>Dispatches to subcommands, prints help, and turns failures into one clear line and an exit code.</summary>
internal sealed class CommandRunner(IReadOnlyList<ICommand> commands)
{
    private static readonly OptionSpec HelpOption = new("help", null, "show this help", 'h');

    public int Run(string[] args, CommandContext context)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help" && args.Length <= 1)
        {
            PrintOverview(context.Out);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] is "help" && args.Length > 1)
            args = [args[1], "--help"];
        if (args[0] is "--version")
        {
            context.Out.WriteLine($"mixconsole {typeof(CommandRunner).Assembly.GetName().Version}");
            return 0;
        }

        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            string? near = ArgParser.Nearest(args[0], commands.Select(c => c.Name));
            context.Err.WriteLine($"mixconsole: unknown command '{args[0]}'" + (near is null ? "" : $"; did you mean '{near}'?"));
            context.Err.WriteLine("Run 'mixconsole --help' for the list of commands.");
            return 2;
        }

        var specs = command.Options.Append(HelpOption).ToList();
        try
        {
            var parsed = ArgParser.Parse(args[1..], specs);
            if (parsed.Has("help"))
            {
                PrintCommandHelp(command, specs, context.Out);
                return 0;
            }
            return command.Run(parsed, context);
        }
        catch (UsageException e)
        {
            context.Err.WriteLine($"mixconsole {command.Name}: {e.Message}");
            context.Err.WriteLine($"Run 'mixconsole {command.Name} --help' for usage.");
            return 2;
        }
        catch (UserFacingException e)
        {
            context.Err.WriteLine($"mixconsole {command.Name}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            context.Err.WriteLine($"mixconsole {command.Name}: cancelled");
            return 130;
        }
    }

    private void PrintOverview(TextWriter w)
    {
        w.WriteLine("mixconsole - an open mixing and mastering console");
        w.WriteLine();
        w.WriteLine("Usage: mixconsole COMMAND [options]    (mixconsole COMMAND --help for details)");
        w.WriteLine();
        w.WriteLine("Commands:");
        int width = commands.Max(c => c.Name.Length) + 2;
        foreach (var c in commands)
            w.WriteLine($"  {c.Name.PadRight(width)}{c.Summary}");
    }

    private static void PrintCommandHelp(ICommand command, IReadOnlyList<OptionSpec> specs, TextWriter w)
    {
        w.WriteLine($"Usage: {command.Usage}");
        w.WriteLine();
        w.WriteLine(command.Summary);
        w.WriteLine();
        w.WriteLine(command.Description.TrimEnd());
        w.WriteLine();
        w.WriteLine("Options:");
        var labels = specs.Select(s => (s.Short is char c ? $"-{c}, " : "    ") + $"--{s.Name}" + (s.ValueName is null ? "" : s.NumberOptional ? $" [{s.ValueName}]" : $" {s.ValueName}")).ToList();
        int width = labels.Max(l => l.Length) + 2;
        for (int i = 0; i < specs.Count; i++)
            w.WriteLine($"  {labels[i].PadRight(width)}{specs[i].Help}");
    }
}
