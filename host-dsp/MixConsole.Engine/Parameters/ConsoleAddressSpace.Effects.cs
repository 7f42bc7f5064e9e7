namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's effect sources (<c>/fx/1-4/source/l</c> and <c>/r</c>, fw 4.06): which mix bus, or the insert, feeds
/// each side of the first four slots (slots 5-8 are insert-only on the X32 and have none). Here every slot is fed by
/// its own send from each channel (<c>/ch/NN/mix/fx/N</c>), so the sources are kept for compatibility.
/// </summary>
public static partial class ConsoleAddressSpace
{
    private const int X32SourcedFxSlots = 4;

    private static readonly ParameterSpec FxSource = ParameterSpec.Enum(
        ["INS", "MIX1", "MIX2", "MIX3", "MIX4", "MIX5", "MIX6", "MIX7", "MIX8", "MIX9", "MIX10", "MIX11", "MIX12", "MIX13", "MIX14", "MIX15", "MIX16", "M/C"],
        0, Kept + "each effect slot here is fed by its own send from every channel (/ch/NN/mix/fx/N)");

    private static void AddFxSource(ParameterTableBuilder builder, int slot)
    {
        if (slot > X32SourcedFxSlots) return;
        string node = ParameterPaths.Fx(slot) + "/source/";
        builder.Add(node + "l", FxSource);
        builder.Add(node + "r", FxSource);
    }
}
