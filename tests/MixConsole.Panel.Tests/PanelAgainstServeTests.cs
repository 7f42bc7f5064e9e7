using MixConsole.Panel.Tests.Fakes;

namespace MixConsole.Panel.Tests;

/// <summary>
/// End to end: serve --mode mastering with the mastering box's panel (hardware/pi/panel/mastering-box.json) on
/// GPIO and I2C doubles, and an OSC client on UDP as a phone app would be.
/// </summary>
public sealed class PanelAgainstServeTests
{
    [Fact]
    public void EncoderTurn_OnGpio_ChangesTheHostParameter_ThatAClientQueries()
    {
        var board = new FakePanelBoard();
        using var serve = new ServeWithPanel(board, PanelFiles.MasteringBox);
        using var client = new OscClient(serve.OscPort);
        Assert.True(serve.Printed.Contains("panel   mastering-box: 4 encoders, 3 buttons, 4 pots, display", StringComparison.Ordinal), serve.Printed);
        double before = client.Query("/master/eq/lowshelf/g");
        Assert.Equal(0.5, before, 3);
        // The panel must know the host's value before a relative turn counts: its display shows it once it does.
        ServeWithPanel.WaitUntil(() => board.Oled.Text(2).StartsWith("LOW    ", StringComparison.Ordinal) && board.Oled.Text(2).Contains("50.0%", StringComparison.Ordinal), () => "LOW 50.0% on the display: " + board.Oled.Text(2));

        board.Turn(5, 6, +4);
        ServeWithPanel.WaitUntil(() => client.Query("/master/eq/lowshelf/g") >= before + (4 * 0.005) - 0.0042, () => "the low shelf to rise by four detents");
        double up = client.Query("/master/eq/lowshelf/g");

        board.Turn(5, 6, -8);
        ServeWithPanel.WaitUntil(() => client.Query("/master/eq/lowshelf/g") < up - (4 * 0.005), () => "the low shelf to fall back");
    }

    [Fact]
    public void AnotherClientsChange_RedrawsTheDisplay()
    {
        var board = new FakePanelBoard();
        using var serve = new ServeWithPanel(board, PanelFiles.MasteringBox);
        using var client = new OscClient(serve.OscPort);
        ServeWithPanel.WaitUntil(() => board.Oled.Text(7).StartsWith("CEIL", StringComparison.Ordinal) && board.Oled.Text(7).Contains('%', StringComparison.Ordinal), () => "CEIL on line 8: " + board.Oled.Text(7));
        Assert.True(board.Oled.IsOn);

        client.Set("/master/width", 0.75f);
        ServeWithPanel.WaitUntil(() => board.Oled.Text(5) == "WIDTH      75.0%", () => "WIDTH 75.0% on line 6, shows '" + board.Oled.Text(5) + "'");
        // The pixels are the font's: the '7' of 75.0% is drawn in cell 11 of page 5.
        Assert.Contains(Enumerable.Range(0, 64), i => board.Oled.Pixel((11 * 8) + (i % 8), (5 * 8) + (i / 8)));
    }

    [Fact]
    public void ButtonOnTheExpander_TogglesAb()
    {
        var board = new FakePanelBoard();
        using var serve = new ServeWithPanel(board, PanelFiles.MasteringBox);
        using var client = new OscClient(serve.OscPort);
        Assert.Equal(0, client.Query("/master/ab"));
        ServeWithPanel.WaitUntil(() => board.Oled.Text(0).Contains('%', StringComparison.Ordinal), () => "the panel to have synchronised");
        Assert.Equal(0xFF, board.Expander.Register(FakeMcp23017.GpPuA));

        board.Expander.Press(0, true);
        ServeWithPanel.WaitUntil(() => client.Query("/master/ab") == 1, () => "A/B to switch to B");
        board.Expander.PressUntilScanned(0, false);
        board.Expander.Press(0, true);
        ServeWithPanel.WaitUntil(() => client.Query("/master/ab") == 0, () => "A/B to switch back to A");
        board.Expander.Press(0, false);
    }

