using System.Globalization;

namespace MixConsole.SurfaceSim.Tests.EndToEnd;

/// <summary>A real `mixconsole serve` for the end-to-end tests: null audio, loopback OSC on a given port, no web console.</summary>
internal static class ServeChild
{
    /// <summary>Starts serve on <paramref name="port"/> with <paramref name="extra"/> options and waits until it listens.</summary>
    public static ChildProcess Start(int port, TimeSpan patience, params string[] extra)
    {
        var serve = new ChildProcess(BuiltPrograms.MixConsole,
            ["serve", "--audio", "null", "--osc-port", port.ToString(CultureInfo.InvariantCulture), "--http-port", "0", "--bind", "127.0.0.1", "--duration", "300", .. extra]);
        Assert.True(serve.WaitForLine("listening on udp", patience), "serve did not start:\n" + serve.Output);
        return serve;
    }
}
