using System.Diagnostics;
using MixConsole.Audio.Jack;

namespace MixConsole.Audio.Tests.Jack;

/// <summary>
/// A real jackd on the dummy driver under a unique server name (so parallel runs never meet),
/// paced in real time without root. Terminated (SIGTERM) on dispose.
/// </summary>
internal sealed class JackDummyServer : IDisposable
{
    // Waited for, not timed: a loaded machine only makes jackd come up later; an exit ends the wait at once.
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    /// <summary>True while jackd has not exited.</summary>
    public bool IsRunning => !_process.HasExited;

    public JackDummyServer(int channels = 32, int period = 128, int rateHz = 48_000)
    {
        Name = "mixconsole-test-" + Guid.NewGuid().ToString("N")[..10];
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
        _process = Process.Start(start) ?? throw new InvalidOperationException("jackd did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartPatience)
        {
            if (_process.HasExited) throw new InvalidOperationException($"jackd exited with {_process.ExitCode}");
            if (JackPorts.List(Name, out _) is { Count: > 0 }) return;
            Thread.Sleep(100);
        }
        Dispose();
        throw new TimeoutException($"jackd did not come up within {StartPatience.TotalSeconds:0} s");
    }

    public string Name { get; }

    // SIGTERM lets jackd leave JACK's shared server registry; a killed server's slot stays taken
    // (the registry holds 8 and reclaims a stale slot only for the same name).
    private void Terminate()
    {
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            term?.WaitForExit(5_000);
        if (!_process.WaitForExit(5_000)) _process.Kill();
    }

    public void Dispose()
    {
        if (_process.HasExited) return;
        Terminate();
        _process.Dispose();
    }
}
