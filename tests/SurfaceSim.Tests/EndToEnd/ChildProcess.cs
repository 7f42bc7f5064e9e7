using System.Collections.Concurrent;
using System.Diagnostics;

namespace MixConsole.SurfaceSim.Tests.EndToEnd;

/// <summary>A `dotnet DLL args` process this test started: its output lines as they come, killed on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _all = new();

    public ChildProcess(string dll, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Add(e.Data, "");
        _process.ErrorDataReceived += (_, e) => Add(e.Data, "stderr: ");
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _all);

    /// <summary>Waits for a line containing <paramref name="text"/>; false on timeout or exit.</summary>
    public bool WaitForLine(string text, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (_lines.TryTake(out string? line, TimeSpan.FromMilliseconds(50)))
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (_process.HasExited)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Waits for exit; the exit code, or null on timeout.</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return null;
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Add(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }

        _all.Enqueue(prefix + line);
        _lines.Add(line);
    }
}
