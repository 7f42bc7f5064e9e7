using System.Globalization;
using System.Text;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Writes parameter values for people: "-3.0 dB", "1.25k Hz", "12.5 ms", "L50", "4:1", "PEQ", "ON",
/// "%00000101", "\"Kick\"". The compact form drops the space before the unit so a value is one
/// token, as in /node lines.
/// </summary>
public static class ParameterFormatter
{
    /// <summary>Display text of a real value of <paramref name="spec"/>, unit separated by a space.</summary>
    public static string Format(ParameterSpec spec, float real) => Format(spec, real, compact: false);

    /// <summary>Display text of a real value; <paramref name="compact"/> joins number and unit ("-3.0dB").</summary>
    public static string Format(ParameterSpec spec, float real, bool compact)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var inv = CultureInfo.InvariantCulture;
        switch (spec.Style)
        {
            case DisplayStyle.Label:
                int position = (int)real;
                string label = position >= 0 && position < spec.Labels.Count ? spec.Labels[position] : real.ToString(inv);
                return WithUnit(label, spec.Unit, compact);
            case DisplayStyle.Pan:
                int pan = (int)MathF.Round(real);
                return pan == 0 ? "C" : pan < 0 ? "L" + (-pan).ToString(inv) : "R" + pan.ToString(inv);
            case DisplayStyle.Ratio:
                return real.ToString("0.##", inv) + ":1";
            case DisplayStyle.Bitmap:
                return FormatBitmap((int)real, BitCount(spec.StepCount));
            case DisplayStyle.Text:
                throw new ArgumentException("text parameters are formatted with FormatText", nameof(spec));
            case DisplayStyle.Number when spec.Kind == ParameterKind.Int:
                return WithUnit(((int)real).ToString(inv), spec.Unit, compact);
            default:
                return WithUnit(FormatNumber(real, spec.Unit, out string unit), unit, compact);
        }
    }

    /// <summary>Display text of a text value: quoted, as in X32 /node lines.</summary>
    public static string FormatText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + text + "\"";
    }

    /// <summary>Display text of parameter <paramref name="index"/>'s current value in <paramref name="store"/>.</summary>
    public static string FormatCurrent(ParameterStore store, int index, bool compact = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        var spec = store.Table[index].Spec;
        return spec.Kind == ParameterKind.String ? FormatText(store.GetText(index)) : Format(spec, store.GetReal(index), compact);
    }

    private static string FormatNumber(float real, string unit, out string shownUnit)
    {
        var inv = CultureInfo.InvariantCulture;
        shownUnit = unit;
        if (float.IsNegativeInfinity(real))
        {
            return "-inf";
        }

        switch (unit)
        {
            case "dB":
            case "dBTP":
            case "LUFS":
                // Signed with one decimal as on console displays; -0.0 tells a hair below unity.
                string magnitude = MathF.Abs(real).ToString("0.0", inv);
                return (real < 0 ? "-" : "+") + magnitude;
            case "Hz":
                if (real >= 10000f)
                {
                    shownUnit = "k Hz";
                    return (real / 1000f).ToString("0.0", inv);
                }

                if (real >= 1000f)
                {
                    shownUnit = "k Hz";
                    return (real / 1000f).ToString("0.00", inv);
                }

                return real.ToString("0.0", inv);
            case "ms":
                return real < 10f ? real.ToString("0.00", inv) : real < 100f ? real.ToString("0.0", inv) : real.ToString("0", inv);
            case "s":
                return real.ToString("0.00", inv);
            case "%":
                return real.ToString("0", inv);
            case "BPM":
                return real.ToString("0.0", inv);
            default:
                return real.ToString("0.0#", inv);
        }
    }

    private static string WithUnit(string number, string unit, bool compact)
    {
        if (unit.Length == 0)
        {
            return number;
        }

        // "1.25k Hz" is written "1.25k Hz" in display form and "1.25kHz" compact.
        if (unit.StartsWith("k ", StringComparison.Ordinal))
        {
            return number + (compact ? "k" + unit[2..] : unit);
        }

        return compact ? number + unit : number + " " + unit;
    }

    private static string FormatBitmap(int bits, int width)
    {
        var text = new StringBuilder(width + 1);
        text.Append('%');
        for (int bit = width - 1; bit >= 0; bit--)
        {
            text.Append((bits >> bit & 1) == 1 ? '1' : '0');
        }

        return text.ToString();
    }

    private static int BitCount(int stepCount)
    {
        int width = 0;
        while ((1 << width) < stepCount)
        {
            width++;
        }

        return width;
    }
}
