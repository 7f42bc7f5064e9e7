using MixConsole.Audio.Alsa;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Profiles;
using MixConsole.Host.Cli;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole devices</c>: what audio hardware and servers this machine offers.</summary>
internal sealed class DevicesCommand : ICommand
{
    public string Name => "devices";

    public string Summary => "list ALSA cards and PCMs, JACK ports, and hardware profiles";

    public string Usage => "mixconsole devices [--jack-server NAME]";

    public string Description => """
        Lists the sound cards (/proc/asound/cards), every ALSA PCM name alsa-lib knows (pass one to
        serve --device), the audio ports of a running JACK server, and the hardware profiles serve --profile
        accepts.

        Example: mixconsole devices
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("jack-server", "NAME", "JACK server to ask (default: the default server)"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count > 0) throw new UsageException($"unexpected argument '{args.Positionals[0]}'");
        var w = context.Out;
        var cards = AlsaDevices.Cards();
        w.WriteLine("ALSA cards:");
        if (cards.Count == 0) w.WriteLine("  none (/proc/asound/cards lists no card)");
        foreach (var c in cards)
            w.WriteLine($"  {c.Index}  {c.HwName,-32} {c.Name} [{c.Driver}]{(c.IsUsb ? " (USB)" : "")}");

        w.WriteLine("ALSA PCMs:");
        var pcms = AlsaDevices.Pcms();
        if (pcms.Count == 0) w.WriteLine("  none (libasound missing or no configuration)");
        foreach (var p in pcms)
            w.WriteLine($"  {p.Name,-40} {p.Direction,-9} {p.Description}");

        w.WriteLine("JACK:");
        var ports = JackPorts.List(args.Get("jack-server"), out string? error);
        if (ports is null) w.WriteLine($"  {error}");
        else if (ports.Count == 0) w.WriteLine("  server running, no audio ports");
        else foreach (var port in ports) w.WriteLine($"  {port}");

        w.WriteLine("Hardware profiles (serve --profile NAME):");
        foreach (var name in HardwareProfiles.Names())
        {
            var p = HardwareProfiles.Find(name);
            w.WriteLine($"  {name,-28} {p.ChannelsIn} in / {p.ChannelsOut} out, {p.PeriodFrames} x {p.Periods}, {p.Description}");
        }
        return 0;
    }
}
