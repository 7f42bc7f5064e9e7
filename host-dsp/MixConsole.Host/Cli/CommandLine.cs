namespace MixConsole.Host.Cli;

/// <summary>One option a command accepts.</summary>
/// <param name="Name">Long name without dashes, e.g. "json".</param>
/// <param name="ValueName">Placeholder for its value in help ("FILE"); null for a flag.</param>
/// <param name="Help">One line saying what it does, with its default.</param>
/// <param name="Short">Optional one-letter alias ('o' for -o).</param>
/// <param name="NumberOptional">True when a numeric value may be left out (the command's default applies): only a number after it, or `=VALUE`, is taken as its value.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Help, char? Short = null, bool NumberOptional = false)
{
    public bool TakesValue => ValueName is not null;
}

/// <summary>Arguments after parsing: positionals in order and options by name. Options may come before or after positionals.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var v) ? v : [];

    internal void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
        list.Add(value);
    }

    public double GetDouble(string name, double fallback)
    {
        string? s = Get(name);
        if (string.IsNullOrEmpty(s)) return fallback; // absent, or given without its optional value
        if (!double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new UsageException($"--{name} expects a number, got '{s}'");
        return v;
    }

    public int GetInt(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        string? s = Get(name);
        if (s is null) return fallback;
        if (!int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v))
            throw new UsageException($"--{name} expects a whole number, got '{s}'");
        if (v < min || v > max)
            throw new UsageException($"--{name} must be between {min} and {max}, got {v}");
        return v;
    }
}

/// <summary>A mistake in how the command was called: printed as one line plus a pointer to --help, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A problem with the user's input or environment (bad file, missing device): one line, exit code 1.</summary>
internal sealed class UserFacingException(string message) : Exception(message);

internal static class ArgParser
{
    public static ParsedArgs Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var result = new ParsedArgs();
        bool onlyPositionals = false;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (onlyPositionals || a == "-" || !a.StartsWith('-'))
            {
                result.Positionals.Add(a);
                continue;
            }
            if (a == "--")
            {
                onlyPositionals = true;
                continue;
            }
            string name;
            string? inline = null;
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                name = a[2..];
                int eq = name.IndexOf('=');
                if (eq >= 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            }
            else if (a.Length == 2)
            {
                var byShort = specs.FirstOrDefault(s => s.Short == a[1])
                    ?? throw new UsageException($"unknown option '{a}'");
                name = byShort.Name;
            }
            else
            {
                // A negative number is a positional value, not an option.
                if (double.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out _)) { result.Positionals.Add(a); continue; }
                throw new UsageException($"unknown option '{a}' (long options take two dashes)");
            }
            var spec = specs.FirstOrDefault(s => s.Name == name);
            if (spec is null)
            {
                string? near = Nearest(name, specs.Select(s => s.Name));
                throw new UsageException($"unknown option '--{name}'" + (near is null ? "" : $"; did you mean '--{near}'?"));
            }
            if (spec.TakesValue)
            {
                if (inline is null && spec.NumberOptional)
                    inline = i + 1 < args.Count && double.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? args[++i] : "";
                if (inline is null)
                {
                    if (i + 1 >= args.Count) throw new UsageException($"--{name} needs a value ({spec.ValueName})");
                    inline = args[++i];
                }
                result.Add(name, inline);
            }
            else
            {
                if (inline is not null) throw new UsageException($"--{name} takes no value");
                result.Add(name, "true");
            }
        }
        return result;
    }

    /// <summary>The closest candidate within two edits, for "did you mean".</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (var c in candidates)
        {
            int d = Distance(word, c);
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        return best;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
