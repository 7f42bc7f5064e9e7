using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Writes parameter values for people: "-3.0 dB", "1.25k Hz", "12.5 ms", "L50", "4:1", "PEQ", "ON",
/// "%00000101", "\"Kick\"". The compact form is the X32 <c>/node</c> token: no unit, the X32's
/// precision and signs ("-0.0", "-oo", "+0", "1k20", "4.0", "PEQ"). The <c>TryFormat</c> forms write into
/// a span and allocate nothing (the OSC answers); the string forms are made from them.
/// </summary>
public static class ParameterFormatter
{
    // Longer than any value's display text (labels, units, a 32-bit bitmap, a quoted name).
    private const int MaxChars = 256;

    /// <summary>Display text of a real value of <paramref name="spec"/>, unit separated by a space.</summary>
    public static string Format(ParameterSpec spec, float real) => Format(spec, real, compact: false);

    /// <summary>Display text of a real value; <paramref name="compact"/> gives the X32 /node token ("-3.00").</summary>
    public static string Format(ParameterSpec spec, float real, bool compact)
    {
        Span<char> text = stackalloc char[MaxChars];
        return TryFormat(spec, real, compact, text, out int written) ? new string(text[..written]) : throw new InvalidOperationException("display text too long");
    }

    /// <summary>
    /// Writes the display text of a real value of <paramref name="spec"/> into <paramref name="destination"/>;
    /// false (and <paramref name="charsWritten"/> 0) when it does not fit. Allocates nothing.
    /// </summary>
    public static bool TryFormat(ParameterSpec spec, float real, bool compact, Span<char> destination, out int charsWritten)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = new TextSpan(destination);
        if (compact)
        {
            AppendNodeToken(ref text, spec, real);
            return text.Finish(out charsWritten);
        }

        switch (spec.Style)
        {
            case DisplayStyle.Label:
                if (!TryAppendLabel(ref text, spec, real))
                {
                    text.Append(real, default);
                }

                text.AppendUnit(spec.Unit);
                break;
            case DisplayStyle.Pan:
                int pan = (int)MathF.Round(real);
                if (pan == 0)
                {
                    text.Append('C');
                }
                else
                {
                    text.Append(pan < 0 ? 'L' : 'R');
                    text.Append(pan < 0 ? -pan : pan);
                }

                break;
            case DisplayStyle.Bitmap:
                AppendBitmap(ref text, spec, (int)real);
                break;
            case DisplayStyle.Text:
                throw new ArgumentException("text parameters are formatted with FormatText", nameof(spec));
            case DisplayStyle.Number when spec.Kind == ParameterKind.Int:
                text.Append((int)real);
                text.AppendUnit(spec.Unit);
                break;
            default:
                string unit = AppendNumber(ref text, real, spec.Unit);
                text.AppendUnit(unit);
                break;
        }

