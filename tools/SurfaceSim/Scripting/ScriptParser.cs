using System.Globalization;
using MixConsole.ControlSurface.Config;

namespace MixConsole.SurfaceSim.Scripting;

/// <summary>
/// Reads a surface script: one action per line, '#' starts a comment. The whole script is checked before
/// anything runs; every problem is reported with its line number.
/// </summary>
public static class ScriptParser
{
    /// <summary>Default tolerance of an expect on a fader position (1 % of travel, about 10 of the 1024 steps).</summary>
    public const float DefaultFaderTolerance = 0.01f;

    /// <summary>Default tolerance of an expect on an encoder value (just over half a pan step).</summary>
    public const float DefaultEncoderTolerance = 0.006f;

    private const string FaderDeskOnly = "works on the fader-desk profile only";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Parses the lines of <paramref name="text"/> for <paramref name="profile"/>; throws <see cref="ScriptException"/> listing every problem.</summary>
    public static IReadOnlyList<ScriptAction> Parse(string text, string profile, string name)
    {
        var actions = new List<ScriptAction>();
        var problems = new List<string>();
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string source = StripComment(lines[i]).Trim();
            if (source.Length == 0)
            {
                continue;
            }

            try
            {
                actions.Add(ParseLine(i + 1, source, profile));
            }
            catch (FormatException e)
            {
                problems.Add($"{name}:{i + 1}: {e.Message}  (in: {source})");
            }
        }

        if (problems.Count > 0)
        {
            throw new ScriptException(problems);
        }

