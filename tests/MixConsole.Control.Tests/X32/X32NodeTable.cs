using System.Globalization;
using System.Text.RegularExpressions;

namespace MixConsole.Control.Tests.X32;

/// <summary>
/// The X32's node tree (32 channels, fw 4.06) as the public protocol document lists it: each node an app reads
/// at connect with <c>/node ,s NODE</c>, and how many values its answer line carries. Written from the document,
/// not from the server. <see cref="Pending"/> names the families the console does not serve in the X32's
/// shape yet; a test keeps that list exact, so building one means taking it off.
/// </summary>
internal static partial class X32NodeTable
{
    // "node values [first]": {01-32} expands with the document's zero padding; first, when given, is what the
    // line's first value must match (a regular expression), where the count alone would not tell the shape.
    private const string Document = """
        config/chlink 16
        config/auxlink 4
        config/fxlink 4
        config/buslink 8
        config/mtxlink 3
        config/mute 6
        config/linkcfg 4
        config/mono 2
        config/solo 17
        config/talk 2
        config/talk/A 4
        config/talk/B 4
        config/osc 6
        config/userrout/in 32 \d+
        config/userrout/out 48
        config/routing 1 REC
        config/routing/IN 5 AN1-8
        config/routing/AES50A 6
        config/routing/AES50B 6
        config/routing/CARD 4
        config/routing/OUT 4 AN1-4
        config/routing/PLAY 5
        config/userctrl/A 1
        config/userctrl/A/enc 4
        config/userctrl/A/btn 8
        config/userctrl/B 1
        config/userctrl/B/enc 4
        config/userctrl/B/btn 8
        config/userctrl/C 1
        config/userctrl/C/enc 4
        config/userctrl/C/btn 8
        config/tape 3
        config/amixenable 2
        config/dp48 3 %[01]{4}
        config/dp48/link 24 OFF|ON
        config/dp48/grpname 12
        ch/{01-32}/config 4
        ch/{01-32}/delay 2
        ch/{01-32}/preamp 5
        ch/{01-32}/gate 8 ON|OFF
        ch/{01-32}/gate/filter 3
        ch/{01-32}/dyn 15
        ch/{01-32}/dyn/filter 3
        ch/{01-32}/insert 3
        ch/{01-32}/eq 1
        ch/{01-32}/eq/{1-4} 4
        ch/{01-32}/mix 6
        ch/{01-32}/mix/{01-15/2} 5 ON|OFF
        ch/{01-32}/mix/{02-16/2} 2 ON|OFF
        ch/{01-32}/grp 2
        ch/{01-32}/automix 2
        auxin/{01-08}/config 4
        auxin/{01-08}/preamp 2
        auxin/{01-08}/eq 1
        auxin/{01-08}/eq/{1-4} 4
        auxin/{01-08}/mix 6
        auxin/{01-08}/mix/{01-15/2} 5 ON|OFF
        auxin/{01-08}/mix/{02-16/2} 2 ON|OFF
        auxin/{01-08}/grp 2
        fxrtn/{01-08}/config 3
        fxrtn/{01-08}/eq 1
        fxrtn/{01-08}/eq/{1-4} 4
        fxrtn/{01-08}/mix 6
        fxrtn/{01-08}/mix/{01-15/2} 5 ON|OFF
        fxrtn/{01-08}/mix/{02-16/2} 2 ON|OFF
        fxrtn/{01-08}/grp 2
        bus/{01-16}/config 3
        bus/{01-16}/dyn 15
        bus/{01-16}/dyn/filter 3
        bus/{01-16}/insert 3
        bus/{01-16}/eq 1
        bus/{01-16}/eq/{1-6} 4
        bus/{01-16}/mix 6
        bus/{01-16}/mix/{01-05/2} 4 ON|OFF
        bus/{01-16}/mix/{02-06/2} 2 ON|OFF
        bus/{01-16}/grp 2
        mtx/{01-06}/config 3
        mtx/{01-06}/preamp 1
        mtx/{01-06}/dyn 14
        mtx/{01-06}/dyn/filter 3
        mtx/{01-06}/insert 3
        mtx/{01-06}/eq 1
        mtx/{01-06}/eq/{1-6} 4
        mtx/{01-06}/mix 2
        main/st/config 3
        main/st/dyn 15
        main/st/insert 3
        main/st/eq 1
        main/st/eq/{1-6} 4
        main/st/mix 3
        main/st/mix/{01-05/2} 4 ON|OFF
        main/st/mix/{02-06/2} 2 ON|OFF
        main/m/config 3
        main/m/dyn 15
        main/m/dyn/filter 3
        main/m/insert 3
        main/m/eq 1
        main/m/eq/{1-6} 4
        main/m/mix 2
        main/m/mix/{01-05/2} 4 ON|OFF
        main/m/mix/{02-06/2} 2 ON|OFF
        dca/{1-8} 2
        dca/{1-8}/config 3
        fx/{1-8} 1
        fx/{1-4}/source 2 INS|MIX\d+|M/C
        fx/{1-8}/par 64
        outputs/main/{01-16} 3
        outputs/aux/{01-06} 3
        outputs/p16/{01-16} 3
        outputs/aes/{01-02} 3
        outputs/rec/{01-02} 2
        headamp/{000-127} 2
        -prefs/remote 4 OFF|ON
        -stat/solosw 80 OFF|ON
        """;

