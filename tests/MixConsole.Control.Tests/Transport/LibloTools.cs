using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MixConsole.Control.Tests.Transport;

/// <summary>Runs liblo's oscsend and oscdump (Debian liblo-tools): the independent OSC implementation we test against.</summary>
internal static class LibloTools
{
    public static void Send(int port, params string[] arguments)
    {
        var start = new ProcessStartInfo("oscsend") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("oscsend did not start (apt-get install liblo-tools)");
        Assert.True(process.WaitForExit(5000), "oscsend did not finish");
        Assert.True(process.ExitCode == 0, "oscsend failed: " + process.StandardError.ReadToEnd());
    }

    public static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}

/// <summary>An oscdump process whose output lines are collected as they arrive.</summary>
internal sealed class OscDump : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    public OscDump(int port)
    {
        Port = port;
        var start = new ProcessStartInfo("oscdump") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _process = Process.Start(start) ?? throw new InvalidOperationException("oscdump did not start (apt-get install liblo-tools)");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
    }

    public int Port { get; }

    public string[] Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Sends probes until oscdump prints one, so later packets are not lost to its start-up.</summary>
    public void WaitUntilListening(Func<bool> sendProbe)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 5000)
        {
            sendProbe();
            Thread.Sleep(50);
            if (Lines.Any(line => line.Contains("/probe", StringComparison.Ordinal)))
            {
                return;
            }
        }

        Assert.Fail("oscdump never printed a probe");
    }

    public string[] WaitForLines(Func<string, bool> predicate, int count)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 5000)
        {
            string[] matching = [.. Lines.Where(predicate)];
            if (matching.Length >= count)
            {
                return matching;
            }

            Thread.Sleep(20);
        }

        return [.. Lines.Where(predicate)];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(2000);
        }

        _process.Dispose();
    }
}
