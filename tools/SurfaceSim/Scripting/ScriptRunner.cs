using System.Globalization;
using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Output;
using MixConsole.ControlSurface.Virtual;
using MixConsole.SurfaceSim.Session;

namespace MixConsole.SurfaceSim.Scripting;

/// <summary>
/// Plays a parsed script on a connected <see cref="SimSession"/>: hand actions change the virtual hardware and
/// run the surface in real time; expects check what the surface shows (motor fader positions, LEDs, display).
/// A failed expect is reported and the script goes on, so one run lists every difference.
/// </summary>
public sealed class ScriptRunner
{
    /// <summary>Hand move time of a fader action.</summary>
    public const int FaderMoveMs = 120;

    /// <summary>Time the hand stays on the fader after arriving, and before the next action after letting go.</summary>
    public const int FaderSettleMs = 40;

    // Quadrature step spacing: slow turns are one detent per 80 ms (no acceleration), fast ones 12 ms (4x).
    private const int SlowMsPerStep = 20;
    private const int FastMsPerStep = 3;

    private readonly SimSession _session;
    private readonly VirtualSurface _surface;
    private readonly TextWriter _out;
    private readonly string _name;

    /// <summary>Runs scripts named <paramref name="name"/> on <paramref name="session"/>, reporting to <paramref name="output"/>.</summary>
    public ScriptRunner(SimSession session, TextWriter output, string name)
    {
        _session = session;
        _surface = session.Surface;
        _out = output;
        _name = name;
    }

    /// <summary>Prints every action as it starts.</summary>
    public bool Verbose { get; init; }

    /// <summary>Expects that held.</summary>
    public int Held { get; private set; }

    /// <summary>Expects and actions that failed.</summary>
    public int Failed { get; private set; }

    /// <summary>Runs every action in order; true when nothing failed.</summary>
    public bool Run(IReadOnlyList<ScriptAction> actions)
    {
        foreach (ScriptAction action in actions)
        {
            if (Verbose)
            {
                _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_session.NowMs / 1000.0,8:0.000} s] line {action.Line}: {action.Source}"));
            }

            string? failure = Execute(action);
            if (failure is not null)
            {
                Failed++;
                _out.WriteLine($"FAIL {_name}:{action.Line}: {action.Source}: {failure}");
            }

