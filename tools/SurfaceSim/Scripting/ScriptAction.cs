namespace MixConsole.SurfaceSim.Scripting;

/// <summary>One parsed script line.</summary>
/// <param name="Line">1-based line number in the script.</param>
/// <param name="Source">The line as written, without its comment.</param>
/// <param name="Kind">What it does.</param>
public sealed record ScriptAction(int Line, string Source, ActionKind Kind)
{
    /// <summary>The fader desk's master fader as a strip index.</summary>
    public const int Master = 8;

    /// <summary>0-based strip or encoder (<see cref="Master"/> for the master fader); display line for <see cref="ActionKind.ExpectDisplay"/>.</summary>
    public int Index { get; init; }

    /// <summary>Fader position or encoder value, 0..1.</summary>
    public float Value { get; init; }

    /// <summary>Allowed difference for an expect on a value.</summary>
    public float Tolerance { get; init; }

    /// <summary>Detents, milliseconds, hold time or 1-based bank number, by kind.</summary>
    public int Count { get; init; }

    /// <summary>The button or LED named.</summary>
    public SurfaceControl Control { get; init; }

    /// <summary>Expected LED or link state.</summary>
    public bool On { get; init; }

    /// <summary>Turn the encoder fast (acceleration applies).</summary>
    public bool Fast { get; init; }

    /// <summary>An expect keeps checking this long before it fails; 0 checks once.</summary>
    public int WithinMs { get; init; }

    /// <summary>Text to print or to find on the display.</summary>
    public string Text { get; init; } = "";
}
