using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Reads X32 node lines back into values: "/ch/01/mix ON -10.0 ON +0 OFF -oo", as <see cref="NodeText"/> writes
/// them for <c>/node</c> and as X32 scene files (.scn) hold them. The tokens go to the node's parameters in table
/// order (the X32's field order); tokens past the ones this console has are counted, not read. A line is applied
/// whole or not at all: one token that does not read as its parameter's value leaves every value as it was.
/// </summary>
public static class NodeLine
{
    /// <summary>Applies <paramref name="line"/> to <paramref name="store"/> in one batch.</summary>
    public static NodeLineResult Apply(ParameterStore store, string line)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(line);
        if (!TrySplit(line, out string node, out List<string> tokens)) return NodeLineResult.Refused(node, "not a node line (\"/path value ...\")");
        if (!store.Table.TryGetNodeChildren(node, out IReadOnlyList<int> children)) return NodeLineResult.Unknown(node);
        int count = Math.Min(children.Count, tokens.Count);
        var reals = new float[count];
        for (int k = 0; k < count; k++)
        {
            var parameter = store.Table[children[k]];
            bool ok;
            if (X32EffectTypes.TryGetParameterSpec(store, children[k], out var typed))
            {
                // An effect par is written as its slot's type shows it; the store holds the X32's float.
                ok = TryParseToken(typed, tokens[k], out float real);
                reals[k] = typed.ToNormalized(real);
            }
            else
            {
                ok = parameter.Kind == ParameterKind.String
                    ? IsQuoted(tokens[k]) && tokens[k].Length - 2 <= parameter.Spec.MaxLength
                    : TryParseToken(parameter.Spec, tokens[k], out reals[k]);
            }
            if (!ok) return NodeLineResult.Refused(node, $"'{tokens[k]}' is not a value of {parameter.Path}");
        }

        using (store.BeginBatch())
        {
            for (int k = 0; k < count; k++)
            {
                int index = children[k];
                bool set = store.Table[index].Kind == ParameterKind.String
                    ? store.TrySetText(index, tokens[k][1..^1])
                    : store.TrySetReal(index, reals[k]);
                if (!set) return NodeLineResult.Refused(node, $"'{tokens[k]}' is not a value of {store.Table[index].Path}");
            }
        }

        return new NodeLineResult(node, true, count, tokens.Count - count, children.Count - count, null);
    }

    /// <summary>Splits a node line into its path (with its leading '/') and tokens; a quoted token keeps its spaces and quotes.</summary>
    public static bool TrySplit(string line, out string node, out List<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(line);
        tokens = [];
        ReadOnlySpan<char> rest = line.AsSpan().Trim();
        int space = rest.IndexOf(' ');
        node = (space < 0 ? rest : rest[..space]).ToString();
        if (node.Length < 2 || node[0] != '/') return false;
        rest = space < 0 ? [] : rest[(space + 1)..];
        while (true)
        {
            rest = rest.TrimStart(' ');
            if (rest.IsEmpty) return true;
            int end;
            if (rest[0] == '"')
            {
                end = rest[1..].IndexOf('"');
                if (end < 0) return false;
                end += 2;
            }
            else
            {
                end = rest.IndexOf(' ');
                if (end < 0) end = rest.Length;
            }

            tokens.Add(rest[..end].ToString());
            rest = rest[end..];
        }
    }

    /// <summary>
    /// Reads one token as a value of <paramref name="spec"/>: a label ("PEQ", "ON"; any case) or its position, a
    /// bitmap ("%00000101"), "-oo" for -inf, a frequency with the kilo sign for its point ("1k20"), or a number with
    /// an optional sign ("+0", "-10.0", "2.0"). The value must lie in the parameter's range; it is snapped later.
    /// </summary>
    public static bool TryParseToken(ParameterSpec spec, string token, out float real)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(token);
        real = 0;
        if (spec.Style == DisplayStyle.Label)
        {
            for (int k = 0; k < spec.Labels.Count; k++)
            {
                if (string.Equals(spec.Labels[k], token, StringComparison.OrdinalIgnoreCase))
                {
                    real = k;
                    return true;
                }
            }
        }

        if (spec.Style == DisplayStyle.Bitmap)
        {
            if (token.Length < 2 || token[0] != '%') return false;
            int bits = 0;
            foreach (char c in token.AsSpan(1))
            {
                if (c is not ('0' or '1') || bits > (int.MaxValue >> 1)) return false;
                bits = (bits << 1) | (c - '0');
            }

            real = bits;
            return spec.IsValidReal(real);
        }

        if (token == "-oo")
        {
            real = float.NegativeInfinity;
            return spec.IsValidReal(real);
        }

        int kilo = token.IndexOf('k');
        string number = kilo > 0 ? string.Concat(token.AsSpan(0, kilo), ".", token.AsSpan(kilo + 1)) : token;
        if (!double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)) return false;
        real = (float)(kilo > 0 ? value * 1000 : value);
        if (spec.Kind == ParameterKind.Float)
        {
            // "+0.0" and "-0.0" are the grid points either side of zero (the fader's 767 and 768): keep the sign.
            if (value == 0 && token[0] is '+' or '-') real = (token[0] == '-' ? -0.25f : 0.25f) * SmallestDigit(number);

            if (real < spec.Minimum - Tolerance(spec) || real > spec.Maximum + Tolerance(spec)) return false;
            real = Math.Clamp(real, spec.Minimum, spec.Maximum);
        }

        return spec.IsValidReal(real);
    }

    // 0.1 for "+0.0", 1 for "+0": the value of the token's last digit.
    private static float SmallestDigit(string number)
    {
        int point = number.IndexOf('.');
        return point < 0 ? 1f : MathF.Pow(10, -(number.Length - point - 1));
    }

    private static bool IsQuoted(string token) => token.Length >= 2 && token[0] == '"' && token[^1] == '"';

    // Node tokens are rounded for display ("20k00", "+15.00"): an end value may read a hair outside the range.
    private static float Tolerance(ParameterSpec spec) => spec.Kind == ParameterKind.Float ? 0.005f * Math.Max(1f, Math.Abs(spec.Maximum)) : 0f;
}
