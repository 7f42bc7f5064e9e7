using System.Diagnostics;
using MixConsole.Audio.Jack;

namespace MixConsole.Audio.Tests.Jack;

/// <summary>
/// A real jackd on the dummy driver, paced in real time without root, under a name from a fixed pool that no other
/// test process holds (so parallel runs never meet). Terminated (SIGTERM) on dispose.
/// </summary>
internal sealed class JackDummyServer : IDisposable
{
    // Waited for, not timed: a loaded machine only makes jackd come up later; an exit ends the wait at once.
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    // JACK's shared registry holds 8 servers and frees a killed server's slot only when a server of the same name
    // starts: names from a fixed pool, each held by a lock file while in use, let a later run reclaim what a killed
    // run left behind, where unique names would fill the registry for good.
    private const int PoolSize = 6;

    private readonly Process _process;
    private readonly FileStream _nameLock;

    /// <summary>True while jackd has not exited.</summary>
    public bool IsRunning => !_process.HasExited;

    public JackDummyServer(int channels = 32, int period = 128, int rateHz = 48_000)
    {
        (Name, _nameLock) = TakeName();
        StopOrphan(Name);
        var start = new ProcessStartInfo("jackd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-n", Name, "-r", "-d", "dummy", "-r", rateHz.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-p", period.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-C", channels.ToString(System.Globalization.CultureInfo.InvariantCulture), "-P", channels.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        start.Environment["JACK_NO_AUDIO_RESERVATION"] = "1";
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("jackd did not start");
        }
        catch
        {
            _nameLock.Dispose();
            throw;
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartPatience)
        {
            if (_process.HasExited)
            {
                int code = _process.ExitCode;
                Dispose();
                throw new InvalidOperationException($"jackd exited with {code}");
            }

            if (JackPorts.List(Name, out _) is { Count: > 0 }) return;
            Thread.Sleep(100);
        }
        Dispose();
        throw new TimeoutException($"jackd did not come up within {StartPatience.TotalSeconds:0} s");
    }

    public string Name { get; }

    // The first pool name whose lock no live process holds; the lock goes with the process however it ends.
    private static (string Name, FileStream Lock) TakeName()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            for (int i = 0; i < PoolSize; i++)
            {
                string name = $"mixconsole-test-{i}";
                try
                {
                    return (name, new FileStream(Path.Combine(Path.GetTempPath(), name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException)
                {
                    // Held by another test's server.
                }
            }

            if (deadline.Elapsed > StartPatience) throw new TimeoutException($"all {PoolSize} test JACK server names stayed in use for {StartPatience.TotalSeconds:0} s");
            Thread.Sleep(200);
        }
    }

    // A jackd under a name whose lock was free outlived the test run that started it (that run was killed): stop it,
    // so it leaves the registry and the name can start again.
    private static void StopOrphan(string name)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", $"^jackd -n {name} "]) { UseShellExecute = false, RedirectStandardOutput = true });
        if (pgrep is null) return;
        string[] pids = pgrep.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        pgrep.WaitForExit();
        foreach (string pid in pids)
        {
            try
            {
                using var orphan = Process.GetProcessById(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));
                Terminate(orphan);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    // SIGTERM lets jackd leave JACK's shared server registry; a killed server's slot stays taken
    // (the registry holds 8 and reclaims a stale slot only for the same name).
    private static void Terminate(Process jackd)
    {
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", jackd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            term?.WaitForExit(5_000);
        if (!jackd.WaitForExit(5_000)) jackd.Kill();
        jackd.WaitForExit(5_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Terminate(_process);
        _process.Dispose();
        _nameLock.Dispose();
    }
}
