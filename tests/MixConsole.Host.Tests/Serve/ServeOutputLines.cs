using System.Text.RegularExpressions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>The lines of serve's output the JACK tests read, spelled once.</summary>
internal static partial class ServeOutputLines
{
    /// <summary>"osc     listening on udp ADDR:PORT": group 1 the port.</summary>
    [GeneratedRegex(@"osc     listening on udp [0-9.]+:(\d+)")]
    public static partial Regex Listening();

    /// <summary>A status line: group 1 the frames, group 2 the period, groups 3-5 the collections of gen0, gen1, gen2.</summary>
    [GeneratedRegex(@"status  (\d+) frames, \d+ blocks, period (\d+),.* gc (\d+) gen0, (\d+) gen1, (\d+) gen2")]
    public static partial Regex Status();

    /// <summary>The exit line with the control traffic: group 1 the parameter changes applied.</summary>
    [GeneratedRegex(@"stopped: .* packets, (\d+) sets,")]
    public static partial Regex Stopped();
}
