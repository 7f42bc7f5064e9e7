using System.Globalization;
using System.Text;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Output;
using MixConsole.ControlSurface.Virtual;
using MixConsole.SurfaceSim.Scripting;

namespace MixConsole.SurfaceSim.Interactive;

/// <summary>
/// Draws the virtual surface as a few lines of text: per strip the target, name, motor fader position in dB,
/// motor drive, touch, pan, LED ring and LEDs; then the display and the link. What is shown is what the
/// virtual hardware shows (LEDs after their last flush, faders where the motor put them).
/// </summary>
public static class SurfaceView
{
    private const int Column = 8;

    /// <summary>Renders <paramref name="surface"/>, marking strip or encoder <paramref name="selected"/> (8 = master fader).</summary>
    public static IReadOnlyList<string> Render(VirtualSurface surface, int selected, string host, string status)
    {
        var lines = new List<string>();
        var link = surface.Engine.Link;
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"SurfaceSim  {surface.Config.Profile}  host {host}  link {(link.IsConnected ? "UP" : link.State.ToString().ToUpperInvariant())} (connects {link.ConnectCount}, sent {link.PacketsSent}, received {link.PacketsReceived})  t {surface.Clock.NowMs / 1000.0:0.0} s"));
        if (surface.Engine.FaderDesk is { } desk)
        {
            RenderDesk(lines, surface, desk, selected);
        }
        else
        {
            RenderPanel(lines, surface, selected);
        }

        lines.Add("display " + new string('-', surface.Display.Columns + 2));
        for (int i = 0; i < surface.Display.Lines; i++)
        {
            lines.Add("        |" + surface.Display.LineText(i) + "|");
        }

        lines.Add("        " + new string('-', surface.Display.Columns + 2));
        lines.Add(status);
        return lines;
    }

    private static void RenderDesk(List<string> lines, VirtualSurface surface, FaderDeskSurface desk, int selected)
    {
        var pins = surface.Config.Pins;
        var book = surface.Engine.Parameters;
        string layer = desk.Layer == Layer.Channels ? "ch" : desk.Layer == Layer.Buses ? "bus" : "dca";
        var head = new StringBuilder("strip   ");
        var target = new StringBuilder("target  ");
        var fader = new StringBuilder("fader   ");
        var motor = new StringBuilder("motor   ");
        var pan = new StringBuilder("pan     ");
        var ring = new StringBuilder("ring    ");
        var leds = new StringBuilder("mute    ");
        var solo = new StringBuilder("solo    ");
        var select = new StringBuilder("select  ");
        for (int s = 0; s < FaderDeskSurface.Strips; s++)
        {
            head.Append(Cell((s == selected ? ">" : " ") + (s + 1)));
            target.Append(Cell(layer + desk.StripTarget(s).ToString("00", CultureInfo.InvariantCulture)));
            float position = surface.Faders.Position(surface.FaderChannel(s));
            fader.Append(Cell(Db(position)));
            int duty = desk.IsMotorised(s) ? surface.Faders.Duty(pins.FaderMotors[s]) : 0;
            string drive = !desk.IsMotorised(s) ? (desk.IsEngaged(s) ? "pickup" : "wait") : duty == 0 ? "." : (duty > 0 ? "^" : "v") + Math.Abs(duty / 10) + "%";
            motor.Append(Cell((desk.IsTouched(s) ? "T " : "") + drive));
            int panId = desk.PanId(s);
            pan.Append(Cell(panId < 0 ? "-" : book.IsKnown(panId) ? Pan(book.Value(panId)) : "?"));
            ring.Append(Cell(pins.EncoderRings.Length > s ? Ring(surface.Leds.Ring(pins.EncoderRings[s]), 7) : ""));
            leds.Append(Cell(surface.Leds.IsLit(pins.MuteLeds[s]) ? "[MUTE]" : "."));
            solo.Append(Cell(surface.Leds.IsLit(pins.SoloLeds[s]) ? "[SOLO]" : "."));
            select.Append(Cell(surface.Leds.IsLit(pins.SelectLeds[s]) ? "[SEL]" : "."));
        }

        head.Append(selected == ScriptAction.Master ? "| >MAIN" : "|  MAIN");
        target.Append("| st");
        fader.Append("| " + Db(surface.Faders.Position(surface.FaderChannel(ScriptAction.Master))));
        lines.Add($"bank {desk.Bank + 1}/{desk.BankCount}  layer {desk.Layer} ({desk.LayerSize(desk.Layer)} on the console)  sends {(desk.SendsBus > 0 ? "bus " + desk.SendsBus.ToString(CultureInfo.InvariantCulture) : "off")}  encoder page {desk.EncoderPage}");
        lines.Add(head.ToString());
        lines.Add(target.ToString());
        lines.Add(fader.ToString());
        lines.Add(motor.ToString());
        lines.Add(pan.ToString());
        lines.Add(ring.ToString());
        lines.Add(leds.ToString());
        lines.Add(solo.ToString());
        lines.Add(select.ToString());
    }

    private static void RenderPanel(List<string> lines, VirtualSurface surface, int selected)
    {
        var pins = surface.Config.Pins;
        var panel = surface.Engine.MasteringPanel;
        var book = surface.Engine.Parameters;
        for (int e = 0; e < MasteringPanelSurface.Encoders; e++)
        {
            int id = panel.ParameterId(e);
            string value = book.IsKnown(id) ? book.Value(id).ToString("0.000", CultureInfo.InvariantCulture) : "?";
            lines.Add($"{(e == selected ? ">" : " ")}{e + 1} {OscPaths.MasteringLabels[e],-7} {value,6}  {Ring(surface.Leds.Ring(pins.EncoderRings[e]), LedRing.LedCount)}");
        }

        lines.Add($"A/B {(surface.Leds.IsLit(pins.AbLed) ? "[B]" : "[A]")}   bypass {(surface.Leds.IsLit(pins.BypassLed) ? "[ON]" : "off")}");
    }

    private static string Cell(string text) => text.Length >= Column ? text[..(Column - 1)] + " " : text.PadRight(Column);

    private static string Db(float position) => FaderLaw.FormatDb(FaderLaw.DbOf(position));

    private static string Pan(float value)
    {
        int amount = (int)MathF.Round((value - 0.5f) * 200);
        return amount == 0 ? "C" : (amount < 0 ? "L" + (-amount) : "R" + amount);
    }

    // The 15-LED ring squeezed into width characters: '#' where any LED of the group is lit.
    private static string Ring(int mask, int width)
    {
        var sb = new StringBuilder(width);
        for (int c = 0; c < width; c++)
        {
            int from = c * LedRing.LedCount / width;
            int to = ((c + 1) * LedRing.LedCount / width) - 1;
            bool lit = false;
            for (int b = from; b <= Math.Max(from, to); b++)
            {
                lit |= (mask & (1 << b)) != 0;
            }

            sb.Append(lit ? '#' : '.');
        }

        return sb.ToString();
    }
}
