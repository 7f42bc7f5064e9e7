namespace MixConsole.Engine.Parameters;

/// <summary>One parameter of the console: its place in the table, its X32-style path and its spec.</summary>
public sealed class ParameterDescriptor
{
    internal ParameterDescriptor(int index, string path, ParameterSpec spec)
    {
        Index = index;
        Path = path;
        Spec = spec;
    }

    /// <summary>Position in the table and in every flat value array of a <see cref="ParameterStore"/>.</summary>
    public int Index { get; }

    /// <summary>Full OSC path, e.g. "/ch/01/mix/fader".</summary>
    public string Path { get; }

    /// <summary>Kind, range, grid, mapping, unit and default.</summary>
    public ParameterSpec Spec { get; }

    /// <summary>Shorthand for <see cref="ParameterSpec.Kind"/>.</summary>
    public ParameterKind Kind => Spec.Kind;

    /// <summary>Shorthand for <see cref="ParameterSpec.InScenes"/>: false for console state that scenes leave alone.</summary>
    public bool InScenes => Spec.InScenes;

    /// <inheritdoc/>
    public override string ToString() => Path;
}