    /// <summary>Families (node patterns of <see cref="Document"/>) the console does not yet answer in the X32's shape.</summary>
    public static readonly string[] Pending = [];

    /// <summary>Every family: its pattern and the nodes it expands to with their value counts.</summary>
    public static IReadOnlyList<(string Family, IReadOnlyList<(string Node, int Values, string? First)> Nodes)> Families { get; } = Parse();

    /// <summary>Every node of every family the console serves, in document order.</summary>
    public static IEnumerable<(string Node, int Values, string? First)> Served =>
        Families.Where(f => !Pending.Contains(f.Family)).SelectMany(f => f.Nodes);

    /// <summary>Whether <paramref name="line"/>, the answer to <c>/node ,s</c> <paramref name="node"/>, has the document's shape.</summary>
    public static bool Conforms(string? line, string node, int values, string? first)
    {
        string head = "/" + node + " ";
        if (line is null || !line.StartsWith(head, StringComparison.Ordinal) || !line.EndsWith('\n'))
        {
            return false;
        }

        string[] tokens = line[head.Length..^1].Split(' ');
        return tokens.Length == values && (first is null || Regex.IsMatch(tokens[0], "^(" + first + ")$"));
    }

    private static List<(string, IReadOnlyList<(string, int, string?)>)> Parse()
    {
        var families = new List<(string, IReadOnlyList<(string, int, string?)>)>();
        foreach (string line in Document.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = line.Split(' ');
            int values = int.Parse(parts[1], CultureInfo.InvariantCulture);
            string? first = parts.Length > 2 ? parts[2] : null;
            families.Add((parts[0], [.. Expand(parts[0]).Select(node => (node, values, first))]));
        }

        return families;
    }

    private static IEnumerable<string> Expand(string pattern)
    {
        Match range = Range().Match(pattern);
        if (!range.Success)
        {
            yield return pattern;
            yield break;
        }

        string first = range.Groups[1].Value;
        int from = int.Parse(first, CultureInfo.InvariantCulture);
        int to = int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
        int by = range.Groups[3].Success ? int.Parse(range.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
        for (int n = from; n <= to; n += by)
        {
            string number = n.ToString(new string('0', first.Length), CultureInfo.InvariantCulture);
            foreach (string rest in Expand(string.Concat(pattern.AsSpan(0, range.Index), number, pattern.AsSpan(range.Index + range.Length))))
            {
                yield return rest;
            }
        }
    }

    [GeneratedRegex(@"\{(\d+)-(\d+)(?:/(\d+))?\}")]
    private static partial Regex Range();
}
