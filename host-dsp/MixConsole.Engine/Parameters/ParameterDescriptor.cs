namespace MixConsole.Engine.Parameters;

/// <summary>One parameter of the console: its place in the table, its X32-style path, its typed key and its spec.</summary>
public sealed class ParameterDescriptor
{
    internal ParameterDescriptor(int index, string path, ParameterSpec spec, ParameterKey key)
    {
        Index = index;
        Path = path;
        Spec = spec;
        Key = key;
    }

    /// <summary>Position in the table and in every flat value array of a <see cref="ParameterStore"/>.</summary>
    public int Index { get; }

    /// <summary>Full OSC path, e.g. "/ch/01/mix/fader".</summary>
    public string Path { get; }

    /// <summary>Typed identity code binds by (<see cref="ParameterRole.None"/> when declared without one).</summary>
    public ParameterKey Key { get; }

    /// <summary>Kind, range, grid, mapping, unit and default.</summary>
    public ParameterSpec Spec { get; }

    /// <summary>Shorthand for <see cref="ParameterSpec.Kind"/>.</summary>
    public ParameterKind Kind => Spec.Kind;

    /// <summary>Shorthand for <see cref="ParameterSpec.InScenes"/>: false for console state that scenes leave alone.</summary>
    public bool InScenes => Spec.InScenes;

    /// <inheritdoc/>
    public override string ToString() => Path;
}
