using System.Text;
using System.Text.RegularExpressions;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Reads an X32 scene file (.scn, the console's and X32-Edit's text form): a header line
/// <c>#4.0# "name" "notes" %000000000 1</c> then one node line per node (<c>/ch/01/mix ON -10.0 ON +0 OFF -oo</c>).
/// Every line for a node this console has is applied (<see cref="NodeLine"/>); the rest is listed, grouped by
/// family, so the user sees what did not come across.
/// </summary>
public static partial class X32SceneFile
{
    /// <summary>True when <paramref name="text"/> starts like an X32 scene file ("#" and a version, then '#').</summary>
    public static bool Looks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HeaderPattern().IsMatch(text);
    }

    /// <summary>
    /// Applies every node line of <paramref name="text"/> to <paramref name="store"/> (from its defaults first, so the
    /// store then holds the scene) and says what was read and what was skipped.
    /// </summary>
    /// <exception cref="SceneFormatException">Not an X32 scene file.</exception>
    public static X32SceneImport Read(ParameterStore store, string text)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        Match header = HeaderPattern().Match(lines[0]);
        if (!header.Success) throw new SceneFormatException("not an X32 scene file (its first line starts #VERSION#)");
        NodeLine.TrySplit("/header " + lines[0][header.Length..], out _, out List<string> fields);
        string name = fields.Count > 0 && fields[0].StartsWith('"') ? fields[0][1..^1] : "";
        string notes = fields.Count > 1 && fields[1].StartsWith('"') ? fields[1][1..^1] : "";

        store.ResetSceneToDefaults();
        int applied = 0, nodes = 0;
        var skipped = new SortedDictionary<string, SkippedFamily>(StringComparer.Ordinal);
        using (store.BeginBatch())
        {
            for (int n = 1; n < lines.Length; n++)
            {
                string line = lines[n].Trim();
                if (line.Length == 0 || line[0] != '/') continue;
                NodeLineResult result = NodeLine.Apply(store, line);
                string reason = !result.Known ? "not on this console"
                    : result.Problem is { } problem ? problem
                    : result.ExtraTokens > 0 ? $"{result.ExtraTokens} field(s) past the {result.Applied} read here"
                    : "";
                if (result.Known && result.Problem is null)
                {
                    nodes++;
                    applied += result.Applied;
                }

                if (reason.Length == 0) continue;
                // Numbers become '#', so /headamp/000 to /headamp/127 are one family.
                string family = DigitsPattern().Replace(result.Node, "#");
                string key = family + "\n" + DigitsPattern().Replace(reason, "#");
                skipped[key] = skipped.TryGetValue(key, out SkippedFamily? seen)
                    ? seen with { Lines = seen.Lines + 1 }
                    : new SkippedFamily(family, result.Known && result.Problem is null, reason, 1);
            }
        }

        return new X32SceneImport(name, notes, nodes, applied, [.. skipped.Values]);
    }

    /// <summary>The skipped lines as text, one family per line ("/headamp/# (128 lines): skipped, not on this console").</summary>
    public static string Describe(X32SceneImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var text = new StringBuilder();
        foreach (SkippedFamily family in import.Skipped)
        {
            text.Append("  ").Append(family.Family).Append(" (").Append(family.Lines).Append(family.Lines == 1 ? " line" : " lines").Append("): ")
                .Append(family.PartlyRead ? "read in part, " : "skipped, ").Append(family.Reason).Append('\n');
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^#[0-9]+\.[0-9]+#")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitsPattern();
}
