using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MixConsole.Control.Tests.Transport;

/// <summary>Runs liblo's oscsend and oscdump (Debian liblo-tools): the independent OSC implementation we test against.</summary>
internal static class LibloTools
{
    /// <summary>How long a wait for liblo may take before it fails: waited for, not timed, so a loaded machine costs nothing.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static void Send(int port, params string[] arguments)
    {
        var start = new ProcessStartInfo("oscsend") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Start(start);
        Assert.True(process.WaitForExit(Patience), "oscsend did not finish");
        Assert.True(process.ExitCode == 0, "oscsend failed: " + process.StandardError.ReadToEnd());
    }

    /// <summary>Starts a liblo tool, failing with what to install when it is missing.</summary>
    public static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} (liblo, Debian liblo-tools) is needed and could not be run: {e.Message}; apt-get install liblo-tools (./test installs it)", e);
        }
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
        _process = LibloTools.Start(start);
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
        while (clock.Elapsed < LibloTools.Patience)
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

    /// <summary>Waits until <paramref name="count"/> lines match (or <see cref="LibloTools.Patience"/> passes) and returns the matching lines.</summary>
    public string[] WaitForLines(Func<string, bool> predicate, int count)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < LibloTools.Patience)
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