        return text.Finish(out charsWritten);
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
        if (X32EffectTypes.TryGetParameterSpec(store, index, out var typed)) return Format(typed, typed.FromNormalized(store.GetNormalized(index)), compact);
        return spec.Kind == ParameterKind.String ? FormatText(store.GetText(index)) : Format(spec, store.GetReal(index), compact);
    }

    /// <summary><see cref="FormatCurrent"/> into a span; false when it does not fit. Allocates nothing.</summary>
    public static bool TryFormatCurrent(ParameterStore store, int index, bool compact, Span<char> destination, out int charsWritten)
    {
        ArgumentNullException.ThrowIfNull(store);
        var spec = store.Table[index].Spec;
        if (X32EffectTypes.TryGetParameterSpec(store, index, out var typed))
        {
            // An effect par as its slot's type shows it ("5k74", "X"); the store holds the X32's float.
            return TryFormat(typed, typed.FromNormalized(store.GetNormalized(index)), compact, destination, out charsWritten);
        }

        if (spec.Kind != ParameterKind.String)
        {
            return TryFormat(spec, store.GetReal(index), compact, destination, out charsWritten);
        }

        var text = new TextSpan(destination);
        text.Append('"');
        text.Append(store.GetText(index));
        text.Append('"');
        return text.Finish(out charsWritten);
    }

    // The X32 /node token: levels "+0.0"/"-oo", pan "+0", frequencies "124.7"/"1k20", labels as they are.
    private static void AppendNodeToken(ref TextSpan text, ParameterSpec spec, float real)
    {
        switch (spec.Style)
        {
            case DisplayStyle.Label:
                if (!TryAppendLabel(ref text, spec, real))
                {
                    text.Append((int)real);
                }

                return;
            case DisplayStyle.Pan:
                AppendSigned(ref text, MathF.Round(real), "0");
                return;
            case DisplayStyle.Bitmap:
                AppendBitmap(ref text, spec, (int)real);
                return;
            case DisplayStyle.Number when spec.Kind == ParameterKind.Int:
                text.Append((int)real);
                return;
        }

        if (float.IsNegativeInfinity(real))
        {
            text.Append("-oo");
        }
        else if (spec.Unit == "Hz" && real >= 1000f)
        {
            // 1020 Hz is "1k02", 10 kHz "10k00": the kilo sign stands in for the point.
            int hundredths = (int)MathF.Round(real / 10f);
            text.Append(hundredths / 100);
            text.Append('k');
            text.Append((char)('0' + hundredths % 100 / 10));
            text.Append((char)('0' + hundredths % 10));
        }
        else if (spec.Mapping is FaderLawMapping)
        {
            AppendSigned(ref text, real, "0.0");
        }
        else
        {
            ReadOnlySpan<char> format = spec.NodeDecimals switch { 0 => "0", 1 => "0.0", 2 => "0.00", _ => "0.000" };
            if (spec.NodeSigned)
            {
                AppendSigned(ref text, real, format);
            }
            else
            {
                text.Append(real, format);
            }
        }
    }

    // "+0.0" and "-0.0" as printf's %+ writes them: the sign of a value that rounds to zero is kept.
    private static void AppendSigned(ref TextSpan text, float real, ReadOnlySpan<char> format)
    {
        text.Append(real < 0 || (real == 0 && float.IsNegative(real)) ? '-' : '+');
        text.Append(MathF.Abs(real), format);
    }

    private static bool TryAppendLabel(ref TextSpan text, ParameterSpec spec, float real)
    {
        int position = (int)real;
        if (position < 0 || position >= spec.Labels.Count)
        {
            return false;
        }

        text.Append(spec.Labels[position]);
        return true;
    }

    private static void AppendBitmap(ref TextSpan text, ParameterSpec spec, int bits)
    {
        text.Append('%');
        for (int bit = BitCount(spec.StepCount) - 1; bit >= 0; bit--)
        {
            text.Append((bits >> bit & 1) == 1 ? '1' : '0');
        }
    }

    // Writes the number and returns the unit to show after it ("k Hz" from 1 kHz up).
    private static string AppendNumber(ref TextSpan text, float real, string unit)
    {
        if (float.IsNegativeInfinity(real))
        {
            text.Append("-inf");
            return unit;
        }

        switch (unit)
        {
            case "dB":
            case "dBTP":
            case "LUFS":
                // Signed with one decimal as on console displays; -0.0 tells a hair below unity.
                text.Append(real < 0 ? '-' : '+');
                text.Append(MathF.Abs(real), "0.0");
                return unit;
            case "Hz":
                if (real >= 1000f)
                {
                    text.Append(real / 1000f, real >= 10000f ? "0.0" : "0.00");
                    return "k Hz";
                }

                text.Append(real, "0.0");
                return unit;
            case "ms":
                text.Append(real, real < 10f ? "0.00" : real < 100f ? "0.0" : "0");
                return unit;
            case "s":
                text.Append(real, "0.00");
                return unit;
            case "%":
                text.Append(real, "0");
                return unit;
            case "BPM":
                text.Append(real, "0.0");
                return unit;
            default:
                text.Append(real, "0.0#");
                return unit;
        }
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

    /// <summary>Appends to a span, remembering whether everything fitted.</summary>
    private ref struct TextSpan(Span<char> destination)
    {
        private readonly Span<char> _destination = destination;
        private int _length;
        private bool _overflow;

        public void Append(char value)
        {
            if (_length < _destination.Length)
            {
                _destination[_length++] = value;
            }
            else
            {
                _overflow = true;
            }
        }

        public void Append(ReadOnlySpan<char> value)
        {
            if (value.TryCopyTo(_destination.Slice(_length)))
            {
                _length += value.Length;
            }
            else
            {
                _overflow = true;
            }
        }

        public void Append(int value)
        {
            if (value.TryFormat(_destination.Slice(_length), out int written, default, CultureInfo.InvariantCulture))
            {
                _length += written;
            }
            else
            {
                _overflow = true;
            }
        }

        public void Append(float value, ReadOnlySpan<char> format)
        {
            if (value.TryFormat(_destination.Slice(_length), out int written, format, CultureInfo.InvariantCulture))
            {
                _length += written;
            }
            else
            {
                _overflow = true;
            }
        }

        // "1.25k Hz": the kilo prefix sits on the number, the unit after a space; a ratio's ":1" sits on it too ("4.0:1").
        public void AppendUnit(string unit)
        {
            if (unit.Length == 0)
            {
                return;
            }

            if (!unit.StartsWith("k ", StringComparison.Ordinal) && unit[0] != ':')
            {
                Append(' ');
            }

            Append(unit);
        }

        public readonly bool Finish(out int charsWritten)
        {
            charsWritten = _overflow ? 0 : _length;
            return !_overflow;
        }
    }
}
