using System.Net;
using System.Net.Sockets;
using MixConsole.SurfaceSim.Cli;
using MixConsole.SurfaceSim.Link;

namespace MixConsole.SurfaceSim.Tests;

public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = SimCli.Run(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Help_TeachesEveryScriptActionAndTheExitStatus()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(SimCli.ExitOk, code);
        foreach (string word in new[] { "fader S V", "pan S V", "encoder E +N|-N", "press mute|solo|select S", "bank next|prev|N", "touch S", "release S", "wait MS", "expect fader S V", "exit status", "1 kHz", "mixconsole serve" })
        {
            Assert.Contains(word, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--profile", "piano")]
    [InlineData("--bogus")]
    [InlineData("--script")]
    [InlineData("--measure", "--script", "x.sim")]
    [InlineData("--connect", "localhost:99999", "--script", "x.sim")]
    public void BadCommandLine_ExitsTwo_SayingWhy(params string[] args)
    {
        var (code, _, errors) = Run(args);

        Assert.Equal(SimCli.ExitUsage, code);
        Assert.StartsWith("SurfaceSim: ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void BadScript_ExitsTwo_BeforeConnecting()
    {
        string file = Path.Combine(Path.GetTempPath(), $"surfacesim-{Guid.NewGuid():N}.sim");
        File.WriteAllText(file, "fader 3 0dB\nswipe 2\n");
        try
        {
            var (code, _, errors) = Run("--connect", "127.0.0.1:9", "--script", file);

            Assert.Equal(SimCli.ExitUsage, code);
            Assert.Contains($"{file}:2: unknown action 'swipe'", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("no host", errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void NoHost_ExitsTwo_AndSaysHowToStartOne()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        string file = Path.Combine(Path.GetTempPath(), $"surfacesim-{Guid.NewGuid():N}.sim");
        File.WriteAllText(file, "expect link up\n");
        try
        {
            var (code, _, errors) = Run("--connect", $"127.0.0.1:{port}", "--connect-timeout", "600", "--script", file);

            Assert.Equal(SimCli.ExitUsage, code);
            Assert.Contains($"no host at 127.0.0.1:{port}", errors, StringComparison.Ordinal);
            Assert.Contains($"mixconsole serve --audio null --osc-port {port}", errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("127.0.0.1:10024", "127.0.0.1", 10024)]
    [InlineData("127.0.0.1", "127.0.0.1", 10023)]
    [InlineData("[::1]:9000", "::1", 9000)]
    [InlineData("localhost:7000", null, 7000)]
    public void HostAddress_ParsesHostAndPort(string text, string? address, int port)
    {
        IPEndPoint endPoint = HostAddress.Parse(text);

        Assert.Equal(port, endPoint.Port);
        if (address is not null)
        {
            Assert.Equal(IPAddress.Parse(address), endPoint.Address);
        }
        else
        {
            Assert.True(IPAddress.IsLoopback(endPoint.Address));
        }
    }
}
