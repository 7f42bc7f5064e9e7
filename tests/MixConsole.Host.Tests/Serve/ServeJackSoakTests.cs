using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MixConsole.Audio.Jack;
using MixConsole.Audio.Tests.Jack;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// The console as it runs at a show: <c>mixconsole serve</c> (its own process, so only its collections count) on a
/// jackd dummy server at 128 frames, a control surface sending 1,000 changes a second over OSC (faders, pans, EQ gains,
/// sends, mutes, the main EQ; one packet in ten a bundle) and four remote apps receiving echoes and meters. After the
/// warm-up no garbage collection may run (each one pauses the audio thread); the callback times and the xruns of the
/// console, of the server beside it and of the server alone are reported. SOAK_MINUTES sets the length (default 10).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed partial class ServeJackSoakTests(ITestOutputHelper output)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);

    [Fact]
    [Trait("Category", "Soak")]
    public void Serve_OnJackDummy128_1000ChangesPerSecond_FourMeterSubscribers_NoCollectionAfterWarmUp()
    {
        var length = TimeSpan.FromMinutes(double.Parse(Environment.GetEnvironmentVariable("SOAK_MINUTES") ?? "10", CultureInfo.InvariantCulture));
        double seconds = (WarmUp + length).TotalSeconds;
        using var server = new JackDummyServer(period: 128);
        long alone;
        var baseline = length < TimeSpan.FromMinutes(1) ? length : TimeSpan.FromMinutes(1);
        using (var quiet = new JackXrunMonitor(server.Name, "xrun-baseline"))
        {
            Thread.Sleep(baseline);
            alone = quiet.Xruns;
        }

        using var monitor = new JackXrunMonitor(server.Name);
        using var serve = new ServeProcess(
            "serve", "--audio", "jack", "--jack-server", server.Name, "--osc-port", "0", "--http-port", "0", "--bind", "127.0.0.1", "--status", "5",
            "--duration", seconds.ToString(CultureInfo.InvariantCulture), "--rt-priority", "0", "--no-mlock");
        int port = int.Parse(serve.WaitFor(ServeOutputLines.Listening(), StartPatience).Groups[1].Value, CultureInfo.InvariantCulture);
        var subscribers = new[] { 0, 1, 2, 0 }.Select(bank => new OscMeterSubscriber(port, bank)).ToArray();
        using var load = new OscControlLoad(port, changesPerSecond: 1_000, mainEq: true);
        load.Start();
        long xrunsAtStart = monitor.Xruns;
        int? exit = serve.WaitForExit(length + WarmUp + StartPatience);
        long serverXruns = monitor.Xruns - xrunsAtStart;
        long changes = load.Changes, bundles = load.Bundles;
        load.Dispose();
        foreach (var s in subscribers) s.Dispose();
        string all = serve.Output;
        output.WriteLine(all);
        Assert.True(exit == 0, $"serve exited with {exit?.ToString(CultureInfo.InvariantCulture) ?? "nothing (still running)"}");

        // Collections after the warm-up: the exit line's count less the count of the first status line past it.
        var warm = ServeOutputLines.Status().Matches(all).First(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= WarmUp.TotalSeconds * 48_000);
        var end = GcLine().Match(all);
        Assert.True(end.Success, "no gc line at exit");
        int[] after = [.. Enumerable.Range(1, 3).Select(g => int.Parse(end.Groups[g].Value, CultureInfo.InvariantCulture) - int.Parse(warm.Groups[2 + g].Value, CultureInfo.InvariantCulture))];
        var timing = TimingLine().Match(all);
        var audio = AudioLine().Match(all);
        var stopped = ServeOutputLines.Stopped().Match(all);
        Assert.True(timing.Success && audio.Success && stopped.Success, "exit lines missing");
        long sets = long.Parse(stopped.Groups[1].Value, CultureInfo.InvariantCulture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serve-soak: {length.TotalMinutes:0.##} min after a {WarmUp.TotalSeconds:0} s warm-up, 128 frames at 48 kHz; {changes} changes sent ({bundles} bundles), {sets} applied"));
        output.WriteLine($"serve-soak: collections after warm-up: gen0 {after[0]}, gen1 {after[1]}, gen2 {after[2]} (whole run: {end.Value})");
        output.WriteLine($"serve-soak: {timing.Value}");
        long consoleXruns = long.Parse(audio.Groups[1].Value, CultureInfo.InvariantCulture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serve-soak: xruns: console counted {consoleXruns} ({consoleXruns / (seconds / 60):0}/min); the server reported {serverXruns} beside it ({serverXruns / (seconds / 60):0}/min), {alone} alone over {baseline.TotalSeconds:0} s ({alone / baseline.TotalMinutes:0}/min)"));
        output.WriteLine($"serve-soak: subscribers: {string.Join(", ", subscribers.Select(s => $"{s.MeterBlobs} meter blobs + {s.Echoes} echoes"))}");

        Assert.Equal([0, 0, 0], after);
        Assert.True(sets >= 900 * seconds * 0.8, $"serve applied {sets} changes in {seconds:0} s");
        foreach (var s in subscribers)
        {
            // 20 blobs a second are sent; a quarter of that proves the stream ran through the whole soak.
            Assert.True(s.MeterBlobs >= 5 * length.TotalSeconds, $"a subscriber received {s.MeterBlobs} meter blobs");
            Assert.True(s.Echoes > 0, "a subscriber received no echo");
        }
    }

    [GeneratedRegex(@"gc      (\d+) gen0, (\d+) gen1, (\d+) gen2 collections")]
    private static partial Regex GcLine();

    [GeneratedRegex(@"timing  .*")]
    private static partial Regex TimingLine();

    [GeneratedRegex(@"audio   \d+ frames, (\d+) xruns")]
    private static partial Regex AudioLine();


    /// <summary><c>dotnet mixconsole.dll ARGS</c> from this test's output folder: its output as it comes, killed on dispose.</summary>
    private sealed class ServeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        public ServeProcess(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mixconsole.dll"));
            foreach (string a in args) info.ArgumentList.Add(a);
            _process = new Process { StartInfo = info };
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output => string.Join('\n', _lines);

        public Match WaitFor(Regex line, TimeSpan patience)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                foreach (string l in _lines)
                {
                    var m = line.Match(l);
                    if (m.Success) return m;
                }

                Assert.False(_process.HasExited, "serve exited:\n" + Output);
                Assert.True(watch.Elapsed < patience, "serve did not start:\n" + Output);
                Thread.Sleep(50);
            }
        }

        public int? WaitForExit(TimeSpan patience)
        {
            if (!_process.WaitForExit(patience)) return null;
            _process.WaitForExit(); // the output streams drain
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }

            _process.Dispose();
        }
    }
}
