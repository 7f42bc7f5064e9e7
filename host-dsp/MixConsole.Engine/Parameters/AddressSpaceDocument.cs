using System.Globalization;
using System.Text;
using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Generates host-dsp/ADDRESS-SPACE.md from the parameter table: every path pattern with its
/// instances collapsed (/ch/[01..32]/mix/fader), type, range, unit, step count, default and mapping.
/// A test keeps the checked-in file equal to <see cref="Generate()"/>.
/// </summary>
public static class AddressSpaceDocument
{
    /// <summary>Repository-relative path of the generated document.</summary>
    public const string RelativePath = "host-dsp/ADDRESS-SPACE.md";

    /// <summary>How to regenerate the document (printed by the staleness test).</summary>
    public const string RegenerateCommand =
        "UPDATE_ADDRESS_SPACE=1 dotnet test tests/MixConsole.Engine.Tests -c Release --filter \"FullyQualifiedName~AddressSpaceDocument\"";

    /// <summary>The document for the default console size.</summary>
    public static string Generate() => Generate(ParameterTable.Create(ConsoleConfig.Default));

    /// <summary>The document for <paramref name="table"/>.</summary>
    public static string Generate(ParameterTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var config = table.Config;
        var small = ParameterTable.Create(ConsoleConfig.Pi4Cs42448);
        var text = new StringBuilder();
        text.Append("# MixConsole address space\n\n");
        text.Append("Generated from the parameter table (`host-dsp/MixConsole.Engine/Parameters/ConsoleAddressSpace.cs`); do not edit by hand.\n");
        text.Append("Regenerate with:\n\n```\n").Append(RegenerateCommand).Append("\n```\n\n");
        text.Append(Invariant($"Console size: {config.Channels} channels, {config.Buses} buses, {config.FxSlots} effect slots, {config.Dcas} DCAs, {config.MuteGroups} mute groups: {table.Count} parameters. "));
        text.Append(Invariant($"The `{ConsoleConfig.Pi4Cs42448ProfileName}` profile ({small.Config.Channels} channels, {small.Config.Buses} buses, {small.Config.FxSlots} effect slots, {small.Config.Dcas} DCAs, {small.Config.MuteGroups} mute groups) has the same paths over fewer instances: {small.Count} parameters.\n\n"));

        text.Append("## On the wire (X32-style OSC)\n\n");
        text.Append("- `float (f)`: an OSC float 0..1, snapped to the parameter's step grid: grid point k of N is k / (N - 1). Its real value follows the mapping. An OSC int k also selects grid point k.\n");
        text.Append("- `enum (i)`, `bool (i)`, `int (i)`: an OSC int, the value itself (an enum's position; a switch's 0/1, where `mix/on` 1 = ON = unmuted as on the X32). Enums and switches also take their label as a string, and a float f selects round(f * (N - 1)).\n");
        text.Append("- `string (s)`: an OSC string, printable ASCII up to the length given.\n");
        text.Append("- A message with no argument queries the value. `/node ,s ch/01/mix` answers one line with the values directly below that node, in the order of this table (the X32's), written as the X32 writes them: `/ch/01/mix ON -0.0 ON +0 OFF -oo`.\n");
        text.Append("- Paths are the X32's (fw 4.06) where the X32 has one (`/master`, sends to effect slots and effect parameters are this console's own; solo switches past the X32's 80 follow StripSelection). A leaf whose meaning begins \"" + ConsoleAddressSpace.KeptForCompatibility.TrimEnd(' ', ':') + "\" is X32 hardware this console has nothing to act on: it is stored, echoed and saved so X32 apps read a whole console; the reason follows.\n");
        text.Append("- Commands that are not parameters (`/xremote`, `/meters/N`, scene slots, and the mastering box's live loudness: a query of `/master/loudness` answers `,ffffff` momentary, short-term and integrated LUFS, LRA in LU, true-peak maximum in dBTP and limiter gain reduction in dB; `/master/loudness/reset` restarts them; `/master/record ,i 1` and `,i 0` start and stop recording the print; the master settings' `/master/copy` and `/master/preset...`) are listed in `host-dsp/MixConsole.Control/Server/README.md`.\n");
        text.Append("- Scenes (`{\"parameters\": {\"/ch/01/mix/fader\": 0.75}}`) hold the same values as the wire.");
        AppendConsoleState(text, table);
        text.Append("\n\n");
        text.Append("Numbers in brackets are instances: `[01..32]` every number from 01 to 32, `[01..31 by 2]` every second one.\n\n");

        text.Append("## Mappings\n\n");
        var seenMappings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in table.Parameters)
        {
            if (parameter.Kind == ParameterKind.String)
            {
                continue;
            }

            string description = parameter.Spec.Mapping.Describe();
            if (parameter.Spec.Mapping is LogMapping or LinearMapping or IntegerMapping)
            {
                continue;
            }

            if (seenMappings.Add(description))
            {
                text.Append("- ").Append(description).Append('\n');
            }
        }