        return actions;
    }

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }

    private static ScriptAction ParseLine(int line, string source, string profile)
    {
        string[] t = source.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        bool desk = profile == ProfileNames.FaderDesk;
        string verb = t[0].ToLowerInvariant();
        switch (verb)
        {
            case "fader":
                RequireDesk(desk, verb);
                Arity(t, 3, "fader S V  (S = strip 1-8 or master; V = 0..1 or a level such as 0dB, -10dB, -inf)");
                return new ScriptAction(line, source, ActionKind.Fader) { Index = FaderStrip(t[1]), Value = FaderValue(t[2]) };
            case "pan":
                RequireDesk(desk, verb);
                Arity(t, 3, "pan S V  (S = strip 1-8; V = 0..1, L100..L1, C, R1..R100)");
                return new ScriptAction(line, source, ActionKind.Pan) { Index = Strip(t[1]), Value = PanValue(t[2]) };
            case "encoder":
                return ParseEncoder(line, source, t);
            case "press":
                return ParsePress(line, source, t, desk);
            case "bank":
                RequireDesk(desk, verb);
                Arity(t, 2, "bank next|prev|N|A-B  (N = 1-based bank, e.g. bank 2 or bank 9-16)");
                return ParseBank(line, source, ActionKind.Bank, t[1], allowStep: true);
            case "layer":
                RequireDesk(desk, verb);
                Arity(t, 2, "layer ch|bus|dca");
                return new ScriptAction(line, source, ActionKind.Layer) { Control = LayerControl(t[1]) };
            case "touch":
            case "release":
                RequireDesk(desk, verb);
                Arity(t, 2, verb + " S  (S = strip 1-8 or master)");
                return new ScriptAction(line, source, verb == "touch" ? ActionKind.Touch : ActionKind.Release) { Index = FaderStrip(t[1]) };
            case "wait":
                Arity(t, 2, "wait MS");
                return new ScriptAction(line, source, ActionKind.Wait) { Count = Milliseconds(t[1]) };
            case "print":
                return new ScriptAction(line, source, ActionKind.Print) { Text = source.Length > 5 ? source[5..].Trim() : "" };
            case "expect":
                if (t.Length < 2)
                {
                    throw new FormatException("expect what? fader, pan, encoder, mute, solo, select, link, ab, bypass, bank or display");
                }

                return ParseExpect(line, source, t, desk);
            default:
                throw new FormatException($"unknown action '{t[0]}'; actions: fader, pan, encoder, press, bank, layer, touch, release, wait, print, expect");
        }
    }

    private static ScriptAction ParseEncoder(int line, string source, string[] t)
    {
        if (t.Length is < 3 or > 4 || (t.Length == 4 && !t[3].Equals("fast", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException("expected: encoder E +N|-N [fast]  (E = encoder 1-8, N detents)");
        }

        if (!int.TryParse(t[2], NumberStyles.AllowLeadingSign, Inv, out int detents) || detents == 0 || Math.Abs(detents) > 1000)
        {
            throw new FormatException($"'{t[2]}' is not a detent count; use +N (clockwise) or -N, N = 1..1000");
        }

        return new ScriptAction(line, source, ActionKind.Encoder) { Index = Strip(t[1]), Count = detents, Fast = t.Length == 4 };
    }

    private static ScriptAction ParsePress(int line, string source, string[] t, bool desk)
    {
        const string Usage = "press mute|solo|select S [HOLD_MS] or press bank-prev|bank-next|layer-ch|layer-bus|layer-dca|sends|page [HOLD_MS] "
            + "(fader-desk); press ab|bypass [HOLD_MS] (mastering-panel)";
        if (t.Length < 2)
        {
            throw new FormatException("expected: " + Usage);
        }

        SurfaceControl control = t[1].ToLowerInvariant() switch
        {
            "mute" => SurfaceControl.Mute,
            "solo" => SurfaceControl.Solo,
            "select" => SurfaceControl.Select,
            "bank-prev" => SurfaceControl.BankPrev,
            "bank-next" => SurfaceControl.BankNext,
            "layer-ch" => SurfaceControl.LayerChannels,
            "layer-bus" => SurfaceControl.LayerBuses,
            "layer-dca" => SurfaceControl.LayerDcas,
            "sends" => SurfaceControl.Sends,
            "page" => SurfaceControl.Page,
            "ab" => SurfaceControl.Ab,
            "bypass" => SurfaceControl.Bypass,
            _ => throw new FormatException($"no button '{t[1]}'; expected: " + Usage),
        };

        bool stripButton = control is SurfaceControl.Mute or SurfaceControl.Solo or SurfaceControl.Select;
        bool panelButton = control is SurfaceControl.Ab or SurfaceControl.Bypass;
        if (panelButton == desk)
        {
            throw new FormatException($"the {(desk ? "fader-desk" : "mastering-panel")} profile has no '{t[1]}' button");
        }

        int at = 2;
        int strip = 0;
        if (stripButton)
        {
            if (t.Length < 3)
            {
                throw new FormatException($"press {t[1]} needs a strip: press {t[1]} S (S = 1-8)");
            }

            strip = Strip(t[2]);
            at = 3;
        }

        int hold = 40;
        if (t.Length == at + 1)
        {
            hold = Milliseconds(t[at]);
        }
        else if (t.Length > at + 1)
        {
            throw new FormatException("expected: " + Usage);
        }

        return new ScriptAction(line, source, ActionKind.Press) { Control = control, Index = strip, Count = hold };
    }

    private static ScriptAction ParseBank(int line, string source, ActionKind kind, string word, bool allowStep)
    {
        string w = word.ToLowerInvariant();
        if (allowStep && (w == "next" || w == "prev"))
        {
            return new ScriptAction(line, source, kind) { Control = w == "next" ? SurfaceControl.BankNext : SurfaceControl.BankPrev };
        }

        int dash = w.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            if (!int.TryParse(w[..dash], NumberStyles.None, Inv, out int first) || !int.TryParse(w[(dash + 1)..], NumberStyles.None, Inv, out int last) ||
                first < 1 || first % 8 != 1 || last != first + 7)
            {
                throw new FormatException($"'{word}' is not a bank; banks are 1-8, 9-16, 17-24, 25-32");
            }

            return new ScriptAction(line, source, kind) { Count = ((first - 1) / 8) + 1 };
        }

        if (!int.TryParse(w, NumberStyles.None, Inv, out int bank) || bank < 1 || bank > 4)
        {
            throw new FormatException($"'{word}' is not a bank; use {(allowStep ? "next, prev, " : "")}1-4 or a range such as 9-16");
        }

        return new ScriptAction(line, source, kind) { Count = bank };
    }

    private static ScriptAction ParseExpect(int line, string source, string[] tokens, bool desk)
    {
        string what = tokens[1].ToLowerInvariant();
        if (what == "display")
        {
            const string DisplayUsage = "expected: expect display LINE TEXT [within MS]  (LINE = 1-8; passes when the line contains TEXT)";
            if (tokens.Length < 4 || !int.TryParse(tokens[2], NumberStyles.None, Inv, out int row) || row < 1 || row > 8)
            {
                throw new FormatException(DisplayUsage);
            }

            int start = source.IndexOf(tokens[2], source.IndexOf(tokens[1], StringComparison.Ordinal) + tokens[1].Length, StringComparison.Ordinal) + tokens[2].Length;
            string text = source[start..].Trim();
            int displayWithin = 0;
            if (tokens.Length >= 6 && tokens[^2].Equals("within", StringComparison.OrdinalIgnoreCase))
            {
                displayWithin = Milliseconds(tokens[^1]);
                text = text[..text.LastIndexOf(tokens[^2], StringComparison.Ordinal)].TrimEnd();
            }

            return new ScriptAction(line, source, ActionKind.ExpectDisplay) { Index = row - 1, Text = text, WithinMs = displayWithin };
        }

        // Optional suffixes, in any order at the end: "within MS", "tol X" (or "±X", "+-X").
        var t = new List<string>(tokens);
        int within = 0;
        float? tolerance = null;
        bool again = true;
        while (again && t.Count >= 3)
        {
            again = false;
            string last = t[^1];
            string before = t[^2].ToLowerInvariant();
            if (before == "within")
            {
                within = Milliseconds(last);
                t.RemoveRange(t.Count - 2, 2);
                again = true;
            }
            else if (before == "tol")
            {
                tolerance = Tolerance(last);
                t.RemoveRange(t.Count - 2, 2);
                again = true;
            }
            else if (last.StartsWith('±') || last.StartsWith("+-", StringComparison.Ordinal))
            {
                tolerance = Tolerance(last.TrimStart('±', '+', '-'));
                t.RemoveAt(t.Count - 1);
                again = true;
            }
        }

        switch (what)
        {
            case "fader":
                RequireDesk(desk, "expect fader");
                Arity(t, 4, "expect fader S V [tol X] [within MS]");
                return new ScriptAction(line, source, ActionKind.ExpectFader)
                { Index = FaderStrip(t[2]), Value = FaderValue(t[3]), Tolerance = tolerance ?? DefaultFaderTolerance, WithinMs = within };
            case "pan":
            case "encoder":
                if (what == "pan")
                {
                    RequireDesk(desk, "expect pan");
                }

                Arity(t, 4, $"expect {what} {(what == "pan" ? "S" : "E")} V [tol X] [within MS]");
                return new ScriptAction(line, source, ActionKind.ExpectEncoder)
                {
                    Index = Strip(t[2]),
                    Value = desk ? PanValue(t[3]) : UnitValue(t[3]),
                    Tolerance = tolerance ?? DefaultEncoderTolerance,
                    WithinMs = within,
                };
            case "mute":
            case "solo":
            case "select":
                RequireDesk(desk, "expect " + what);
                Arity(t, 4, $"expect {what} S on|off [within MS]");
                return new ScriptAction(line, source, ActionKind.ExpectLed)
                {
                    Control = what == "mute" ? SurfaceControl.Mute : what == "solo" ? SurfaceControl.Solo : SurfaceControl.Select,
                    Index = Strip(t[2]),
                    On = OnOff(t[3]),
                    WithinMs = within,
                };
            case "sends":
                RequireDesk(desk, "expect sends");
                Arity(t, 3, "expect sends on|off [within MS]");
                return new ScriptAction(line, source, ActionKind.ExpectLed) { Control = SurfaceControl.Sends, On = OnOff(t[2]), WithinMs = within };
            case "ring":
                Arity(t, 4, "expect ring E V [within MS]  (V = 0..1, the value the ring shows)");
                return new ScriptAction(line, source, ActionKind.ExpectRing) { Index = Strip(t[2]), Value = UnitValue(t[3]), WithinMs = within };
            case "strips":
                RequireDesk(desk, "expect strips");
                Arity(t, 3, "expect strips N [within MS]");
                return new ScriptAction(line, source, ActionKind.ExpectStrips) { Count = StripCount(t[2]), WithinMs = within };
            case "ab":
            case "bypass":
                if (desk)
                {
                    throw new FormatException($"the fader-desk profile has no {what} LED");
                }

                Arity(t, 3, $"expect {what} on|off [within MS]");
                return new ScriptAction(line, source, ActionKind.ExpectLed)
                { Control = what == "ab" ? SurfaceControl.Ab : SurfaceControl.Bypass, On = OnOff(t[2]), WithinMs = within };
            case "link":
                Arity(t, 3, "expect link up|down [within MS]");
                return new ScriptAction(line, source, ActionKind.ExpectLink) { On = OnOff(t[2]), WithinMs = within };
            case "bank":
                RequireDesk(desk, "expect bank");
                Arity(t, 3, "expect bank N|A-B [within MS]");
                return ParseBank(line, source, ActionKind.ExpectBank, t[2], allowStep: false) with { WithinMs = within };
            default:
                throw new FormatException($"cannot expect '{tokens[1]}'; expect fader, pan, encoder, ring, strips, mute, solo, select, sends, link, ab, bypass, bank or display");
        }
    }

    private static void RequireDesk(bool desk, string what)
    {
        if (!desk)
        {
            throw new FormatException($"'{what}' {FaderDeskOnly}");
        }
    }

    private static void Arity(IReadOnlyList<string> t, int count, string usage)
    {
        if (t.Count != count)
        {
            throw new FormatException("expected: " + usage);
        }
    }

    private static int Strip(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, Inv, out int s) || s < 1 || s > 8)
        {
            string hint = s is > 8 and <= 32 ? $"; strips are physical: after 'bank {(((s - 1) / 8) * 8) + 1}-{(((s - 1) / 8) * 8) + 8}' channel {s} is on strip {((s - 1) % 8) + 1}" : "";
            throw new FormatException($"'{text}' is not a strip or encoder number (1-8){hint}");
        }

        return s - 1;
    }

    private static int StripCount(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, Inv, out int n) || n > 8)
        {
            throw new FormatException($"'{text}' is not a number of strips (0-8)");
        }

        return n;
    }

    private static int FaderStrip(string text)
    {
        string w = text.ToLowerInvariant();
        return w is "master" or "main" or "m" ? ScriptAction.Master : Strip(text);
    }

    /// <summary>A fader position: 0..1, or a level on the X32 fader law ("0dB", "-12.5dB", "+10dB", "-inf").</summary>
    internal static float FaderValue(string text)
    {
        string w = text.Trim();
        if (w.Equals("-inf", StringComparison.OrdinalIgnoreCase) || w.Equals("-infdb", StringComparison.OrdinalIgnoreCase))
        {
            return 0f;
        }

        if (w.EndsWith("db", StringComparison.OrdinalIgnoreCase))
        {
            if (!double.TryParse(w[..^2], NumberStyles.Float, Inv, out double db) || double.IsNaN(db) || db > FaderLaw.MaxDb)
            {
                throw new FormatException($"'{text}' is not a fader level; levels run from -inf to +10dB");
            }

            return FaderLaw.PositionOf(db);
        }

        return UnitValue(text, "a fader position (0..1) or level (e.g. 0dB, -10dB, -inf)");
    }

    /// <summary>A pan: 0..1, C, L1..L100 or R1..R100 (the host's -100..+100 in steps of 2).</summary>
    internal static float PanValue(string text)
    {
        string w = text.Trim().ToUpperInvariant();
        if (w == "C")
        {
            return 0.5f;
        }

        if ((w.StartsWith('L') || w.StartsWith('R')) && int.TryParse(w[1..], NumberStyles.None, Inv, out int amount))
        {
            if (amount < 1 || amount > 100)
            {
                throw new FormatException($"'{text}' is out of range; pan runs L100..C..R100");
            }

            return 0.5f + ((w[0] == 'L' ? -amount : amount) / 200f);
        }

        return UnitValue(text, "a pan (0..1, L100..L1, C, R1..R100)");
    }

    private static float UnitValue(string text, string what = "a value 0..1")
    {
        if (!float.TryParse(text, NumberStyles.Float, Inv, out float v) || float.IsNaN(v) || v < 0 || v > 1)
        {
            throw new FormatException($"'{text}' is not {what}");
        }

        return v;
    }

    private static float Tolerance(string text)
    {
        if (!float.TryParse(text, NumberStyles.Float, Inv, out float v) || float.IsNaN(v) || v < 0 || v > 1)
        {
            throw new FormatException($"'{text}' is not a tolerance (0..1 of travel)");
        }

        return v;
    }

    private static int Milliseconds(string text)
    {
        string w = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? text[..^2] : text;
        if (!int.TryParse(w, NumberStyles.None, Inv, out int ms) || ms > 600_000)
        {
            throw new FormatException($"'{text}' is not a time in milliseconds (0..600000)");
        }

        return ms;
    }

    private static bool OnOff(string text) => text.ToLowerInvariant() switch
    {
        "on" or "up" or "lit" or "1" => true,
        "off" or "down" or "dark" or "0" => false,
        _ => throw new FormatException($"'{text}' is not a state; use on|off (link: up|down)"),
    };

    private static SurfaceControl LayerControl(string text) => text.ToLowerInvariant() switch
    {
        "ch" or "channels" => SurfaceControl.LayerChannels,
        "bus" or "buses" => SurfaceControl.LayerBuses,
        "dca" or "dcas" => SurfaceControl.LayerDcas,
        _ => throw new FormatException($"no layer '{text}'; layers: ch, bus, dca"),
    };
}
