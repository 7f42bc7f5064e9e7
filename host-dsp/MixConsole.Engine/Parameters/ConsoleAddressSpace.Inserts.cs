namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's insert points (fw 4.06): <c>insert/on|pos|sel</c> on channels, buses, matrices, main and mono (aux inputs
/// and effect returns have none). A strip's signal at <c>pos</c> goes through the effect slot side <c>sel</c> names and
/// comes back in place of the dry signal; the rules for shared and stereo use are in docs/x32-compatibility.md.
/// </summary>
public static partial class ConsoleAddressSpace
{
    /// <summary>The X32's insert point choices in its order: OFF, FX1L .. FX8R (slot n's left is 2n-1), AUX1 .. AUX6.</summary>
    public static readonly IReadOnlyList<string> InsertSelections =
        ["OFF", "FX1L", "FX1R", "FX2L", "FX2R", "FX3L", "FX3R", "FX4L", "FX4R", "FX5L", "FX5R", "FX6L", "FX6R", "FX7L", "FX7R", "FX8L", "FX8R",
         "AUX1", "AUX2", "AUX3", "AUX4", "AUX5", "AUX6"];

    private static readonly ParameterSpec InsertOn = ParameterSpec.Bool(false, "Insert on: the selected effect slot side replaces the strip's signal at the insert position (crossfaded)");
    private static readonly ParameterSpec InsertPosition = ParameterSpec.Enum(["PRE", "POST"], 0,
        "Insert position: PRE before the strip's high-pass, gate, dynamics and EQ (channels) or its dynamics and EQ (buses, matrices, main, mono); POST after them, before the fader");
    private static readonly ParameterSpec InsertSelect = ParameterSpec.Enum(InsertSelections, 0,
        "Insert point: an effect slot side (FXnL, FXnR; a stereo strip takes both sides of slot n); AUX1-6 are the X32's rear analog loops, "
        + "kept with no effect (no such jacks here: the strip stays dry)");

    private static void AddInsert(Declarer d)
    {
        d.Add("/insert/on", InsertOn, ParameterRole.InsertOn);
        d.Add("/insert/pos", InsertPosition, ParameterRole.InsertPosition);
        d.Add("/insert/sel", InsertSelect, ParameterRole.InsertSelect);
    }
}
