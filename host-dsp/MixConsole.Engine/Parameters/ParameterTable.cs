using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The one parameter table of the console: every controllable value, declared once, in a fixed
/// order. Immutable after construction and safe to share between threads. Lookups by path are O(1)
/// and, for spans of chars or UTF-8 bytes, allocate nothing (the OSC hot path).
/// </summary>
public sealed class ParameterTable
{
    private readonly ParameterDescriptor[] _parameters;
    private readonly Dictionary<string, int> _indexByPath;
    private readonly Dictionary<ParameterKey, int> _indexByKey;
    private readonly AsciiPathIndex _asciiIndex;
    private readonly Dictionary<string, IReadOnlyList<int>> _childrenByNode;
    private readonly Dictionary<string, IReadOnlyList<int>>.AlternateLookup<ReadOnlySpan<char>> _childrenBySpan;

    internal ParameterTable(ConsoleConfig config, ParameterDescriptor[] parameters, Dictionary<string, int> indexByPath, Dictionary<ParameterKey, int> indexByKey)
    {
        Config = config;
        _parameters = parameters;
        _indexByPath = new Dictionary<string, int>(indexByPath, StringComparer.Ordinal);
        _indexByKey = new Dictionary<ParameterKey, int>(indexByKey);
        _asciiIndex = new AsciiPathIndex(parameters);
        _childrenByNode = BuildNodes(parameters);
        _childrenBySpan = _childrenByNode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The console size the table was declared for.</summary>
    public ConsoleConfig Config { get; }

    /// <summary>Number of parameters.</summary>
    public int Count => _parameters.Length;

    /// <summary>Every parameter, in table order (index order).</summary>
    public IReadOnlyList<ParameterDescriptor> Parameters => _parameters;

    /// <summary>The parameter at <paramref name="index"/>.</summary>
    public ParameterDescriptor this[int index] => _parameters[index];

    /// <summary>
    /// Nodes (paths with at least one parameter directly below them, e.g. "/ch/01/mix"), each with
    /// the indices of those parameters in table order.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> Nodes => _childrenByNode;

    /// <summary>Builds the console's table for <paramref name="config"/> (see <see cref="ConsoleAddressSpace"/>).</summary>
    public static ParameterTable Create(ConsoleConfig config) => ConsoleAddressSpace.Build(config);

    /// <summary>
    /// The handle of the parameter declared with <paramref name="key"/>: how code binds to a parameter
    /// without spelling its path. Call it at start-up (construction), never per block.
    /// </summary>
    /// <exception cref="ParameterBindingException">No parameter has that key (the message names it).</exception>
    public ParameterHandle Bind(ParameterKey key) =>
        _indexByKey.TryGetValue(key, out int index) ? new ParameterHandle(index) : throw new ParameterBindingException(key);

    /// <summary>The handle of the parameter declared with <paramref name="key"/>, if the table declares one.</summary>
    public bool TryBind(ParameterKey key, out ParameterHandle handle)
    {
        bool found = _indexByKey.TryGetValue(key, out int index);
        handle = found ? new ParameterHandle(index) : ParameterHandle.None;
        return found;
    }

    /// <summary>Index of the parameter at <paramref name="path"/>.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that path (the message names it).</exception>
    public int IndexOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _indexByPath.TryGetValue(path, out int index)
            ? index
            : throw new KeyNotFoundException($"no parameter at {path}");
    }

    /// <summary>Index of the parameter at <paramref name="path"/>, if any.</summary>
    public bool TryGetIndex(string path, out int index)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _indexByPath.TryGetValue(path, out index);
    }

    /// <summary>Index of the parameter at <paramref name="path"/>, if any, without allocating.</summary>
    public bool TryGetIndex(ReadOnlySpan<char> path, out int index) => _asciiIndex.TryGet(path, out index);

    /// <summary>
    /// Index of the parameter whose path is the UTF-8 (ASCII) bytes <paramref name="utf8Path"/>, as in an
    /// OSC message, without allocating or converting. Anything that is not exactly a declared path is not found.
    /// </summary>
    public bool TryGetIndexUtf8(ReadOnlySpan<byte> utf8Path, out int index) => _asciiIndex.TryGet(utf8Path, out index);

    /// <summary>
    /// Parameters directly below a node such as "/ch/01/mix" (a leading '/' is optional, as in
    /// X32 <c>/node ,s ch/01/mix</c>), in table order.
    /// </summary>
    public bool TryGetNodeChildren(string nodePath, out IReadOnlyList<int> children)
    {
        ArgumentNullException.ThrowIfNull(nodePath);
        return TryGetNodeChildren(nodePath.AsSpan(), out children);
    }

    /// <summary><see cref="TryGetNodeChildren(string, out IReadOnlyList{int})"/> without allocating.</summary>
    public bool TryGetNodeChildren(ReadOnlySpan<char> nodePath, out IReadOnlyList<int> children)
    {
        if (nodePath.Length > 0 && nodePath[0] == '/')
        {
            return _childrenBySpan.TryGetValue(WithoutTrailingSlash(nodePath), out children!);
        }

        Span<char> key = nodePath.Length < 256 ? stackalloc char[nodePath.Length + 1] : new char[nodePath.Length + 1];
        key[0] = '/';
        nodePath.CopyTo(key.Slice(1));
        return _childrenBySpan.TryGetValue(WithoutTrailingSlash(key), out children!);
    }

    /// <summary>The node of the ASCII bytes <paramref name="utf8NodePath"/> (as in an OSC <c>/node</c> request), without allocating.</summary>
    public bool TryGetNodeChildrenUtf8(ReadOnlySpan<byte> utf8NodePath, out IReadOnlyList<int> children)
    {
        children = [];
        if (utf8NodePath.Length > 255 || !System.Text.Ascii.IsValid(utf8NodePath))
        {
            return false;
        }

        Span<char> path = stackalloc char[utf8NodePath.Length];
        System.Text.Ascii.ToUtf16(utf8NodePath, path, out _);
        return TryGetNodeChildren(path, out children);
    }

    private static ReadOnlySpan<char> WithoutTrailingSlash(ReadOnlySpan<char> key) =>
        key.Length > 1 && key[^1] == '/' ? key[..^1] : key;

    private static Dictionary<string, IReadOnlyList<int>> BuildNodes(ParameterDescriptor[] parameters)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            int slash = parameter.Path.LastIndexOf('/');
            string node = slash == 0 ? "/" : parameter.Path[..slash];
            if (!lists.TryGetValue(node, out var list))
            {
                list = [];
                lists.Add(node, list);
            }

            list.Add(parameter.Index);
        }

        var nodes = new Dictionary<string, IReadOnlyList<int>>(lists.Count, StringComparer.Ordinal);
        foreach (var pair in lists)
        {
            nodes.Add(pair.Key, Array.AsReadOnly(pair.Value.ToArray()));
        }

        return nodes;
    }
}
