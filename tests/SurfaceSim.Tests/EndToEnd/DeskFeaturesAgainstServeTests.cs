using System.Globalization;
using Xunit.Abstractions;

namespace MixConsole.SurfaceSim.Tests.EndToEnd;

/// <summary>
/// The desk's live features against `mixconsole serve`, as real processes: sends on fader moves a bus's sends and
/// not the channel faders, its motors follow another client's send change and flipping back restores the channel
/// faders; the selected channel's EQ gain follows an encoder and its LED ring follows another client; a 6-channel
/// console (`serve --profile pi4-cs42448`) shows 6 strips.
/// </summary>
[Collection(TimingCollection.Name)]
public class DeskFeaturesAgainstServeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public void SendsOnFader_MovesBusSends_AndTheSelectedChannelsEqFollowsAnEncoder_AndItsRingAnotherClient()
    {
        int port = SurfaceAgainstServeTests.FreeUdpPort();
        string dir = Directory.CreateTempSubdirectory("surfacesim-desk-").FullName;
        try
        {
            using var serve = Serve(port);
            using var client = new OscClient(port);
            double channel2 = client.Query("/ch/02/mix/fader");
            double channel2Send = client.Query("/ch/02/mix/03/level");
            string script = $"""
                layer bus
                press select 3                  # bus 3 selected (the host's /-stat/selidx 50)
                expect select 3 on within 10000
                press sends                     # the channel faders show bus 3's sends
                expect sends on within 10000
                expect display 1 B03 CH 01-08 within 10000
                fader 2 -10dB                   # channel 2's send to bus 3, not its fader
                wait 500
                print sends-set
                expect fader 4 0.6 within 60000 # another client moves channel 4's send to bus 3: the motor follows
                press sends                     # back to the channel faders
                expect sends off within 10000
                expect fader 2 {channel2.ToString("0.000", CultureInfo.InvariantCulture)} within 20000
                layer ch
                press select 3                  # channel 3 on the encoders
                press page                      # EQ page
                expect display 1 CH03 EQ within 10000
                expect display 2 1G +0.0 within 10000
                encoder 1 8                     # eight detents of 0.25 dB
                expect display 2 1G +2.0 within 10000
                expect ring 1 {(68 / 120.0).ToString("0.0000", CultureInfo.InvariantCulture)} within 10000
                wait 500                        # past the surface's hold on late echoes of its own turn
                print eq-set
                expect ring 1 0.75 within 60000 # another client sets +7.5 dB: the ring follows
                expect display 2 1G +7.5 within 10000
                print done
                """;
            using var sim = Simulate(dir, port, script);

            Assert.True(sim.WaitForLine("sends-set", Patience), "the script did not reach 'sends-set':\n" + sim.Output);
            Assert.Equal(0.5, client.Query("/ch/02/mix/03/level"), 0.0015);
            Assert.NotEqual(0.5, channel2Send, 0.01);
            Assert.Equal(channel2, client.Query("/ch/02/mix/fader"));
            client.Set("/ch/04/mix/03/level", 0.6f);

            Assert.True(sim.WaitForLine("eq-set", Patience), "the script did not reach 'eq-set':\n" + sim.Output);
            Assert.Equal(68 / 120.0, client.Query("/ch/03/eq/1/g"), 0.0001);
            Assert.Equal(channel2, client.Query("/ch/02/mix/fader"));
            client.Set("/ch/03/eq/1/g", 0.75f);

            int? code = sim.WaitForExit(Patience);
            output.WriteLine(sim.Output);
            Assert.True(code == 0, $"SurfaceSim exited {code?.ToString(CultureInfo.InvariantCulture) ?? "(still running)"}:\n{sim.Output}");
            Assert.Contains("done", sim.Output, StringComparison.Ordinal);
            Assert.Contains("0 failed", sim.Output, StringComparison.Ordinal);
            Assert.Equal(0.6, client.Query("/ch/04/mix/03/level"), 0.0015);
            Assert.Equal(0.75, client.Query("/ch/03/eq/1/g"), 0.0001);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ScenesPage_SavesWhenHeld_RecallsAndUndoes_OnTheConsolesStore()
    {
        int port = SurfaceAgainstServeTests.FreeUdpPort();
        string dir = Directory.CreateTempSubdirectory("surfacesim-scenes-").FullName;
        try
        {
            using var serve = Serve(port, "--state", Path.Combine(dir, "state"));
            using var client = new OscClient(port);
            client.Set("/ch/01/mix/fader", 0.25f);
            Assert.Equal(0.25, client.Query("/ch/01/mix/fader"), 0.0015);
            const string Script = """
                press page
                press page
                press page
                press page
                press page                      # past the channel pages to the scenes page
                expect display 1 SCENES within 10000
                encoder 1 +3
                expect display 3 SEL 003 within 10000
                press select 2 1000             # held: save the console into slot 3
                expect display 3 SEL 003 SCENE 03 within 20000
                print saved
                expect fader 1 0.75 within 60000 # another client moves channel 1
                press select 1                  # recall slot 3
                expect display 2 NOW 003 within 20000
                expect fader 1 0.25 within 20000
                print recalled
                expect fader 2 0.5 within 60000 # the test has read the recalled fader and moved channel 2
                press select 3                  # undo the recall
                expect fader 1 0.75 within 20000
                print done
                """;
            using var sim = Simulate(dir, port, Script);

            Assert.True(sim.WaitForLine("saved", Patience), "the script did not reach 'saved':\n" + sim.Output);
            Assert.Equal("SCENE 03", client.QueryText("/-show/showfile/scene/003/name"));
            client.Set("/ch/01/mix/fader", 0.75f);

            Assert.True(sim.WaitForLine("recalled", Patience), "the script did not reach 'recalled':\n" + sim.Output);
            Assert.Equal(0.25, client.Query("/ch/01/mix/fader"), 0.0015);
            client.Set("/ch/02/mix/fader", 0.5f);

            int? code = sim.WaitForExit(Patience);
            output.WriteLine(sim.Output);
            Assert.True(code == 0, $"SurfaceSim exited {code?.ToString(CultureInfo.InvariantCulture) ?? "(still running)"}:\n{sim.Output}");
            Assert.Contains("0 failed", sim.Output, StringComparison.Ordinal);
            Assert.Equal(0.75, client.Query("/ch/01/mix/fader"), 0.0015);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SixChannelConsole_ShowsSixStrips()
    {
        int port = SurfaceAgainstServeTests.FreeUdpPort();
        string dir = Directory.CreateTempSubdirectory("surfacesim-size-").FullName;
        try
        {
            using var serve = Serve(port, "--profile", "pi4-cs42448");
            const string Script = """
                expect strips 6 within 10000
                expect display 4 05 within 10000
                layer bus
                expect strips 4 within 10000
                layer dca
                expect strips 8 within 10000
                print done
                """;
            using var sim = Simulate(dir, port, Script);
            int? code = sim.WaitForExit(Patience);
            output.WriteLine(sim.Output);
            Assert.True(code == 0, $"SurfaceSim exited {code?.ToString(CultureInfo.InvariantCulture) ?? "(still running)"}:\n{sim.Output}");
            Assert.Contains("4 expects held, 0 failed", sim.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static ChildProcess Serve(int port, params string[] extra) => ServeChild.Start(port, Patience, extra);

    private static ChildProcess Simulate(string dir, int port, string script)
    {
        string file = Path.Combine(dir, "desk.sim");
        File.WriteAllText(file, script);
        return new ChildProcess(BuiltPrograms.SurfaceSim, "--connect", $"127.0.0.1:{port}", "--profile", "fader-desk", "--script", file);
    }
}
