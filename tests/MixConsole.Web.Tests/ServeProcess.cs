using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MixConsole.Web.Tests;

/// <summary>
/// The built `mixconsole serve` as a process of its own, on loopback with the web console on a free port: what it
/// costs the machine is its own CPU time, apart from the test (whose Playwright client reads every page event).
/// </summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ServeProcess(params string[] extra)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "mixconsole"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["serve", "--osc-port", "0", "--bind", "127.0.0.1", "--http-port", ServeUnderTest.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            "--rt-priority", "0", "--no-mlock", "--status", "0", .. extra])
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("mixconsole did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        Match web;
        while (!(web = WebLine().Match(Printed)).Success)
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, "serve did not print its web address: " + Printed);
            Thread.Sleep(50);
        }

        WebAddress = new Uri(web.Groups[1].Value);
    }

    public Uri WebAddress { get; }

    public string Printed
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>CPU time the serve process has used so far (all its threads, user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output) _output.AppendLine(line);
    }

    [GeneratedRegex(@"web     (http://\S+)")]
    private static partial Regex WebLine();
}
