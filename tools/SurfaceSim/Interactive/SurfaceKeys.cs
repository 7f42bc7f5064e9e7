using MixConsole.ControlSurface.Virtual;
using MixConsole.SurfaceSim.Scripting;

namespace MixConsole.SurfaceSim.Interactive;

/// <summary>
/// Turns a key into a hand action on the virtual surface (the same moves a script makes, shorter).
/// Keeps the selected strip or encoder and whether the hand rests on its fader.
/// </summary>
public sealed class SurfaceKeys
{
    private const int MoveMs = 40;
    private const int SettleMs = 20;
    private readonly VirtualSurface _surface;
    private readonly bool _desk;

    /// <summary>Keys for <paramref name="surface"/>.</summary>
    public SurfaceKeys(VirtualSurface surface)
    {
        _surface = surface;
        _desk = surface.Engine.FaderDesk is not null;
    }

    /// <summary>Selected strip or encoder, 0-based; <see cref="ScriptAction.Master"/> for the master fader.</summary>
    public int Selected { get; private set; }

    /// <summary>True while the hand rests on the selected fader ('t').</summary>
    public bool Touching { get; private set; }

    /// <summary>What the last key did.</summary>
    public string Status { get; private set; } = "keys: see --help; q quits";

    /// <summary>Acts on <paramref name="key"/>; false when it asks to quit.</summary>
    public bool Handle(ConsoleKeyInfo key)
    {
        char c = char.ToLowerInvariant(key.KeyChar);
        if (c == 'q' || key.Key == ConsoleKey.Escape)
        {
            return false;
        }

        if (c is >= '1' and <= '8')
        {
            Select(c - '1');
            Status = $"{(_desk ? "strip" : "encoder")} {Selected + 1}";
            return true;
        }

        if (c == '9' && _desk)
        {
            Select(ScriptAction.Master);
            Status = "master fader";
            return true;
        }

        switch (key.Key)
        {
            case ConsoleKey.UpArrow: return Nudge(0.01f);
            case ConsoleKey.DownArrow: return Nudge(-0.01f);
            case ConsoleKey.PageUp: return Nudge(0.1f);
            case ConsoleKey.PageDown: return Nudge(-0.1f);
            case ConsoleKey.Home: return MoveTo(FaderLaw.PositionOf(0));
            case ConsoleKey.End: return MoveTo(0);
            case ConsoleKey.RightArrow: return Turn(1);
            case ConsoleKey.LeftArrow: return Turn(-1);
        }

        var pins = _surface.Config.Pins;
        int strip = Selected < 8 ? Selected : 0;
        int input = (_desk, c) switch
        {
            (true, 'm') => pins.MuteButtons[strip],
            (true, 's') => pins.SoloButtons[strip],
            (true, 'e') => pins.SelectButtons[strip],
            (true, '[') => pins.BankPrevButton,
            (true, ']') => pins.BankNextButton,
            (true, 'c') => pins.LayerButtons[0],
            (true, 'b') => pins.LayerButtons[1],
            (true, 'd') => pins.LayerButtons[2],
            (true, 'f') => pins.SendsOnFaderButton,
            (true, 'g') => pins.EncoderPageButton,
            (false, 'a') => pins.AbButton,
            (false, 'p') => pins.BypassButton,
            _ => -1,
        };

        if (input >= 0)
        {
            _surface.Press(input, 40);
            Status = $"pressed '{c}'";
            return true;
        }

        if (c == 't' && _desk)
        {
            Touching = !Touching;
            if (Touching)
            {
                _surface.Touch(Selected);
            }
            else
            {
                _surface.Release(Selected);
            }

            Status = Touching ? $"hand on fader {Name()}" : "hand off";
            return true;
        }

        Status = $"key '{key.Key}' does nothing here (q quits)";
        return true;
    }

    private void Select(int strip)
    {
        if (Touching)
        {
            _surface.Release(Selected);
            Touching = false;
        }

        Selected = strip;
    }

    private bool Nudge(float delta) => MoveTo(_desk ? _surface.Faders.Position(_surface.FaderChannel(Selected)) + delta : 0, delta);

    private bool MoveTo(float position, float delta = 0)
    {
        if (!_desk)
        {
            return Turn(delta > 0 ? 1 : -1);
        }

        position = Math.Clamp(position, 0f, 1f);
        _surface.MoveFader(Selected, position, MoveMs, SettleMs);
        if (Touching)
        {
            // MoveFader lets go at the end; the hand was resting there, so it stays.
            _surface.Touch(Selected);
        }

        Status = $"fader {Name()} to {FaderLaw.Format(position)}";
        return true;
    }

    private bool Turn(int detents)
    {
        int encoder = Selected < 8 ? Selected : 0;
        _surface.TurnEncoder(encoder, detents, 3);
        Status = $"encoder {encoder + 1} {(detents > 0 ? "+" : "")}{detents}";
        return true;
    }

    private string Name() => Selected == ScriptAction.Master ? "master" : (Selected + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
