using System.Globalization;

namespace MixConsole.Mastering.Matching;

/// <summary>How far reference matching moves each property toward the reference, each 0..100 %.</summary>
/// <param name="LoudnessPercent">Integrated loudness (LUFS).</param>
/// <param name="EqPercent">Average mid and side spectra (smoothed, linear-phase).</param>
/// <param name="WidthPercent">Side-to-mid energy ratio.</param>
public sealed record MatchAmounts(double LoudnessPercent, double EqPercent, double WidthPercent)
{
    /// <summary>Defaults: loudness 100 %, EQ 70 %, width 50 %.</summary>
    public static MatchAmounts Default { get; } = new(100, 70, 50);

    /// <summary>
    /// Parses "loudness=100,eq=70,width=50" (any subset; the rest keep their defaults). Returns false with a
    /// one-line <paramref name="error"/> for unknown names or amounts outside 0..100.
    /// </summary>
    public static bool TryParse(string text, out MatchAmounts amounts, out string error)
    {
        amounts = Default;
        error = "";
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            string name = eq < 0 ? part : part[..eq].Trim().ToLowerInvariant();
            string value = eq < 0 ? "" : part[(eq + 1)..].Trim().TrimEnd('%');
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) || percent < 0 || percent > 100)
            {
                error = $"'{part}': expected NAME=PERCENT with PERCENT from 0 to 100, e.g. eq=70";
                return false;
            }
            switch (name)
            {
                case "loudness": amounts = amounts with { LoudnessPercent = percent }; break;
                case "eq": amounts = amounts with { EqPercent = percent }; break;
                case "width": amounts = amounts with { WidthPercent = percent }; break;
                default:
                    error = $"'{name}' is not a matchable property (loudness, eq, width)";
                    return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"loudness={LoudnessPercent:0.#},eq={EqPercent:0.#},width={WidthPercent:0.#}");
}
