using System.Globalization;

namespace MixConsole.Store;

/// <summary>
/// What a scene recall must not touch: whole channels (every /ch/NN/ parameter) and whole sections on every strip
/// (preamp: trim, polarity, high-pass and input delay; eq; dyn: gate and compressor; sends: /mix/NN/ and /mix/fx/NN/
/// levels; master: the mastering chain /master/). A protected parameter keeps its value bit for bit. Written as text
/// such as "ch 1 ch 2 eq dyn" (the form the store keeps and <c>/-show/safes</c> takes); empty protects nothing.
/// </summary>
public sealed class RecallSafes
{
    /// <summary>The sections, as they are written.</summary>
    public static readonly IReadOnlyList<string> Sections = ["preamp", "eq", "dyn", "sends", "master"];

    private readonly HashSet<int> _channels;
    private readonly HashSet<string> _sections;

    private RecallSafes(HashSet<int> channels, HashSet<string> sections)
    {
        _channels = channels;
        _sections = sections;
    }

    /// <summary>Protects nothing.</summary>
    public static RecallSafes None { get; } = new([], []);

    /// <summary>True when nothing is protected.</summary>
    public bool IsEmpty => _channels.Count == 0 && _sections.Count == 0;

    /// <summary>Reads "ch 1 ch 12 eq sends" (any order, case-insensitive). False with a reason for anything else.</summary>
    public static bool TryParse(string text, out RecallSafes safes, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var channels = new HashSet<int>();
        var sections = new HashSet<string>(StringComparer.Ordinal);
        string[] words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int w = 0; w < words.Length; w++)
        {
            if (words[w] == "ch")
            {
                if (w + 1 >= words.Length || !int.TryParse(words[w + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int channel) || channel is < 1 or > 99)
                {
                    (safes, error) = (None, "'ch' takes a channel number 1-99, e.g. \"ch 3\"");
                    return false;
                }

                channels.Add(channel);
                w++;
            }
            else if (Sections.Contains(words[w]))
            {
                sections.Add(words[w]);
            }
            else
            {
                (safes, error) = (None, $"'{words[w]}' is neither 'ch N' nor a section ({string.Join(", ", Sections)})");
                return false;
            }
        }

        (safes, error) = (new RecallSafes(channels, sections), "");
        return true;
    }

    /// <summary>True when a recall must leave the parameter at <paramref name="path"/> alone.</summary>
    public bool Protects(string path)
    {
        if (IsEmpty) return false;
        if (_sections.Contains("master") && path.StartsWith("/master/", StringComparison.Ordinal)) return true;
        // Strip paths: /kind/NN/section/...
        string[] parts = path.Split('/');
        if (parts.Length < 4) return false;
        if (parts[1] == "ch" && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int channel) && _channels.Contains(channel)) return true;
        string section = parts[3];
        return section switch
        {
            "preamp" or "delay" => _sections.Contains("preamp"),
            "eq" => _sections.Contains("eq"),
            "gate" or "dyn" => _sections.Contains("dyn"),
            "mix" => _sections.Contains("sends") && parts.Length >= 6 && (parts[4] == "fx" || char.IsAsciiDigit(parts[4][0])),
            _ => false,
        };
    }

    /// <summary>The canonical text: channels in order, then sections in <see cref="Sections"/> order.</summary>
    public override string ToString() =>
        string.Join(' ', _channels.Order().Select(c => string.Create(CultureInfo.InvariantCulture, $"ch {c}")).Concat(Sections.Where(_sections.Contains)));
}