            _out.Flush();
        }

        return Failed == 0;
    }

    private FaderDeskSurface Desk => _surface.Engine.FaderDesk ?? throw new InvalidOperationException("fader-desk action on another profile");

    private PinMap Pins => _surface.Config.Pins;

    // Null when the action did its job or the expect held; otherwise what went wrong.
    private string? Execute(ScriptAction a)
    {
        switch (a.Kind)
        {
            case ActionKind.Fader:
                _surface.MoveFader(a.Index, a.Value, FaderMoveMs, FaderSettleMs);
                return null;
            case ActionKind.Pan:
                return TurnPanTo(a.Index, a.Value);
            case ActionKind.Encoder:
                _surface.TurnEncoder(a.Index, a.Count, a.Fast ? FastMsPerStep : SlowMsPerStep);
                return null;
            case ActionKind.Press:
                _surface.Press(ButtonInput(a.Control, a.Index), a.Count);
                return null;
            case ActionKind.Bank:
                return a.Control is SurfaceControl.BankNext or SurfaceControl.BankPrev ? PressBank(a.Control) : GoToBank(a.Count);
            case ActionKind.Layer:
                _surface.Press(ButtonInput(a.Control, 0), 40);
                return null;
            case ActionKind.Touch:
                _surface.Touch(a.Index);
                _surface.Run(Math.Max(5, _surface.Config.Tuning.TouchHoldMs));
                return null;
            case ActionKind.Release:
                _surface.Release(a.Index);
                _surface.Run(_surface.Config.Tuning.TouchHoldMs + 5);
                return null;
            case ActionKind.Wait:
                _session.Run(a.Count);
                return null;
            case ActionKind.Print:
                _out.WriteLine(a.Text);
                return null;
            default:
                return Expect(a);
        }
    }

    private string? Expect(ScriptAction a)
    {
        string actual = "";
        bool Check() => Holds(a, out actual);

        bool held = a.WithinMs > 0 ? _session.RunUntil(Check, a.WithinMs) : Check();
        if (!held)
        {
            return actual + (a.WithinMs > 0 ? $" (waited {a.WithinMs} ms)" : "");
        }

        Held++;
        if (Verbose)
        {
            _out.WriteLine($"  ok: {actual}");
        }

        return null;
    }

    private bool Holds(ScriptAction a, out string actual)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (a.Kind)
        {
            case ActionKind.ExpectFader:
            {
                float position = _surface.Faders.Position(_surface.FaderChannel(a.Index));
                actual = string.Create(inv, $"{FaderName(a.Index)} is at {position:0.000} ({FaderLaw.Format(position)}); expected {a.Value:0.000} ({FaderLaw.Format(a.Value)}) ± {a.Tolerance:0.000}");
                return Math.Abs(position - a.Value) <= a.Tolerance;
            }

            case ActionKind.ExpectEncoder:
            {
                int id = EncoderParameter(a.Index);
                var book = _surface.Engine.Parameters;
                if (id < 0)
                {
                    actual = $"encoder {a.Index + 1} controls nothing on this layer";
                    return false;
                }

                if (!book.IsKnown(id))
                {
                    actual = $"the surface does not know {Address(id)} yet";
                    return false;
                }

                float v = book.Value(id);
                actual = string.Create(inv, $"{Address(id)} is {v:0.000} on the surface; expected {a.Value:0.000} ± {a.Tolerance:0.000}");
                return Math.Abs(v - a.Value) <= a.Tolerance;
            }

            case ActionKind.ExpectLed:
            {
                int led = Led(a.Control, a.Index);
                bool lit = _surface.Leds.IsLit(led);
                string which = a.Control is SurfaceControl.Mute or SurfaceControl.Solo or SurfaceControl.Select
                    ? $"{a.Control.ToString().ToLowerInvariant()} LED of strip {a.Index + 1}"
                    : $"{a.Control.ToString().ToLowerInvariant()} LED";
                actual = $"{which} is {(lit ? "on" : "off")}; expected {(a.On ? "on" : "off")}";
                return lit == a.On;
            }

            case ActionKind.ExpectBank:
            {
                int bank = Desk.Bank + 1;
                actual = $"bank {bank} ({Desk.StripTarget(0)}-{Desk.StripTarget(7)}) is shown; expected bank {a.Count}";
                return bank == a.Count;
            }

            case ActionKind.ExpectLink:
            {
                bool up = _surface.Engine.Link.IsConnected;
                actual = $"link is {(up ? "up" : "down")} ({_surface.Engine.Link.State}); expected {(a.On ? "up" : "down")}";
                return up == a.On;
            }

            case ActionKind.ExpectRing:
            {
                int ring = Pins.EncoderRings[a.Index];
                int shown = _surface.Leds.Ring(ring);
                bool centred = _surface.Engine.FaderDesk is not { } d || d.IsEncoderBipolar(a.Index);
                int expected = centred ? LedRing.FromCentre(a.Value) : LedRing.Fill(a.Value);
                actual = string.Create(inv, $"ring {a.Index + 1} shows {Convert.ToString(shown, 2).PadLeft(LedRing.LedCount, '0')}; expected {Convert.ToString(expected, 2).PadLeft(LedRing.LedCount, '0')} ({a.Value:0.000})");
                return shown == expected;
            }

            case ActionKind.ExpectStrips:
            {
                int strips = Enumerable.Range(0, FaderDeskSurface.Strips).Count(Desk.HasTarget);
                actual = $"{strips} strips show {Desk.Layer} of the console ({Desk.LayerSize(Desk.Layer)} there, {Desk.BankCount} bank(s)); expected {a.Count}";
                return strips == a.Count && Desk.LayerSize(Desk.Layer) == a.Count;
            }

            case ActionKind.ExpectDisplay:
            {
                string text = _surface.Display.LineText(a.Index);
                actual = $"display line {a.Index + 1} reads \"{text}\"; expected it to contain \"{a.Text}\"";
                return text.Contains(a.Text, StringComparison.Ordinal);
            }

            default:
                throw new InvalidOperationException($"not an expect: {a.Kind}");
        }
    }

    private string? TurnPanTo(int strip, float target)
    {
        int id = Desk.PanId(strip);
        if (id < 0)
        {
            return $"strip {strip + 1} has no pan on the {Desk.Layer} layer";
        }

        var book = _surface.Engine.Parameters;
        float step = _surface.Config.Tuning.EncoderStep;
        int fast = _surface.Config.Tuning.Encoders.FastFactor;
        int pause = _surface.Config.Tuning.Encoders.MediumIntervalMs + 5;
        for (int guard = 0; guard < 1000; guard++)
        {
            float current = book.IsKnown(id) ? book.Value(id) : 0.5f;
            int detents = (int)MathF.Round((target - current) / step);
            if (detents == 0)
            {
                return null;
            }

            int direction = Math.Sign(detents);
            if (Math.Abs(detents) >= 2 * fast)
            {
                // Far away: turn quickly (each detent counts several steps once the turn is fast).
                _surface.TurnEncoder(strip, direction, FastMsPerStep);
            }
            else
            {
                // Close: pause so acceleration ends, then single detents.
                _surface.Run(pause);
                _surface.TurnEncoder(strip, direction, 1);
            }

            float after = book.IsKnown(id) ? book.Value(id) : 0.5f;
            if (after == current && (after > 0 && after < 1))
            {
                return $"the pan of strip {strip + 1} did not move (link {_surface.Engine.Link.State})";
            }
        }

        return $"the pan of strip {strip + 1} did not reach {target:0.000}";
    }

    private string? PressBank(SurfaceControl control)
    {
        _surface.Press(ButtonInput(control, 0), 40);
        return null;
    }

    private string? GoToBank(int bank)
    {
        if (bank > Desk.BankCount)
        {
            return $"the {Desk.Layer} layer has {Desk.BankCount} bank(s)";
        }

        for (int guard = 0; guard < 8 && Desk.Bank + 1 != bank; guard++)
        {
            _surface.Press(ButtonInput(Desk.Bank + 1 < bank ? SurfaceControl.BankNext : SurfaceControl.BankPrev, 0), 40);
        }

        return Desk.Bank + 1 == bank ? null : $"bank buttons did not reach bank {bank} (showing {Desk.Bank + 1})";
    }

    private int ButtonInput(SurfaceControl control, int strip) => control switch
    {
        SurfaceControl.Mute => Pins.MuteButtons[strip],
        SurfaceControl.Solo => Pins.SoloButtons[strip],
        SurfaceControl.Select => Pins.SelectButtons[strip],
        SurfaceControl.BankPrev => Pins.BankPrevButton,
        SurfaceControl.BankNext => Pins.BankNextButton,
        SurfaceControl.LayerChannels => Pins.LayerButtons[0],
        SurfaceControl.LayerBuses => Pins.LayerButtons[1],
        SurfaceControl.LayerDcas => Pins.LayerButtons[2],
        SurfaceControl.Sends => Pins.SendsOnFaderButton,
        SurfaceControl.Page => Pins.EncoderPageButton,
        SurfaceControl.Ab => Pins.AbButton,
        SurfaceControl.Bypass => Pins.BypassButton,
        _ => throw new InvalidOperationException($"no button for {control}"),
    };

    private int Led(SurfaceControl control, int strip) => control switch
    {
        SurfaceControl.Mute => Pins.MuteLeds[strip],
        SurfaceControl.Solo => Pins.SoloLeds[strip],
        SurfaceControl.Select => Pins.SelectLeds[strip],
        SurfaceControl.Sends => Pins.SendsOnFaderLed,
        SurfaceControl.Ab => Pins.AbLed,
        SurfaceControl.Bypass => Pins.BypassLed,
        SurfaceControl.Link => Pins.LinkLed,
        _ => throw new InvalidOperationException($"no LED for {control}"),
    };

    private int EncoderParameter(int encoder) =>
        _surface.Engine.FaderDesk is { } desk ? desk.EncoderId(encoder) : _surface.Engine.MasteringPanel.ParameterId(encoder);

    private string Address(int id)
    {
        byte[] address = _surface.Engine.Parameters.Address(id);
        int length = Array.IndexOf(address, (byte)0);
        return System.Text.Encoding.ASCII.GetString(address, 0, length < 0 ? address.Length : length);
    }

    private string FaderName(int strip) =>
        strip == ScriptAction.Master ? "master fader" : $"motor fader {strip + 1} ({Desk.Layer} {Desk.StripTarget(strip)})";
}
