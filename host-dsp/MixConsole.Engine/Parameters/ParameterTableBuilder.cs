using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>Collects parameter declarations in order, then freezes them into a <see cref="ParameterTable"/>.</summary>
public sealed class ParameterTableBuilder
{
    private readonly List<ParameterDescriptor> _parameters = [];
    private readonly Dictionary<string, int> _indexByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<ParameterKey, int> _indexByKey = [];
    private bool _built;

    /// <summary>Declares a parameter at <paramref name="path"/> that no code binds to; returns its index.</summary>
    /// <exception cref="ArgumentException">The path is malformed or already declared.</exception>
    public int Add(string path, ParameterSpec spec) => AddParameter(path, spec, default);

    /// <summary>Declares a parameter at <paramref name="path"/> that code binds to by <paramref name="key"/>; returns its handle.</summary>
    /// <exception cref="ArgumentException">The path or the key is malformed or already declared.</exception>
    public ParameterHandle Add(string path, ParameterSpec spec, ParameterKey key) => new(AddParameter(path, spec, key));

    private int AddParameter(string path, ParameterSpec spec, ParameterKey key)
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

        if (key.IsDeclared && _indexByKey.ContainsKey(key))
        {
            throw new ArgumentException($"{key} is declared twice (again at {path})", nameof(key));
        }

        int index = _parameters.Count;
        _parameters.Add(new ParameterDescriptor(index, path, spec, key));
        _indexByPath.Add(path, index);
        if (key.IsDeclared)
        {
            _indexByKey.Add(key, index);
        }

        return index;
    }

    /// <summary>Freezes the declarations into a table for <paramref name="config"/>.</summary>
    public ParameterTable Build(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _built = true;
        return new ParameterTable(config, _parameters.ToArray(), _indexByPath, _indexByKey);
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