        text.Append("- log: real = a * (b / a)^f, a at f = 0 and b at f = 1 (equal knob travel, equal ratio)\n");
        text.Append("- linear: real = a + (b - a) * f; the step is (b - a) / (N - 1)\n");
        text.Append("- enum, bool, bitmap, index: the int as sent\n");

        var groups = GroupRows(table);
        string section = "";
        foreach (var group in groups)
        {
            string top = TopSection(group.Pattern);
            if (top != section)
            {
                section = top;
                text.Append("\n## ").Append(section).Append("\n\n");
                text.Append("| Path | Type | Range | Unit | Steps | Default | Mapping | Meaning |\n");
                text.Append("|---|---|---|---|---|---|---|---|\n");
            }

            AppendRow(text, group);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, Group group)
    {
        var spec = group.Spec;
        text.Append("| `").Append(group.Pattern).Append("` | ");
        text.Append(TypeName(spec)).Append(" | ");
        text.Append(RangeText(spec)).Append(" | ");
        text.Append(spec.Unit.Length == 0 ? "" : spec.Unit).Append(" | ");
        text.Append(spec.Kind == ParameterKind.String ? "" : spec.StepCount.ToString(CultureInfo.InvariantCulture)).Append(" | ");
        text.Append(DefaultText(spec)).Append(" | ");
        text.Append(MappingText(spec)).Append(" | ");
        text.Append(spec.Description);
        if (!spec.InScenes)
        {
            text.Append(". Console state: scenes neither save nor recall it");
        }

        text.Append(" |\n");
    }

    private static void AppendConsoleState(StringBuilder text, ParameterTable table)
    {
        var paths = new List<string>();
        foreach (var parameter in table.Parameters)
        {
            // The X32's preferences and solo switches are console state as a whole: one entry for each family.
            string path = parameter.Path.StartsWith("/-prefs/", StringComparison.Ordinal) ? "/-prefs/..."
                : parameter.Path.StartsWith(StripSelection.SoloSwitchPrefix, StringComparison.Ordinal) ? StripSelection.SoloSwitchPrefix + "NN" : parameter.Path;
            if (!parameter.InScenes && !paths.Contains("`" + path + "`"))
            {
                paths.Add("`" + path + "`");
            }
        }

        if (paths.Count == 0)
        {
            return;
        }

        // Listed from the table, so a future console-state parameter documents itself.
        text.Append(" Console state is not part of a mix: a scene does not save ").Append(string.Join(", ", paths));
        text.Append(", and loading one leaves it as it is (as on an X32; an older scene that names it still loads).");
    }

    private static string TypeName(ParameterSpec spec) => spec.Kind switch
    {
        ParameterKind.Float => "float (f)",
        ParameterKind.Int => "int (i)",
        ParameterKind.Enum => "enum (i)",
        ParameterKind.Bool => "bool (i)",
        _ => "string (s)",
    };

