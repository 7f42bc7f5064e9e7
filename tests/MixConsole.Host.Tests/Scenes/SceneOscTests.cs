using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Scenes;

/// <summary>Scene slots over OSC on a running serve (X32 forms), then the same store through mixconsole scenes once it stopped.</summary>
public sealed class SceneOscTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(30);

    [Fact]
    public void RecallWithAFade_OverOsc_TravelsTheFaderThroughItsWay_ToTheScene_InTheTimeSet()
    {
        using var dir = new TestSignals();
        using var serve = ServeProcess.Start(dir.Path("state"));
        using var control = new OscTestClient(serve.Port);
        using var watcher = new OscTestClient(serve.Port);
        // 3 s: long enough that a loaded machine's sparse echoes still catch the fader on its way.
        control.Send("/-show/fade", 3f);
        Assert.Equal([3f], control.WaitFor("/-show/fade", Answer));
        control.Send("/-show/fade", 99f);
        Assert.Equal([3f], control.WaitFor("/-show/fade", Answer)); // refused: the one in force answers

        control.Send("/ch/01/mix/fader", 0.75f);
        control.Send("/save", "scene", 3, "Loud", "");
        Assert.Equal(["scene", 1], control.WaitFor("/save", Answer));
        control.Send("/ch/01/mix/fader", 0.25f);
        control.Send("/ch/01/mix/fader");
        Assert.Equal(0.25f, Assert.IsType<float>(Assert.Single(control.WaitFor("/ch/01/mix/fader", Answer)!)), 2);

        watcher.Send("/xremote");
        var watch = Stopwatch.StartNew();
        control.Send("/-action/goscene", 3);
        Assert.Equal([3], control.WaitFor("/-show/prepos/current", Answer));
        var seen = new List<float>();
        var renewed = Stopwatch.StartNew();
        while (seen.Count == 0 || seen[^1] < 0.749f)
        {
            // The X32's subscription lapses after 10 s; a slow recall plus the fade may outlast it.
            if (renewed.Elapsed > TimeSpan.FromSeconds(2))
            {
                watcher.Send("/xremote");
                renewed.Restart();
            }

            object[]? echo = watcher.WaitFor("/ch/01/mix/fader", Answer);
            Assert.True(echo is not null, $"the fade stopped at {(seen.Count == 0 ? 0.25f : seen[^1])}");
            seen.Add(Assert.IsType<float>(Assert.Single(echo!)));
        }

        TimeSpan took = watch.Elapsed;
        output.WriteLine($"3 s fade: {seen.Count} echoes, landed after {took.TotalSeconds:0.00} s: {string.Join(' ', seen.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)))}");
        Assert.Equal(0.75f, seen[^1], 2);
        // Echoes sample the fade at the server's control ticks, which a loaded machine spaces out: two values on the way
        // already show travel (a jump shows none); the audio's own steps are bounded by the engine's glide tests.
        Assert.True(seen.Count(v => v is > 0.3f and < 0.7f) >= 2, "the fader jumped instead of travelling");
        for (int k = 1; k < seen.Count; k++) Assert.True(seen[k] >= seen[k - 1], $"the fader went back at echo {k}");
        Assert.True(took >= TimeSpan.FromSeconds(2.9), $"a 3 s fade landed after {took.TotalSeconds:0.00} s");
        Assert.Equal(0, serve.Stop());
    }

    [Fact]
    public void Showdump_AnswersTheShowLine_ThenEachStoredScene_AsTheX32Does()
    {
        using var dir = new TestSignals();
        using var serve = ServeProcess.Start(dir.Path("state"));
        using var control = new OscTestClient(serve.Port);
        control.Send("/save", "scene", 7, "Chorus", "big");
        Assert.Equal(["scene", 1], control.WaitFor("/save", Answer));

        string version = ServeVersion(control);
        control.Send("/showdump");
        Assert.Equal(["/-show/showfile/show \"\" 0 0 0 0 0 0 0 0 0 0 \"V" + version + "\"\n"], control.WaitFor("/node", Answer));
        Assert.Equal(["/-show/showfile/scene/007 \"Chorus\" \"big\" %000000000 1\n"], control.WaitFor("/node", Answer));
        Assert.Equal(0, serve.Stop());
    }

    // The fourth string of /info: the firmware the show line names.
    private static string ServeVersion(OscTestClient control)
    {
        control.Send("/info");
        return Assert.IsType<string>(control.WaitFor("/info", Answer)![3]);
    }

    [Fact]
    public void SaveRecallRenameDelete_OverOsc_AreAnsweredEchoedAndKept_AndTheCliSeesThemOnceStopped()
    {
        using var dir = new TestSignals();
        string state = dir.Path("state");
        using (var serve = ServeProcess.Start(state))
        using (var control = new OscTestClient(serve.Port))
        using (var watcher = new OscTestClient(serve.Port))
        {
            watcher.Send("/xremote");
            control.Send("/ch/01/mix/fader", 0.25f);
            var watch = Stopwatch.StartNew();
            control.Send("/save", "scene", 5, "Verse", "soft");
            Assert.Equal(["scene", 1], control.WaitFor("/save", Answer));
            TimeSpan save = watch.Elapsed;
            Assert.Equal(["Verse"], watcher.WaitFor("/-show/showfile/scene/005/name", Answer));

            control.Send("/-show/showfile/scene/005/notes");
            Assert.Equal(["soft"], control.WaitFor("/-show/showfile/scene/005/notes", Answer));

            control.Send("/ch/01/mix/fader", 0.6f);
            watch.Restart();
            control.Send("/-action/goscene", 5);
            Assert.Equal([5], control.WaitFor("/-show/prepos/current", Answer));
            TimeSpan recall = watch.Elapsed;
            Assert.Equal([5], watcher.WaitFor("/-show/prepos/current", Answer));
            control.Send("/ch/01/mix/fader");
            float fader = Assert.IsType<float>(Assert.Single(control.WaitFor("/ch/01/mix/fader", Answer)!));
            Assert.Equal(0.25f, fader, 2);
            control.Send("/-action/undoscene");
            Assert.Equal([5], control.WaitFor("/-show/prepos/current", Answer));
            control.Send("/ch/01/mix/fader");
            Assert.Equal(0.6f, Assert.IsType<float>(Assert.Single(control.WaitFor("/ch/01/mix/fader", Answer)!)), 2);

            control.Send("/rename", "scene", 5, "Chorus");
            Assert.Equal(["scene", 1], control.WaitFor("/rename", Answer));
            control.Send("/-show/showfile/scene/005/name");
            Assert.Equal(["Chorus"], control.WaitFor("/-show/showfile/scene/005/name", Answer));

            control.Send("/save", "scene", 7, "Outro", "");
            Assert.Equal(["scene", 1], control.WaitFor("/save", Answer));
            control.Send("/delete", "scene", 5);
            Assert.Equal(["scene", 1], control.WaitFor("/delete", Answer));
            control.Send("/delete", "scene", 5);
            Assert.Equal(["scene", 0], control.WaitFor("/delete", Answer));
            control.Send("/-show/showfile/scene/005/name");
            Assert.Equal([""], control.WaitFor("/-show/showfile/scene/005/name", Answer));
            control.Send("/save", "scene", 100, "no such slot", "");
            Assert.Equal(["scene", 0], control.WaitFor("/save", Answer));

            var refused = CliRun.Run("scenes", "list", "--state", state);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("in use by a running console", refused.Err);

            Assert.Equal(0, serve.Stop());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"over loopback OSC, send to answer: save {save.TotalMilliseconds:0.0} ms (synced commit), recall {recall.TotalMilliseconds:0.0} ms; serve started in {serve.StartTime.TotalSeconds:0.0} s"));
        }

        var list = CliRun.Run("scenes", "list", "--state", state);
        Assert.True(list.ExitCode == 0, list.Err);
        Assert.Contains("  7  Outro", list.Out);
        Assert.DoesNotContain("Chorus", list.Out);

        string file = dir.Path("outro.json");
        Assert.Equal(0, CliRun.Run("scenes", "export", "7", "--out", file, "--state", state).ExitCode);
        var imported = CliRun.Run("scenes", "import", "8", file, "--name", "Encore", "--state", state);
        Assert.True(imported.ExitCode == 0, imported.Err);
        var shown = CliRun.Run("scenes", "show", "8", "--state", state);
        Assert.Contains("scene 8: Encore", shown.Out);
        Assert.Contains("/ch/01/mix/fader", shown.Out);
        Assert.Equal(0, CliRun.Run("scenes", "delete", "8", "--state", state).ExitCode);
        Assert.Equal(1, CliRun.Run("scenes", "show", "8", "--state", state).ExitCode);
    }

    [Fact]
    public void ScenesHelp_Teaches_AndBadUseIsOneClearLine()
    {
        var help = CliRun.Run("scenes", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("STOPPED console", help.Out);
        Assert.Contains("mixconsole scenes export 3", help.Out);
        var noState = CliRun.Run("scenes", "list");
        Assert.NotEqual(0, noState.ExitCode);
        Assert.Contains("--state DIR is required", noState.Err);
        var badSlot = CliRun.Run("scenes", "show", "100", "--state", "/nonexistent");
        Assert.Contains("0-99", badSlot.Err);
    }

    [Fact]
    public void ExportShow_ThenImportShowOnAnotherBox_GivesTheSameShow_AndABadFileChangesNothing()
    {
        using var dir = new TestSignals();
        string first = dir.Path("first"), second = dir.Path("second"), scene = dir.Path("scene.json"), show = dir.Path("tour.show.json");
        File.WriteAllText(scene, """{"name": "Opener", "parameters": {"/ch/01/mix/fader": 0.5, "/ch/01/config/name": "Kick"}}""");
        Assert.Equal(0, CliRun.Run("scenes", "import", "4", scene, "--state", first).ExitCode);
        Assert.Equal(0, CliRun.Run("scenes", "import", "12", scene, "--name", "Closer", "--state", first).ExitCode);
        var exported = CliRun.Run("scenes", "export-show", "--out", show, "--state", first);
        Assert.True(exported.ExitCode == 0, exported.Err);

        var imported = CliRun.Run("scenes", "import-show", show, "--state", second);
        Assert.True(imported.ExitCode == 0, imported.Err);
        Assert.Contains("2 scene(s)", imported.Out);
        Assert.Equal(CliRun.Run("scenes", "list", "--state", first).Out, CliRun.Run("scenes", "list", "--state", second).Out);
        Assert.Equal(File.ReadAllText(show).TrimEnd(), CliRun.Run("scenes", "export-show", "--state", second).Out.TrimEnd());

        File.WriteAllText(scene, "{\"format\": \"mixconsole-show\", \"version\": 1}");
        var bad = CliRun.Run("scenes", "import-show", scene, "--state", second);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("the store is unchanged", bad.Err);
        Assert.Contains("Closer", CliRun.Run("scenes", "list", "--state", second).Out);
    }

    // Written by hand from the published X32 scene format (header, then node lines in the X32's field order).
    private const string FestivalScn = """
        #4.0# "Festival" "band 2 changeover" %000000000 1
        /config/chlink OFF OFF OFF OFF OFF OFF OFF OFF OFF OFF OFF OFF OFF OFF OFF OFF
        /ch/01/config "Kick" 1 RD 1
        /ch/01/delay OFF 0.3
        /ch/01/preamp +0.0 OFF ON 24 77
        /ch/01/mix ON -6.0 ON +0 OFF -oo
        /ch/01/eq ON
        /ch/01/eq/1 PEQ 62.7 +4.00 2.0
        /ch/01/eq/2 PEQ 330.3 -3.50 1.4
        /ch/02/config "Snare" 1 YE 2
        /ch/02/mix OFF -10.0 ON -20 OFF -oo
        /ch/02/eq ON
        /ch/02/eq/4 HShv 10k02 +2.50 0.5
        /ch/03/config "Vox" 1 GN 3
        /ch/03/mix ON +0.0 ON +30 OFF -oo
        /ch/03/mix/01 ON -12.0 +0 POST 0
        /headamp/000 +25.0 OFF
        /headamp/001 +20.0 OFF
        /config/routing/IN AN1-8 AN9-16 A1-8 A9-16 AUX1-4
        /fx/1 HALL
        /fx/1/par 20 1.57 60 5k74 25 0.0 83 7k2 0.95 25 50 30
        /ch/33/mix ON -10.0 ON +0 OFF -oo
        """;

    [Fact]
    public void AnX32SceneFile_Imports_NamesFadersMutesPansAndEq_AndListsWhatDidNotComeAcross()
    {
        using var dir = new TestSignals();
        string state = dir.Path("state"), scn = dir.Path("festival.scn");
        File.WriteAllText(scn, FestivalScn);
        var run = CliRun.Run("scenes", "import", "20", scn, "--state", state);
        output.WriteLine(run.Out);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("scene 20 'Festival' imported", run.Out);
        Assert.Contains("/ch/#/mix (1 line): skipped, not on this console", run.Out); // a strip past this console
        Assert.DoesNotContain("/fx", run.Out); // the effect slots are in the X32's shape
        Assert.DoesNotContain("/config/routing", run.Out); // kept for compatibility, so it comes across
        Assert.DoesNotContain("/ch/#/mix/#", run.Out); // sends are in the X32's shape: on, level, pan, type, panFollow
        Assert.DoesNotContain("/headamp", run.Out);
        Assert.DoesNotContain("/ch/#/config", run.Out);

        var console = new MixConsole.Engine.Parameters.ParameterStore(MixConsole.Engine.Parameters.ParameterTable.Create(MixConsole.Engine.Configuration.ConsoleConfig.Default));
        float Real(string path) => console.GetReal(console.Table.IndexOf(path));
        using (var store = MixConsole.Store.ConsoleStore.Open(state))
        {
            var slots = new MixConsole.Store.SceneSlots(store);
            Assert.True(slots.Recall(20, console));
            Assert.True(slots.TryGet(20, out var scene));
            Assert.Equal("band 2 changeover", scene!.Notes);
        }

        Assert.Equal(["Kick", "Snare", "Vox"], new[] { 1, 2, 3 }.Select(ch => console.GetText(console.Table.IndexOf($"/ch/{ch:00}/config/name"))));
        Assert.Equal(-6f, Real("/ch/01/mix/fader"), 0.05f);
        Assert.Equal(-10f, Real("/ch/02/mix/fader"), 0.05f);
        Assert.Equal(0f, Real("/ch/03/mix/fader"), 0.05f);
        Assert.Equal((1f, 0f, 1f), (Real("/ch/01/mix/on"), Real("/ch/02/mix/on"), Real("/ch/03/mix/on")));
        Assert.Equal((0f, -20f, 30f), (Real("/ch/01/mix/pan"), Real("/ch/02/mix/pan"), Real("/ch/03/mix/pan")));
        Assert.Equal((1f, 2f, 4f), (Real("/ch/01/eq/on"), Real("/ch/01/eq/1/type"), Real("/ch/01/eq/1/g")));
        Assert.Equal(62.7f, Real("/ch/01/eq/1/f"), 62.7f * 0.02f);
        Assert.Equal(2f, Real("/ch/01/eq/1/q"), 0.1f);
        Assert.Equal(-3.5f, Real("/ch/01/eq/2/g"));
        Assert.Equal((4f, 2.5f), (Real("/ch/02/eq/4/type"), Real("/ch/02/eq/4/g")));
        Assert.Equal(10020f, Real("/ch/02/eq/4/f"), 10020f * 0.02f);
        Assert.Equal(77f, Real("/ch/01/preamp/hpf"), 77f * 0.02f);
        Assert.Equal("1.57", MixConsole.Engine.Parameters.ParameterFormatter.FormatCurrent(console, console.Table.IndexOf("/fx/1/par/02"), compact: true));
    }
}
