using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MixConsole.Host.Cli;
using MixConsole.Host.Commands;

namespace MixConsole.Web.Tests;

/// <summary>mixconsole serve running in-process on loopback, with its web console on a free port; stopped on dispose.</summary>
internal sealed partial class ServeUnderTest : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly Output _output = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private int _exitCode = -1;

    /// <summary>Starts serve with <paramref name="extra"/> after the loopback, quiet defaults.</summary>
    public ServeUnderTest(params string[] extra)
    {
        HttpPort = FreeTcpPort();
        string[] args =
        [
            "serve", "--osc-port", "0", "--bind", "127.0.0.1", "--http-port", HttpPort.ToString(CultureInfo.InvariantCulture),
            "--rt-priority", "0", "--no-mlock", "--status", "0", .. extra,
        ];
        _thread = new Thread(() => _exitCode = new CommandRunner(CommandCatalog.All).Run(args, new CommandContext(_output, _output, _cancel.Token)))
        { IsBackground = true, Name = "serve" };
        _thread.Start();
        Match web = WaitForLine(WebLine());
        WebAddress = new Uri(web.Groups[1].Value);
        OscPort = int.Parse(WaitForLine(OscLine()).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public int HttpPort { get; }

    public int OscPort { get; }

    /// <summary>"http://127.0.0.1:PORT/" as serve printed it.</summary>
    public Uri WebAddress { get; }

    public string Printed => _output.Text;

    public void Dispose()
    {
        _cancel.Cancel();
        Assert.True(_thread.Join(Patience), "serve did not stop");
        _cancel.Dispose();
        Assert.True(_exitCode == 0, Printed);
    }

    private Match WaitForLine(Regex line)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            Match m = line.Match(_output.Text);
            if (m.Success)
            {
                return m;
            }

            Assert.True(_thread.IsAlive, "serve stopped: " + _output.Text);
            Thread.Sleep(20);
        }

        throw new TimeoutException($"serve did not print /{line}/: {_output.Text}");
    }

    public static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"web     (http://\S+)")]
    private static partial Regex WebLine();

    [GeneratedRegex(@"osc     listening on udp [0-9.]+:(\d+)")]
    private static partial Regex OscLine();

    // Serve writes from several threads; tests read while it runs.
    private sealed class Output : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text) return _text.ToString();
            }
        }

        public override void Write(char value)
        {
            lock (_text) _text.Append(value);
        }

        public override void Write(string? value)
        {
            lock (_text) _text.Append(value);
        }
    }
}
