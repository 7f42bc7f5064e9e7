using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MixConsole.Control.Security;
using MixConsole.Host.Cli;
using MixConsole.Host.Serve;

namespace MixConsole.Panel.Tests;

/// <summary>serve --mode mastering in-process on loopback with the panel on <see cref="FakePanelBoard"/>; stopped on dispose.</summary>
internal sealed partial class ServeWithPanel : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly StringWriter _text = new();
    // Serve writes from several threads; the synchronized writer locks itself, and reads take the same lock.
    private readonly TextWriter _output;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;
    private int _exitCode = -1;

    public ServeWithPanel(FakePanelBoard board, string? panelConfig)
    {
        Board = board;
        _output = TextWriter.Synchronized(_text);
        CidrNetwork.TryParse("127.0.0.0/8", out CidrNetwork loopback);
        var settings = new ServeSettings
        {
            OscPort = 0,
            HttpPort = 0,
            Bind = IPAddress.Loopback,
            Allow = [loopback],
            StatusInterval = null,
            Mode = ServeMode.Mastering,
            LiveAudio = new LiveAudioSettings { RealtimePriority = 0, LockMemory = false },
            PanelConfigPath = panelConfig,
            PanelDevices = _ => board.Devices(),
        };
        _thread = new Thread(() => _exitCode = ServeSession.Run(settings, new CommandContext(_output, _output, _cancel.Token)))
        { IsBackground = true, Name = "serve" };
        _thread.Start();
        OscPort = int.Parse(WaitForLine(OscLine()).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public FakePanelBoard Board { get; }

    public int OscPort { get; }

    public string Printed
    {
        get
        {
            lock (_output) return _text.ToString();
        }
    }

    /// <summary>Waits (generously, no timing asserted) until <paramref name="condition"/> holds.</summary>
    public static void WaitUntil(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("waited in vain for " + what());
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        Assert.True(_thread.Join(Patience), "serve did not stop");
        _cancel.Dispose();
        Assert.True(_exitCode == 0, Printed);
    }

    private Match WaitForLine(Regex line)
    {
        Match m = Match.Empty;
        WaitUntil(() => (m = line.Match(Printed)).Success || !_thread.IsAlive, () => $"/{line}/ in {Printed}");
        Assert.True(m.Success, "serve stopped: " + Printed);
        return m;
    }

    [GeneratedRegex(@"osc     listening on udp [0-9.]+:(\d+)")]
    private static partial Regex OscLine();
}
