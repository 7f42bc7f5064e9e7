using System.Globalization;
using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's effect slots <c>/fx/1-8</c> (fw 4.06): the type (<see cref="X32EffectTypes"/>), the sources of slots 1-4
/// and 64 pars, each the X32's float 0..1 that the slot's type scales (<see cref="X32EffectType.Real"/>). Every slot
/// runs and carries keys: slots 1..<see cref="ConsoleConfig.FxSlots"/> as send effects with returns and as inserts, the
/// others (5-8, the X32's insert effects) as inserts only. The sources are kept: here every send slot is fed by its own
/// send from each channel (<c>/ch/NN/mix/fx/N</c>), and a slot a strip's <c>insert/sel</c> names is an insert.
/// </summary>
public static partial class ConsoleAddressSpace
{
    private const int X32FxSlots = 8;

    // The X32 answers a par with the float it holds: a grid as fine as a float's, so a type's own grid points stay exact.
    private const double ParStep = 1.0 / (1 << 24);

    private static readonly ParameterSpec FxSource = ParameterSpec.Enum(
        ["INS", "MIX1", "MIX2", "MIX3", "MIX4", "MIX5", "MIX6", "MIX7", "MIX8", "MIX9", "MIX10", "MIX11", "MIX12", "MIX13", "MIX14", "MIX15", "MIX16", "M/C"],
        0, Kept + "each effect slot here is fed by its own send from every channel (/ch/NN/mix/fx/N)");

    private const string RunTypes = "HALL, AMBI, RPLT, ROOM, CHAM, PLAT, VREV, VRM, GATE and RVRS run on the reverb, DLY on the stereo delay, "
        + "GEQ2, GEQ, TEQ2 and TEQ on the graphic EQ; any other type is stored: as a send effect its slot outputs silence, in an insert point "
        + "it passes the strip's signal unchanged";

    private const string ParMeaning = "Effect parameter: the X32's float 0..1, scaled by the slot's type (docs/x32-compatibility.md)";

    private static void AddFxSlots(ParameterTableBuilder builder, ConsoleConfig config)
    {
        var parSpecs = new Dictionary<(float, string), ParameterSpec>();
        var typeSpecs = new Dictionary<(int, string), ParameterSpec>();
        for (int slot = 1; slot <= X32FxSlots; slot++)
        {
            var types = X32EffectTypes.ForSlot(slot);
            string use = slot <= config.FxSlots ? "" : " (an insert only here: no return)";
            var type = TypeSpec(typeSpecs, types, "Effect type, the X32's list" + use + ": " + RunTypes);
            var d = new Declarer(builder, ParameterPaths.Fx(slot), ParameterOwner.FxSlot, slot);
            d.Add("/type", type, ParameterRole.EffectType);

            if (slot <= X32EffectTypes.SendSlots)
            {
                d.Keep("/source/l", FxSource);
                d.Keep("/source/r", FxSource);
            }

            for (int par = 1; par <= X32EffectTypes.ParameterCount; par++)
            {
                var spec = ParSpec(parSpecs, types[0].DefaultNormalized[par - 1], ParMeaning + use);
                string suffix = "/par/" + par.ToString("00", CultureInfo.InvariantCulture);
                d.Add(suffix, spec, ParameterRole.EffectParameter, par);
            }
        }
    }

    // Shared by the slots with the same list and meaning, as the par specs are.
    private static ParameterSpec TypeSpec(Dictionary<(int, string), ParameterSpec> specs, IReadOnlyList<X32EffectType> types, string meaning)
    {
        if (!specs.TryGetValue((types.Count, meaning), out var spec))
        {
            var labels = new string[types.Count];
            for (int k = 0; k < labels.Length; k++) labels[k] = types[k].Label;
            specs[(types.Count, meaning)] = spec = ParameterSpec.Enum(labels, 0, meaning);
        }

        return spec;
    }

    // Shared by every par with the same default and meaning, so a grid is built once and documents group them.
    private static ParameterSpec ParSpec(Dictionary<(float, string), ParameterSpec> specs, float defaultNormalized, string meaning)
    {
        if (!specs.TryGetValue((defaultNormalized, meaning), out var spec))
        {
            specs[(defaultNormalized, meaning)] = spec = ParameterSpec.Linear(0, 1, ParStep, "", defaultNormalized, meaning);
        }

        return spec;
    }
}
