using MixConsole.SurfaceSim.Scripting;

namespace MixConsole.SurfaceSim.Tests;

public class ScriptParserTests
{
    private static IReadOnlyList<ScriptAction> Desk(string text) => ScriptParser.Parse(text, "fader-desk", "t.sim");

    [Theory]
    [InlineData("0dB", 0.75f)]
    [InlineData("+10dB", 1.0f)]
    [InlineData("-10dB", 0.5f)]
    [InlineData("-30dB", 0.25f)]
    [InlineData("-60dB", 0.0625f)]
    [InlineData("-inf", 0f)]
    [InlineData("0.3", 0.3f)]
    public void FaderLevels_FollowTheX32FaderLaw(string text, float position)
    {
        ScriptAction a = Desk($"fader 3 {text}").Single();

        Assert.Equal(ActionKind.Fader, a.Kind);
        Assert.Equal(2, a.Index);
        Assert.Equal(position, a.Value, 5);
    }

    [Theory]
    [InlineData(0.75f)]
    [InlineData(0.5f)]
    [InlineData(0.3f)]
    [InlineData(0.1f)]
    [InlineData(0.03f)]
    [InlineData(1f)]
    public void FaderLaw_PositionAndDb_AreInverse(float position)
    {
        Assert.Equal(position, FaderLaw.PositionOf(FaderLaw.DbOf(position)), 5);
    }

    [Theory]
    [InlineData("L100", 0f)]
    [InlineData("R100", 1f)]
    [InlineData("C", 0.5f)]
    [InlineData("L40", 0.3f)]
    [InlineData("r20", 0.6f)]
    [InlineData("0.25", 0.25f)]
    public void PanValues_MapToTheHostsZeroToOneFloat(string text, float value)
    {
        Assert.Equal(value, Desk($"pan 1 {text}").Single().Value, 5);
    }

    [Fact]
    public void EveryAction_ParsesWithItsArguments()
    {
        var actions = Desk("""
            # a comment line
            fader master -5dB      # trailing comment
            encoder 2 -3 fast
            press mute 8
            press select 1 700
            press bank-next
            bank next
            bank 9-16
            bank 4
            layer bus
            touch 5
            release 5
            wait 250
            print ready now
            expect fader 4 0.5 tol 0.02 within 3000
            expect pan 1 L100
            expect mute 2 on within 200
            expect link up
            expect bank 17-24
            expect display 1 CH 09-16
            expect display 2 01 KICK   02 within 150
            """);

        Assert.Equal(20, actions.Count);
        Assert.Equal(ScriptAction.Master, actions[0].Index);
        Assert.Equal(2, actions[0].Line);
        Assert.Equal((1, -3, true), (actions[1].Index, actions[1].Count, actions[1].Fast));
        Assert.Equal((SurfaceControl.Mute, 7, 40), (actions[2].Control, actions[2].Index, actions[2].Count));
        Assert.Equal(700, actions[3].Count);
        Assert.Equal(SurfaceControl.BankNext, actions[4].Control);
        Assert.Equal(SurfaceControl.BankNext, actions[5].Control);
        Assert.Equal(2, actions[6].Count);
        Assert.Equal(4, actions[7].Count);
        Assert.Equal(SurfaceControl.LayerBuses, actions[8].Control);
        Assert.Equal((ActionKind.Touch, 4), (actions[9].Kind, actions[9].Index));
        Assert.Equal(ActionKind.Release, actions[10].Kind);
        Assert.Equal(250, actions[11].Count);
        Assert.Equal("ready now", actions[12].Text);
        Assert.Equal((0.5f, 0.02f, 3000), (actions[13].Value, actions[13].Tolerance, actions[13].WithinMs));
        Assert.Equal((0f, ScriptParser.DefaultEncoderTolerance), (actions[14].Value, actions[14].Tolerance));
        Assert.Equal((SurfaceControl.Mute, 1, true, 200), (actions[15].Control, actions[15].Index, actions[15].On, actions[15].WithinMs));
        Assert.True(actions[16].On);
        Assert.Equal(3, actions[17].Count);
        Assert.Equal((0, "CH 09-16", 0), (actions[18].Index, actions[18].Text, actions[18].WithinMs));
        Assert.Equal((1, "01 KICK   02", 150), (actions[19].Index, actions[19].Text, actions[19].WithinMs));
    }

    [Fact]
    public void BadScript_ListsEveryProblemWithItsLineNumber_AndRunsNothing()
    {
        var e = Assert.Throws<ScriptException>(() => Desk("""
            fader 3 0dB
            fadr 3 0dB
            fader 9 0.5
            pan 1 X
            # fine
            expect fader 1
            encoder 1 0
            bank 3-10
            fader 2 +12dB
            """));

        Assert.Equal(7, e.Problems.Count);
        int[] lines = e.Problems.Select(p => int.Parse(p.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([2, 3, 4, 6, 7, 8, 9], lines);
        Assert.Contains("unknown action 'fadr'", e.Problems[0], StringComparison.Ordinal);
        Assert.Contains("channel 9 is on strip 1", e.Problems[1], StringComparison.Ordinal);
        Assert.All(e.Problems, p => Assert.StartsWith("t.sim:", p, StringComparison.Ordinal));
    }

    [Fact]
    public void FaderDeskActions_AreRefusedOnTheMasteringPanel_AndPanelButtonsOnTheDesk()
    {
        var panel = Assert.Throws<ScriptException>(() => ScriptParser.Parse("fader 1 0.5\npress mute 1\nexpect ab on\nencoder 3 +2", "mastering-panel", "p.sim"));
        Assert.Equal(2, panel.Problems.Count);
        Assert.Contains("fader-desk", panel.Problems[0], StringComparison.Ordinal);

        var desk = Assert.Throws<ScriptException>(() => Desk("press bypass\nexpect ab on"));
        Assert.Equal(2, desk.Problems.Count);
    }
}
