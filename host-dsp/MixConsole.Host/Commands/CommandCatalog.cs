using MixConsole.Host.Cli;

namespace MixConsole.Host.Commands;

/// <summary>Every subcommand, in the order the overview lists them.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ICommand> All { get; } =
    [
        new DemoCommand(),
        new AnalyzeCommand(),
        new MasterCommand(),
        new MasterAlbumCommand(),
        new DeliverCommand(),
        new PreviewCommand(),
        new MixCommand(),
        new ServeCommand(),
        new ScenesCommand(),
        new DevicesCommand(),
        new LatencyCommand(),
        new BenchCommand(),
    ];
}
