using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MixConsole.ControlSurface.Config;
using Xunit.Abstractions;

namespace MixConsole.SurfaceSim.Tests.EndToEnd;

/// <summary>
/// `serve --pair-key` against the simulated surface, as real processes: with the console's key the surface pairs
/// and its fader sets the host's parameter; without it the surface still connects but the host refuses its
/// changes; with a wrong key the host refuses the pairing and the simulator says so.
/// </summary>
[Collection(TimingCollection.Name)]
public class PairingAgainstServeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public void PairedServe_TakesTheSurfacesFader_WithTheKey_AndRefusesIt_WithoutOrWithAWrongKey()
    {
        int port = SurfaceAgainstServeTests.FreeUdpPort();
        string dir = Directory.CreateTempSubdirectory("surfacesim-pair-").FullName;
        string key = Path.Combine(dir, "console.key");
        string wrongKey = Path.Combine(dir, "other.key");
        File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(32));
        File.WriteAllBytes(wrongKey, RandomNumberGenerator.GetBytes(32));
        try
        {
            using var serve = ServeChild.Start(port, Patience, "--pair-key", key);
            using var client = new OscClient(port);
            double channel4Before = client.Query("/ch/04/mix/fader");

            string paired = RunSurface(dir, port, "fader 3 -10dB", "--pair-key", key);
            Assert.Contains("ok: 2 actions", paired, StringComparison.Ordinal);
            Assert.Equal(0.5, client.Query("/ch/03/mix/fader"), 0.0015);

            string unpaired = RunSurface(dir, port, "fader 4 -10dB");
            Assert.Contains("ok: 2 actions", unpaired, StringComparison.Ordinal);
            Assert.Equal(channel4Before, client.Query("/ch/04/mix/fader"));
            Assert.NotEqual(0.5, channel4Before, 0.01);

            using var wrong = new ChildProcess(BuiltPrograms.SurfaceSim, "--connect", $"127.0.0.1:{port}", "--profile", "fader-desk",
                "--script", Script(dir, "fader 5 -10dB"), "--pair-key", wrongKey, "--connect-timeout", "3000");
            int? code = wrong.WaitForExit(Patience);
            output.WriteLine(wrong.Output);
            Assert.NotEqual(0, code);
            Assert.Contains("refused the pairing key", wrong.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SerialBaudRates_OfSurfaceAndServe_AgreeByDefault()
    {
        using var help = new ChildProcess(BuiltPrograms.MixConsole, "serve", "--help");
        Assert.Equal(0, help.WaitForExit(Patience));

        Match serveDefault = Regex.Match(help.Output, @"serial speed \(default (\d+)\)");

        Assert.True(serveDefault.Success, "serve --help names no default serial speed:\n" + help.Output);
        Assert.Equal(int.Parse(serveDefault.Groups[1].Value, CultureInfo.InvariantCulture), new NetworkConfig().BaudRate);
    }

    private string RunSurface(string dir, int port, string action, params string[] extra)
    {
        using var sim = new ChildProcess(BuiltPrograms.SurfaceSim,
            ["--connect", $"127.0.0.1:{port}", "--profile", "fader-desk", "--script", Script(dir, action), .. extra]);
        int? code = sim.WaitForExit(Patience);
        output.WriteLine(sim.Output);
        Assert.True(code == 0, $"SurfaceSim exited {code?.ToString(CultureInfo.InvariantCulture) ?? "(still running)"}:\n{sim.Output}");
        return sim.Output;
    }

    private static string Script(string dir, string action)
    {
        string path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".sim");
        File.WriteAllText(path, action + "\nprint done\n");
        return path;
    }
}
