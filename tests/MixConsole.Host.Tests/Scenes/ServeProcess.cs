using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using MixConsole.Host.Commands;

namespace MixConsole.Host.Tests.Scenes;

/// <summary>
/// <c>mixconsole serve --audio null --state DIR</c> (or any serve command line) as a child process, so a test can kill -9 it as a power cut would,
/// or stop it with SIGTERM as systemd does. Ready once it prints the UDP port it listens on.
/// </summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _out = [];
    private readonly List<string> _err = [];
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_out) _out.Add(e.Data);
            var m = Listening().Match(e.Data);
            if (m.Success) _port.TrySetResult(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_err) _err.Add(e.Data);
        };
        process.Exited += (_, _) => _port.TrySetException(new InvalidOperationException("serve exited before listening:\n" + Err));
    }

    /// <summary>The UDP port serve listens on (loopback only).</summary>
    public int Port { get; private set; }

    /// <summary>Time from the process start to its listening line.</summary>
    public TimeSpan StartTime { get; private set; }

    public string Out { get { lock (_out) return string.Join("\n", _out); } }

    public string Err { get { lock (_err) return string.Join("\n", _err); } }

    public static ServeProcess Start(string stateDir, params string[] extra) =>
        StartServe(["--audio", "null", "--state", stateDir, "--osc-port", "0", "--http-port", "0", "--bind", "127.0.0.1",
            "--allow", "127.0.0.0/8", "--status", "0", "--rt-priority", "0", "--no-mlock", "--rate-limit", "100000", .. extra]);

    /// <summary>Starts <c>mixconsole serve</c> with exactly <paramref name="arguments"/>; they must make it print its UDP port.</summary>
    public static ServeProcess StartServe(params string[] arguments)
    {
        string dll = typeof(ServeCommand).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])[dll, "serve", .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        var watch = Stopwatch.StartNew();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var serve = new ServeProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!serve._port.Task.Wait(TimeSpan.FromSeconds(180)))
        {
            serve.Kill();
            throw new TimeoutException("serve did not start listening within 180 s:\n" + serve.Err);
        }

        serve.Port = serve._port.Task.Result;
        serve.StartTime = watch.Elapsed;
        return serve;
    }

    /// <summary>True once the process has ended by itself or been stopped.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end by itself; its exit code, or null on timeout.</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return null;
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>kill -9: no flush, no backup, no goodbye.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd stops it; returns the exit code.</summary>
    public int Stop()
    {
        _ = SendSignal(_process.Id, 15);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) throw new TimeoutException("serve did not stop within 30 s of SIGTERM");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);

    [GeneratedRegex(@"^osc     listening on udp .*:(\d+)$")]
    private static partial Regex Listening();
}
