using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.SurfaceSim.Tests.EndToEnd;

/// <summary>
/// The issue's proof, with real processes: `mixconsole serve` on a free UDP port, the simulator playing a script
/// on the fader desk, another OSC client checking the host's parameters, `mixconsole mix` rendering tones with
/// those parameters, and a change from that other client moving the surface's motor fader and select LED.
/// Two real-time processes talk here, so the script's "within" limits are generous (each expect passes as soon as it
/// holds; the limit only decides how long a broken run takes to fail), and the test runs alone in its collection.
/// </summary>
[Collection(TimingCollection.Name)]
public class SurfaceAgainstServeTests(ITestOutputHelper output)
{
    // The surface's clock catches up after a stall by running scans back to back, so on a loaded machine a
    // window of N virtual ms can pass in much less wall time while serve, another process, has not answered yet.
    private const string Script = """
        # fader desk against mixconsole serve: the issue's end-to-end run
        fader 3 0dB                     # channel 3 to unity
        press mute 2
        expect mute 2 on within 10000   # the LED lights from the surface's own press
        press select 2                  # the host's /-stat/selidx becomes 1 (channel 2)
        expect select 2 on within 10000
        pan 1 L100                      # channel 1 hard left
        expect pan 1 L100
        bank 9-16
        expect display 1 CH 09-16 within 10000
        fader 1 -10dB                   # strip 1 is channel 9 now
        expect fader 1 -10dB
        bank 1-8
        expect fader 3 0dB within 20000 # motors bring back channels 1-8
        expect fader 1 0dB within 20000
        print ready
        expect fader 4 0.5 within 60000 # another client moves channel 4
        expect select 4 on within 20000 # and selects it: the select LED follows
        expect select 2 off
        print done
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public void SimulatedSurface_DrivesServe_ParametersAndAudio_AndItsMotorFollowsAnotherClient()
    {
        string oscsend = FindOscsend();
        var watch = Stopwatch.StartNew();
        int port = FreeUdpPort();
        string dir = Directory.CreateTempSubdirectory("surfacesim-e2e-").FullName;
        string script = Path.Combine(dir, "proof.sim");
        File.WriteAllText(script, Script);
        try
        {
            using var serve = ServeChild.Start(port, Patience);

            using var sim = new ChildProcess(BuiltPrograms.SurfaceSim,
                "--connect", $"127.0.0.1:{port}", "--profile", "fader-desk", "--script", script);
            Assert.True(sim.WaitForLine("ready", Patience), "the script did not reach 'ready':\n" + sim.Output);

            using var client = new OscClient(port);
            var wire = new Dictionary<string, double>();
            foreach (string path in ParametersOfTheRender())
            {
                wire[path] = client.Query(path);
            }

            // The parameters the surface set, as the host holds them.
            Assert.Equal(767.0 / 1023.0, wire["/ch/03/mix/fader"], 4);
            Assert.Equal(0, wire["/ch/02/mix/on"]);
            Assert.Equal(0, wire["/ch/01/mix/pan"]);
            Assert.Equal(0.5, wire["/ch/09/mix/fader"], 0.0015);
            Assert.Equal(1, wire["/ch/03/mix/on"]);
            Assert.Equal(1, client.Query("/-stat/selidx"));

            // Another client moves and selects channel 4: the simulator's script waits for its motor fader and select LED.
            MoveAndSelectChannel4WithOscsend(oscsend, port);
            int? code = sim.WaitForExit(Patience);
            output.WriteLine(sim.Output);
            Assert.True(code == 0, $"SurfaceSim exited {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(still running)"}:\n{sim.Output}");
            Assert.Contains("done", sim.Output, StringComparison.Ordinal);
            Assert.Contains("ok: 19 actions, 10 expects held, 0 failed", sim.Output, StringComparison.Ordinal);
            Assert.Equal(0.5, client.Query("/ch/04/mix/fader"), 0.0015);
            Assert.Equal(3, client.Query("/-stat/selidx"));

            // The audio the console renders with those parameters: unity on 3, silence from 2, channel 1 only on the left.
            RenderedGains gains = RenderWithMixconsoleMix(wire, dir, output);
            double main = FaderDb(wire["/main/st/mix/fader"]);
            output.WriteLine($"other client: oscsend; ch1 L {gains.Ch1LeftDb:0.000} dB R {gains.Ch1RightDb:0.0} dB, ch2 {gains.Ch2Db:0.0} dB, ch3 power {gains.Ch3PowerDb:0.000} dB, ch9 power {gains.Ch9PowerDb:0.000} dB; {watch.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(0.0, gains.Ch3PowerDb, 0.05);
            Assert.Equal(FaderDb(wire["/ch/03/mix/fader"]) + main, gains.Ch3PowerDb, 0.01);
            Assert.True(gains.Ch2Db < -120, $"muted channel 2 is heard at {gains.Ch2Db:0.0} dB");
            Assert.Equal(FaderDb(wire["/ch/01/mix/fader"]) + main, gains.Ch1LeftDb, 0.01);
            Assert.True(gains.Ch1RightDb < -120, $"channel 1 leaks {gains.Ch1RightDb:0.0} dB into the right");
            Assert.Equal(-10.0 + main, gains.Ch9PowerDb, 0.05);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<string> ParametersOfTheRender()
    {
        for (int c = 1; c <= 9; c++)
        {
            yield return $"/ch/{c:00}/mix/fader";
            yield return $"/ch/{c:00}/mix/on";
            yield return $"/ch/{c:00}/mix/pan";
        }

        yield return "/main/st/mix/fader";
        yield return "/main/st/mix/on";
    }

    // oscsend (liblo, Debian liblo-tools, which ./test installs) is the other client: an independent OSC implementation.
    // Without it the test fails rather than quietly standing our own client in for it.
    private static string FindOscsend()
    {
        string? oscsend = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "oscsend")).FirstOrDefault(File.Exists);
        Assert.True(oscsend is not null,
            "oscsend (liblo, Debian package liblo-tools) is not on PATH: this test needs it as the independent other client; install it with apt-get install liblo-tools (./test does)");
        return oscsend;
    }

    // Moves channel 4's fader to 0.5, then selects channel 4 (X32 select index 3).
    private static void MoveAndSelectChannel4WithOscsend(string oscsend, int port)
    {
        string portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string[] message in new[] { new[] { "/ch/04/mix/fader", "f", "0.5" }, new[] { "/-stat/selidx", "i", "3" } })
        {
            using var p = Process.Start(new ProcessStartInfo(oscsend, ["127.0.0.1", portText, .. message]) { UseShellExecute = false })!;
            Assert.True(p.WaitForExit(Patience) && p.ExitCode == 0, "oscsend failed");
        }
    }

    private sealed record RenderedGains(double Ch1LeftDb, double Ch1RightDb, double Ch2Db, double Ch3PowerDb, double Ch9PowerDb);

    // Tones per channel, each an exact number of cycles in the analysed half second, so a one-bin DFT separates them.
    private static readonly (int Channel, double FrequencyHz)[] Tones = [(1, 500), (2, 1000), (3, 2000), (9, 4000)];

    private const double ToneAmplitude = 0.1;

    /// <summary>
    /// Renders the host's values with `mixconsole mix` (the console engine, offline, as a process): a -20 dBFS tone
    /// per channel, each at its own frequency, then measures each tone's gain to the main left and right outputs.
    /// </summary>
    private static RenderedGains RenderWithMixconsoleMix(IReadOnlyDictionary<string, double> wire, string dir, ITestOutputHelper log)
    {
        const int Rate = 48000;
        var inputs = new List<string>();
        foreach (var (channel, hz) in Tones)
        {
            string file = $"tone-ch{channel:00}.wav";
            using (var writer = WavWriter.Create(Path.Combine(dir, file), new WavFormat(Rate, 1, WavSampleFormat.Float32)))
            {
                var buffer = new AudioBuffer(1, Rate);
                Span<float> x = buffer.Channel(0, Rate);
                for (int i = 0; i < Rate; i++)
                {
                    x[i] = (float)(ToneAmplitude * Math.Sin(2 * Math.PI * hz * i / Rate));
                }

                writer.Write(buffer, Rate);
            }

            inputs.Add($$"""{"file": "{{file}}", "channel": {{channel}}}""");
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var table = ParameterTable.Create(ConsoleConfig.FromProfile(ConsoleConfig.DefaultProfileName));
        var parameters = wire.Select(p => table[table.IndexOf(p.Key)].Spec.WireTypeTag == 'f'
            ? $"\"{p.Key}\": {p.Value.ToString("R", inv)}"
            : $"\"{p.Key}\": {((int)p.Value).ToString(inv)}");
        string session = Path.Combine(dir, "session.json");
        File.WriteAllText(session, "{\"rate\": " + Rate + ", \"inputs\": [" + string.Join(", ", inputs) + "], \"parameters\": {" + string.Join(", ", parameters) + "}}");

        string mixPath = Path.Combine(dir, "mix.wav");
        using (var mix = new ChildProcess(BuiltPrograms.MixConsole, "mix", session, "-o", mixPath))
        {
            int? code = mix.WaitForExit(Patience);
            log.WriteLine(mix.Output);
            Assert.True(code == 0, $"mixconsole mix exited {code}:\n{mix.Output}");
        }

        float[] left, right;
        using (var reader = WavReader.Open(mixPath))
        {
            int frames = (int)reader.FrameCount;
            Assert.Equal(2, reader.Format.Channels);
            var buffer = new AudioBuffer(2, frames);
            Assert.Equal(frames, reader.Read(buffer, frames));
            left = buffer.Channel(0, frames).ToArray();
            right = buffer.Channel(1, frames).ToArray();
        }

        double Db(float[] y, double hz) => 20 * Math.Log10(Math.Max(Amplitude(y, hz, Rate / 2, Rate / 2, Rate) / ToneAmplitude, 1e-15));
        double PowerDb(double hz) => 10 * Math.Log10(Math.Pow(10, Db(left, hz) / 10) + Math.Pow(10, Db(right, hz) / 10));
        return new RenderedGains(Db(left, 500), Db(right, 500), Math.Max(Db(left, 1000), Db(right, 1000)), PowerDb(2000), PowerDb(4000));
    }

    // Amplitude of the component at frequencyHz over frames [start, start + count) (a one-bin DFT).
    private static double Amplitude(float[] y, double frequencyHz, int start, int count, int rate)
    {
        double re = 0, im = 0;
        for (int i = start; i < start + count && i < y.Length; i++)
        {
            double phase = 2 * Math.PI * frequencyHz * i / rate;
            re += y[i] * Math.Cos(phase);
            im += y[i] * Math.Sin(phase);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / count;
    }

    // The X32 fader law, written out here so the check does not lean on the code it checks.
    private static double FaderDb(double f) =>
        f <= 0 ? double.NegativeInfinity : f >= 0.5 ? (40 * f) - 30 : f >= 0.25 ? (80 * f) - 50 : f >= 0.0625 ? (160 * f) - 70 : (480 * f) - 90;

    internal static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
