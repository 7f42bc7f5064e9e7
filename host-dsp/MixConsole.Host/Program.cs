using MixConsole.Host.Cli;
using MixConsole.Host.Commands;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var runner = new CommandRunner(CommandCatalog.All);
return runner.Run(args, new CommandContext(Console.Out, Console.Error, cancel.Token));
