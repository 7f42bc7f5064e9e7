namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32-style answer to <c>/node ,s ch/01/mix</c>: one line, the node path then the current value of
/// each parameter directly below it in table order, each as one compact display token, ending in '\n',
/// e.g. "/ch/01/mix ON -0.0 ON +0 OFF -oo\n" (X32 tokens: no units, "-oo" for -inf).
/// </summary>
public static class NodeText
{
    /// <summary>The node line for <paramref name="nodePath"/> (leading '/' optional); false when no parameter sits directly below it.</summary>
    public static bool TryFormat(ParameterStore store, string nodePath, out string line)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(nodePath);
        if (!store.Table.TryGetNodeChildren(nodePath, out var children))
        {
            line = "";
            return false;
        }

        for (int size = 64 + children.Count * 32; ; size *= 2)
        {
            var text = new char[size];
            if (TryFormat(store, children, text, out int written))
            {
                line = new string(text, 0, written);
                return true;
            }
        }
    }

    /// <summary>
    /// Writes the node line of <paramref name="children"/> (a node's parameters, from
    /// <see cref="ParameterTable.TryGetNodeChildren(ReadOnlySpan{char}, out IReadOnlyList{int})"/>) into
    /// <paramref name="destination"/>; false when it does not fit. Allocates nothing (the OSC <c>/node</c> answer).
    /// </summary>
    public static bool TryFormat(ParameterStore store, IReadOnlyList<int> children, Span<char> destination, out int charsWritten)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(children);
        charsWritten = 0;
        if (children.Count == 0)
        {
            return false;
        }

        string path = store.Table[children[0]].Path;
        ReadOnlySpan<char> node = path.AsSpan(0, path.LastIndexOf('/'));
        if (!node.TryCopyTo(destination))
        {
            return false;
        }

        int length = node.Length;
        for (int i = 0; i < children.Count; i++)
        {
            if (length >= destination.Length)
            {
                return false;
            }

            destination[length++] = ' ';
            if (!ParameterFormatter.TryFormatCurrent(store, children[i], compact: true, destination.Slice(length), out int written))
            {
                return false;
            }

            length += written;
        }

        if (length >= destination.Length)
        {
            return false;
        }

        destination[length++] = '\n';
        charsWritten = length;
        return true;
    }

    /// <summary>
    /// Names of the values in a node line, in the same order ("on fader st pan mono mlevel"): the
    /// key to read a line by.
    /// </summary>
    public static bool TryListChildren(ParameterTable table, string nodePath, out IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.TryGetNodeChildren(nodePath, out var children))
        {
            names = [];
            return false;
        }

        var list = new string[children.Count];
        for (int i = 0; i < list.Length; i++)
        {
            string path = table[children[i]].Path;
            list[i] = path[(path.LastIndexOf('/') + 1)..];
        }

        names = list;
        return true;
    }
}