    private static string RangeText(ParameterSpec spec)
    {
        switch (spec.Kind)
        {
            case ParameterKind.String:
                return Invariant($"up to {spec.MaxLength} chars");
            case ParameterKind.Int:
                return Invariant($"0..{spec.StepCount - 1}");
            case ParameterKind.Enum:
            case ParameterKind.Bool:
                var labels = new StringBuilder();
                for (int i = 0; i < spec.Labels.Count; i++)
                {
                    labels.Append(i > 0 ? ", " : "").Append(i.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(spec.Labels[i]);
                }

                return labels.ToString();
            default:
                return ParameterFormatter.Format(spec, spec.RealAt(0)) + " .. " + ParameterFormatter.Format(spec, spec.RealAt(spec.StepCount - 1));
        }
    }

    private static string DefaultText(ParameterSpec spec)
    {
        switch (spec.Kind)
        {
            case ParameterKind.String:
                return ParameterFormatter.FormatText(spec.DefaultText).Replace("\"\"", "\"\" (empty)", StringComparison.Ordinal);
            case ParameterKind.Float:
                return ParameterFormatter.Format(spec, spec.Default) + " = " + spec.NormalizedAt(spec.DefaultGridIndex).ToString("0.0000", CultureInfo.InvariantCulture);
            default:
                return ParameterFormatter.Format(spec, spec.Default) + " = " + ((int)spec.Default).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string MappingText(ParameterSpec spec)
    {
        if (spec.Kind == ParameterKind.String)
        {
            return "text";
        }

        return spec.Mapping switch
        {
            LinearMapping linear => "linear, step " + ((linear.RealAtOne - linear.RealAtZero) / (spec.StepCount - 1)).ToString("G6", CultureInfo.InvariantCulture),
            _ => spec.Mapping.Name,
        };
    }

    private static string TopSection(string pattern)
    {
        int second = pattern.IndexOf('/', 1);
        string top = second < 0 ? pattern : pattern[..second];
        return top switch
        {
            "/ch" => "Input channels `/ch`",
            "/bus" => "Mix buses `/bus`",
            "/fx" => "Effect slots `/fx`",
            "/fxrtn" => "Effect returns `/fxrtn`",
            "/main" => "Main buses `/main`",
            "/dca" => "DCA groups `/dca`",
            "/config" => "Console `/config`",
            "/master" => "Master chain `/master`",
            "/-stat" => "Console state `/-stat`",
            _ => "`" + top + "`",
        };
    }

    private sealed class Group(string shape, ParameterSpec spec, int positions)
    {
        public string Shape { get; } = shape;

        public ParameterSpec Spec { get; } = spec;

        public List<string[]> Instances { get; } = [];

        public int Positions { get; } = positions;

        public string Pattern { get; set; } = "";
    }

    private static List<Group> GroupRows(ParameterTable table)
    {
        var groups = new List<Group>();
        var byKey = new Dictionary<(string Shape, ParameterSpec Spec), Group>();
        foreach (var parameter in table.Parameters)
        {
            string[] segments = parameter.Path.Split('/');
            var numbers = new List<string>();
            var shape = new StringBuilder();
            for (int i = 1; i < segments.Length; i++)
            {
                shape.Append('/');
                if (IsNumber(segments[i]))
                {
                    shape.Append('#');
                    numbers.Add(segments[i]);
                }
                else
                {
                    shape.Append(segments[i]);
                }
            }

            var key = (shape.ToString(), parameter.Spec);
            if (!byKey.TryGetValue(key, out var group))
            {
                group = new Group(key.Item1, parameter.Spec, numbers.Count);
                byKey.Add(key, group);
                groups.Add(group);
            }

            group.Instances.Add(numbers.ToArray());
        }

        var rows = new List<Group>();
        foreach (var group in groups)
        {
            if (TryCollapse(group, out string pattern))
            {
                group.Pattern = pattern;
                rows.Add(group);
                continue;
            }

            // Not a full grid of instances: one row per path keeps the document true.
            foreach (var instance in group.Instances)
            {
                var single = new Group(group.Shape, group.Spec, group.Positions);
                single.Instances.Add(instance);
                TryCollapse(single, out string one);
                single.Pattern = one;
                rows.Add(single);
            }
        }

        return rows;
    }

    private static bool TryCollapse(Group group, out string pattern)
    {
        var values = new List<SortedSet<int>>();
        var widths = new int[group.Positions];
        for (int p = 0; p < group.Positions; p++)
        {
            values.Add([]);
        }

        foreach (var instance in group.Instances)
        {
            for (int p = 0; p < group.Positions; p++)
            {
                values[p].Add(int.Parse(instance[p], CultureInfo.InvariantCulture));
                // The narrowest instance sets the padding: unpadded X32 numbers (btn/5..12) read back as written.
                widths[p] = widths[p] == 0 ? instance[p].Length : Math.Min(widths[p], instance[p].Length);
            }
        }

        long product = 1;
        foreach (var set in values)
        {
            product *= set.Count;
        }

        var text = new StringBuilder();
        int position = 0;
        string[] parts = group.Shape.Split('/');
        for (int i = 1; i < parts.Length; i++)
        {
            text.Append('/');
            if (parts[i] == "#")
            {
                text.Append(Collapse(values[position], widths[position]));
                position++;
            }
            else
            {
                text.Append(parts[i]);
            }
        }

        pattern = text.ToString();
        return product == group.Instances.Count;
    }

    private static string Collapse(SortedSet<int> numbers, int width)
    {
        string format = new('0', width);
        if (numbers.Count == 1)
        {
            return numbers.Min.ToString(format, CultureInfo.InvariantCulture);
        }

        int first = numbers.Min;
        int last = numbers.Max;
        int step = (last - first) / (numbers.Count - 1);
        bool even = step > 0 && (last - first) % (numbers.Count - 1) == 0;
        if (even)
        {
            int expected = first;
            foreach (int n in numbers)
            {
                even &= n == expected;
                expected += step;
            }
        }

        string a = first.ToString(format, CultureInfo.InvariantCulture);
        string b = last.ToString(format, CultureInfo.InvariantCulture);
        if (even && step == 1)
        {
            return "[" + a + ".." + b + "]";
        }

        if (even)
        {
            return "[" + a + ".." + b + " by " + step.ToString(CultureInfo.InvariantCulture) + "]";
        }

        // Runs of three or more consecutive numbers read as a..b: [01..64,73..80].
        var sorted = new int[numbers.Count];
        numbers.CopyTo(sorted);
        var list = new StringBuilder("[");
        for (int start = 0, end; start < sorted.Length; start = end + 1)
        {
            end = start;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[end] + 1) end++;
            if (end - start < 2) end = start; // a pair is written one by one
            list.Append(list.Length > 1 ? "," : "").Append(sorted[start].ToString(format, CultureInfo.InvariantCulture));
            if (end > start) list.Append("..").Append(sorted[end].ToString(format, CultureInfo.InvariantCulture));
        }

        return list.Append(']').ToString();
    }

    private static bool IsNumber(string segment)
    {
        if (segment.Length == 0)
        {
            return false;
        }

        foreach (char c in segment)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
