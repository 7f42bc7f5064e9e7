using System.Text;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32-style answer to <c>/node ,s ch/01/mix</c>: one line, the node path then the current value of
/// each parameter directly below it in table order, each as one compact display token, ending in '\n',
/// e.g. "/ch/01/mix ON -0.0dB C ON OFF -infdB\n".
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

        var text = new StringBuilder(16 + children.Count * 8);
        string path = store.Table[children[0]].Path;
        text.Append(path, 0, path.LastIndexOf('/'));
        for (int i = 0; i < children.Count; i++)
        {
            text.Append(' ');
            text.Append(ParameterFormatter.FormatCurrent(store, children[i], compact: true));
        }

        text.Append('\n');
        line = text.ToString();
        return true;
    }

    /// <summary>
    /// Names of the values in a node line, in the same order ("on fader pan st mono mlevel"): the
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
