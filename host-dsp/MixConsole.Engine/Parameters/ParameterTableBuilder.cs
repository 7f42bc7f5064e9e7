using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>Collects parameter declarations in order, then freezes them into a <see cref="ParameterTable"/>.</summary>
public sealed class ParameterTableBuilder
{
    private readonly List<ParameterDescriptor> _parameters = [];
    private readonly Dictionary<string, int> _indexByPath = new(StringComparer.Ordinal);
    private bool _built;

    /// <summary>Declares a parameter at <paramref name="path"/>; returns its index.</summary>
    /// <exception cref="ArgumentException">The path is malformed or already declared.</exception>
    public int Add(string path, ParameterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(spec);
        if (_built)
        {
            throw new InvalidOperationException("the table has been built; declarations are frozen");
        }

        ValidatePath(path);
        if (_indexByPath.ContainsKey(path))
        {
            throw new ArgumentException($"parameter path {path} is declared twice", nameof(path));
        }

        int index = _parameters.Count;
        _parameters.Add(new ParameterDescriptor(index, path, spec));
        _indexByPath.Add(path, index);
        return index;
    }

    /// <summary>Freezes the declarations into a table for <paramref name="config"/>.</summary>
    public ParameterTable Build(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _built = true;
        return new ParameterTable(config, _parameters.ToArray(), _indexByPath);
    }

    private static void ValidatePath(string path)
    {
        // OSC address characters only, and none of the pattern characters a client may use to match.
        if (path.Length < 2 || path[0] != '/' || path[^1] == '/' || path.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"parameter path \"{path}\" must be /segment/segment...", nameof(path));
        }

        foreach (char c in path)
        {
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '/' or '_' or '-' or '.';
            if (!ok)
            {
                throw new ArgumentException($"parameter path \"{path}\" contains '{c}'", nameof(path));
            }
        }
    }
}
