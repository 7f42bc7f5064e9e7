using MixConsole.SurfaceSim.Interactive;
using MixConsole.SurfaceSim.Scripting;

namespace MixConsole.SurfaceSim.Tests;

public class InteractiveTests
{
    private static ConsoleKeyInfo Key(char c) => new(c, ConsoleKey.NoName, false, false, false);

    private static ConsoleKeyInfo Key(ConsoleKey k) => new('\0', k, false, false, false);

    [Fact]
    public void Keys_PickAStrip_MuteIt_AndMoveItsFader()
    {
        var h = new SimHarness().Connect();
        var keys = new SurfaceKeys(h.Session.Surface);

        Assert.True(keys.Handle(Key('3')));
        Assert.True(keys.Handle(Key('m')));
        Assert.True(keys.Handle(Key(ConsoleKey.End)));
        Assert.True(keys.Handle(Key(ConsoleKey.PageUp)));
        h.Session.Run(50);

        Assert.Equal(2, keys.Selected);
        Assert.Equal(0, (int)h.Sent("/ch/03/mix/on")!);
        Assert.Equal(0.1f, (float)h.Sent("/ch/03/mix/fader")!, 2);
        Assert.False(keys.Handle(Key('q')));
    }

    [Fact]
    public void Keys_BankAndPan_ActOnTheStripsTarget()
    {
        var h = new SimHarness().Connect();
        var keys = new SurfaceKeys(h.Session.Surface);

        keys.Handle(Key(']'));
        keys.Handle(Key('2'));
        keys.Handle(Key(ConsoleKey.RightArrow));
        h.Session.Run(20);

        Assert.Equal(1, h.Session.Surface.Engine.FaderDesk.Bank);
        Assert.Equal(0.51f, (float)h.Sent("/ch/10/mix/pan")!, 3);
    }

    [Fact]
    public void View_ShowsLedsFaderLevelsAndTheDisplay()
    {
        var h = new SimHarness().Connect();
        h.Run("press mute 2\nfader 1 -10dB\nwait 60");

        IReadOnlyList<string> lines = SurfaceView.Render(h.Session.Surface, ScriptAction.Master, "test", "status line");
        string text = string.Join('\n', lines);

        Assert.Contains("link UP", lines[0], StringComparison.Ordinal);
        string mute = lines.Single(l => l.StartsWith("mute", StringComparison.Ordinal));
        Assert.Equal(".", mute.Substring(8, 8).Trim());
        Assert.Equal("[MUTE]", mute.Substring(16, 8).Trim());
        string fader = lines.Single(l => l.StartsWith("fader", StringComparison.Ordinal));
        Assert.Equal("-10.0", fader.Substring(8, 8).Trim());
        Assert.Contains("|CH 01-08    LINK|", text, StringComparison.Ordinal);
        Assert.Contains(">MAIN", text, StringComparison.Ordinal);
        Assert.Equal("status line", lines[^1]);
    }
}
