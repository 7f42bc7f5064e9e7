using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The aux inputs in the X32's shape (fw 4.06): <c>/auxin/NN</c> with config, preamp (trim, invert), a 4-band EQ,
/// mix with sends 01-16 as a channel's, and groups; like channels here they also carry effect sends.
/// The mixer runs them as input strips after the channels, through the channel strip's kernels.
/// </summary>
public static partial class ConsoleAddressSpace
{
    /// <summary>The path of aux input <paramref name="aux"/> (from 1), e.g. <c>/auxin/03</c>.</summary>
    public static string AuxInputPath(int aux) => "/auxin/" + aux.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    // What every input strip starts with, channel or aux input: config, then the preamp's trim and polarity.
    private static void AddInputHead(Declarer d)
    {
        d.Add("/config/name", Name, ParameterRole.Name);
        d.Keep("/config/icon", Icon);
        d.Keep("/config/color", Color);
        d.Keep("/config/source", ChannelSource);
        d.Add("/preamp/trim", Trim, ParameterRole.Trim);
        d.Add("/preamp/invert", Invert, ParameterRole.Invert);
    }

    // What follows on every input strip: its 4-band EQ, mix, sends to the buses and effects, and groups.
    private static void AddInputMix(Declarer d, ConsoleConfig config, ParameterSpec? dcaMembers, ParameterSpec? muteMembers)
    {
        AddEq(d, ChannelEqBands);
        AddMix(d, ToMainOn);
        AddSends(d, config.Buses);
        AddFxSends(d, config.FxSlots);
        AddGroups(d, dcaMembers, muteMembers);
    }

    private static void AddAuxInputs(ParameterTableBuilder builder, ConsoleConfig config, ParameterSpec? dcaMembers, ParameterSpec? muteMembers)
    {
        for (int aux = 1; aux <= config.AuxInputs; aux++)
        {
            var d = new Declarer(builder, AuxInputPath(aux), ParameterOwner.AuxInput, aux);
            AddInputHead(d);
            AddInputMix(d, config, dcaMembers, muteMembers);
        }
    }
}
