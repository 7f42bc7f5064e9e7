using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using Xunit.Abstractions;

namespace MixConsole.SurfaceSim.Tests.EndToEnd;

/// <summary>
/// The issue's proof, with real processes: `mixconsole serve` on a free UDP port, the simulator playing a script
/// on the fader desk, another OSC client checking the host's parameters, the console's engine rendering a tone
/// with those parameters, and a change from that other client moving the surface's motor fader.
/// </summary>
public class SurfaceAgainstServeTests(ITestOutputHelper output)
{
    private const string Script = """
        # fader desk against mixconsole serve: the issue's end-to-end run
        fader 3 0dB                     # channel 3 to unity
        press mute 2
        expect mute 2 on within 500     # the LED lights from the surface's own press
        pan 1 L100                      # channel 1 hard left
        expect pan 1 L100
        bank 9-16
        expect display 1 CH 09-16 within 200
        fader 1 -10dB                   # strip 1 is channel 9 now
        expect fader 1 -10dB
        bank 1-8
        expect fader 3 0dB within 2000  # motors bring back channels 1-8
        expect fader 1 0dB within 2000
        print ready
        expect fader 4 0.5 within 15000 # another client moves channel 4
        print done
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public void SimulatedSurface_DrivesServe_ParametersAndAudio_AndItsMotorFollowsAnotherClient()
    {
        var watch = Stopwatch.StartNew();
        int port = FreeUdpPort();
        string script = Path.Combine(Path.GetTempPath(), $"surfacesim-e2e-{Guid.NewGuid():N}.sim");
        File.WriteAllText(script, Script);
        try
        {
            using var serve = new ChildProcess(BuiltPrograms.MixConsole,
                "serve", "--audio", "null", "--osc-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--duration", "120");
            Assert.True(serve.WaitForLine("listening on udp", Patience), "serve did not start:\n" + serve.Output);

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

            // Another client moves channel 4: the simulator's script waits for its motor fader to follow.
            string via = MoveChannel4FromAnotherClient(port, client);
            int? code = sim.WaitForExit(Patience);
            output.WriteLine(sim.Output);
            Assert.True(code == 0, $"SurfaceSim exited {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(still running)"}:\n{sim.Output}");
            Assert.Contains("done", sim.Output, StringComparison.Ordinal);
            Assert.Contains("ok: 15 actions, 7 expects held, 0 failed", sim.Output, StringComparison.Ordinal);
            Assert.Equal(0.5, client.Query("/ch/04/mix/fader"), 0.0015);

            // The rendered audio with those parameters: unity on 3, silence from 2, channel 1 only on the left.
            RenderedGains gains = Render(wire);
            double main = FaderDb(wire["/main/st/mix/fader"]);
            output.WriteLine($"other client: {via}; ch1 L {gains.Ch1LeftDb:0.000} dB R {gains.Ch1RightDb:0.0} dB, ch2 peak {gains.Ch2Peak:E1}, ch3 power {gains.Ch3PowerDb:0.000} dB, ch9 power {gains.Ch9PowerDb:0.000} dB; {watch.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(0.0, gains.Ch3PowerDb, 0.05);
            Assert.Equal(FaderDb(wire["/ch/03/mix/fader"]) + main, gains.Ch3PowerDb, 0.01);
            Assert.Equal(0f, gains.Ch2Peak);
            Assert.Equal(FaderDb(wire["/ch/01/mix/fader"]) + main, gains.Ch1LeftDb, 0.01);
            Assert.True(gains.Ch1RightDb < -120, $"channel 1 leaks {gains.Ch1RightDb:0.0} dB into the right");
            Assert.Equal(-10.0 + main, gains.Ch9PowerDb, 0.05);
        }
        finally
        {
            File.Delete(script);
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

    // oscsend (liblo, Debian liblo-tools, which ./test installs) is an independent OSC implementation; our own client otherwise.
    private static string MoveChannel4FromAnotherClient(int port, OscClient fallback)
    {
        string? oscsend = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "oscsend")).FirstOrDefault(File.Exists);
        if (oscsend is null)
        {
            fallback.Set("/ch/04/mix/fader", 0.5f);
            return "own UDP client";
        }

        using var p = Process.Start(new ProcessStartInfo(oscsend, ["127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "/ch/04/mix/fader", "f", "0.5"]) { UseShellExecute = false })!;
        Assert.True(p.WaitForExit(10_000) && p.ExitCode == 0, "oscsend failed");
        return "oscsend";
    }

    private sealed record RenderedGains(double Ch1LeftDb, double Ch1RightDb, float Ch2Peak, double Ch3PowerDb, double Ch9PowerDb);

    // Renders a -20 dBFS 1 kHz tone through each channel alone with the host's values and measures the main outputs.
    private static RenderedGains Render(IReadOnlyDictionary<string, double> wire)
    {
        (double L, double R, float Peak) Through(int channel)
        {
            var config = ConsoleConfig.FromProfile(ConsoleConfig.DefaultProfileName);
            var table = ParameterTable.Create(config);
            var store = new ParameterStore(table);
            foreach (var (path, value) in wire)
            {
                int index = table.IndexOf(path);
                bool set = table[index].Spec.WireTypeTag == 'f' ? store.TrySetNormalized(index, (float)value) : store.TrySetInt(index, (int)value);
                Assert.True(set, path);
            }

            const int Block = 256;
            const int Frames = 48000 / 2;
            var engine = new MixerEngine(store);
            int outputs = MixerOutputs.Total(config.Buses);
            engine.Prepare(48000, Block, config.Channels, outputs);
            var input = new AudioBuffer(config.Channels, Block);
            var output = new AudioBuffer(outputs, Block);
            double sumIn = 0, sumL = 0, sumR = 0;
            float peak = 0;
            for (int start = 0; start < Frames; start += Block)
            {
                Span<float> x = input.Channel(channel - 1, Block);
                for (int i = 0; i < Block; i++)
                {
                    x[i] = (float)(0.1 * Math.Sin(2 * Math.PI * 1000 * (start + i) / 48000.0));
                }

                engine.Process(input, output, Block);
                if (start < Frames / 2)
                {
                    continue; // gain ramps and smoothing settle in the first half
                }

                Span<float> l = output.Channel(engine.Outputs.MainLeft, Block);
                Span<float> r = output.Channel(engine.Outputs.MainRight, Block);
                for (int i = 0; i < Block; i++)
                {
                    sumIn += (double)x[i] * x[i];
                    sumL += (double)l[i] * l[i];
                    sumR += (double)r[i] * r[i];
                    peak = Math.Max(peak, Math.Max(Math.Abs(l[i]), Math.Abs(r[i])));
                }
            }

            return (sumL / sumIn, sumR / sumIn, peak);
        }

        var ch1 = Through(1);
        var ch2 = Through(2);
        var ch3 = Through(3);
        var ch9 = Through(9);
        return new RenderedGains(
            10 * Math.Log10(ch1.L),
            10 * Math.Log10(Math.Max(ch1.R, 1e-30)),
            ch2.Peak,
            10 * Math.Log10(ch3.L + ch3.R),
            10 * Math.Log10(ch9.L + ch9.R));
    }

    // The X32 fader law, written out here so the check does not lean on the code it checks.
    private static double FaderDb(double f) =>
        f <= 0 ? double.NegativeInfinity : f >= 0.5 ? (40 * f) - 30 : f >= 0.25 ? (80 * f) - 50 : f >= 0.0625 ? (160 * f) - 70 : (480 * f) - 90;

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