    [Fact]
    public void PresetsPage_RecallFromThePanel_ChangesTheChain_AsAClientQueriesIt()
    {
        var board = new FakePanelBoard();
        using var serve = new ServeWithPanel(board, PanelFiles.MasteringBox);
        using var client = new OscClient(serve.OscPort);
        Assert.Equal(0.5, client.Query("/master/eq/lowshelf/g"), 3);
        ServeWithPanel.WaitUntil(() => board.Oled.Text(0).Contains('%', StringComparison.Ordinal), () => "the panel to have synchronised");

        // The page button (expander input 2): main, multiband, presets.
        // A click the loaded machine stretched past the long-press time turns no page (as on the hardware), so click
        // until the page shows; the pages come round, so one click too many only costs a lap.
        for (int click = 0; !board.Oled.Text(0).StartsWith("PRESET 01/", StringComparison.Ordinal); click++)
        {
            Assert.True(click < 12, "the presets page never showed, shows '" + board.Oled.Text(0) + "'");
            board.Expander.Click(2);
            var shown = System.Diagnostics.Stopwatch.StartNew();
            while (shown.Elapsed < TimeSpan.FromSeconds(3) && !board.Oled.Text(0).StartsWith("PRESET 01/", StringComparison.Ordinal)) Thread.Sleep(10);
        }

        Assert.Equal("TRANSPARENT", board.Oled.Text(1).TrimEnd());
        board.Turn(5, 6, +1);
        ServeWithPanel.WaitUntil(() => board.Oled.Text(1).TrimEnd() == "WARM", () => "WARM picked, shows '" + board.Oled.Text(1) + "'");

        // Held: recalled by name into the slot not in play (B), which then plays, crossfaded. Warm lifts the low shelf
        // by 1.5 dB (0.5625 of -12..+12 dB) and turns the saturation on; slot A keeps what played.
        board.Expander.Press(2, true);
        ServeWithPanel.WaitUntil(() => client.Query("/master/ab") == 1, () => "B, holding the recalled preset, to play");
        ServeWithPanel.WaitUntil(() => Math.Abs(client.Query("/master/b/eq/lowshelf/g") - 0.5625) < 1e-3, () => "B's low shelf at warm's +1.5 dB, is " + client.Query("/master/b/eq/lowshelf/g"));
        Assert.Equal(1, client.Query("/master/b/sat/on"));
        Assert.Equal(0.5, client.Query("/master/eq/lowshelf/g"), 3);
        board.Expander.Press(2, false);
        ServeWithPanel.WaitUntil(() => board.Oled.Text(4).TrimEnd() == "IN: WARM", () => "IN: WARM on line 5, shows '" + board.Oled.Text(4) + "'");
    }

    [Fact]
    public void PotOnTheConverter_PicksUpThenMovesTheInputGain()
    {
        var board = new FakePanelBoard();
        using var serve = new ServeWithPanel(board, PanelFiles.MasteringBox);
        using var client = new OscClient(serve.OscPort);
        ServeWithPanel.WaitUntil(() => board.Oled.Text(0).Contains("50.0%", StringComparison.Ordinal), () => "INPUT 50.0%: " + board.Oled.Text(0));
        Assert.Equal(0.5, client.Query("/master/input/gain"), 3);

        // The pot sits at the bottom, away from the host's 0.5: soft takeover sends nothing until it crosses 0.5.
        board.Adc.SetVolts(0, 0.3);
        ServeWithPanel.WaitUntil(() => board.Adc.Conversions > 50, () => "pot conversions");
        Assert.Equal(0.5, client.Query("/master/input/gain"), 3);
        for (double v = 0.3; v <= 2.475; v += 0.05)
        {
            board.Adc.SetVolts(0, v);
            int seen = board.Adc.Conversions;
            ServeWithPanel.WaitUntil(() => board.Adc.Conversions > seen + 8, () => "pot conversions");
        }

        // 2.475 V of a 3.3 V supply is 75 % of travel.
        ServeWithPanel.WaitUntil(() => Math.Abs(client.Query("/master/input/gain") - 0.75) < 0.01, () => "input gain at 0.75, is " + client.Query("/master/input/gain"));
    }
}

/// <summary>The panel is an extra: without its file or one of its devices, serve warns once and runs on.</summary>
public sealed class PanelMissingTests
{
    [Fact]
    public void MissingConfig_WarnsOnce_AndTheConsoleServes()
    {
        using var serve = new ServeWithPanel(new FakePanelBoard(), "/nonexistent/panel.json");
        using var client = new OscClient(serve.OscPort);
        Assert.Equal(0.5, client.Query("/master/input/gain"), 3);
        Assert.Single(serve.Printed.Split('\n'), l => l.StartsWith("warning: panel off", StringComparison.Ordinal));
        Assert.Contains("warning: panel off, the console runs without it: cannot read panel config /nonexistent/panel.json", serve.Printed);
    }

    [Fact]
    public void MissingDevice_WarnsNamingIt_AndReleasesTheGpio()
    {
        var board = new FakePanelBoard();
        board.Missing.Add(0x49);
        using var serve = new ServeWithPanel(board, PanelFiles.MasteringBox);
        using var client = new OscClient(serve.OscPort);
        Assert.Equal(0, client.Query("/master/ab"));
        Assert.Contains("warning: panel off, the console runs without it: ADS1115 at 0x49: no device answers at 0x49", serve.Printed);
        Assert.Equal(0, board.Gpio.CallbackCount);
        Assert.True(board.Expander.Disposed);
    }

    [Fact]
    public void DeviceLostWhileRunning_StopsThePanelWithOneWarning_AndTheConsoleServes()
    {
        var board = new FakePanelBoard();
        using var serve = new ServeWithPanel(board, PanelFiles.MasteringBox);
        using var client = new OscClient(serve.OscPort);
        ServeWithPanel.WaitUntil(() => board.Oled.Text(0).Contains('%', StringComparison.Ordinal), () => "the panel to have synchronised");

        board.Expander.Unplugged = true;
        ServeWithPanel.WaitUntil(() => serve.Printed.Contains("warning: panel stopped, the console runs without it: Error 121", StringComparison.Ordinal), () => "the warning: " + serve.Printed);
        client.Set("/master/width", 0.25f);
        Assert.Equal(0.25, client.Query("/master/width"), 2);
        Assert.Single(serve.Printed.Split('\n'), l => l.StartsWith("warning: panel", StringComparison.Ordinal));
    }
}
