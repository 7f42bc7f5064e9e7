using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The X32's solo switches <c>/-stat/solosw/01-80</c>, numbered by <see cref="StripSelection"/>: channels, aux inputs,
/// effect returns and buses solo to the solo bus, a DCA solos its member strips; strips past the X32's size follow
/// from 81. Console state, as on the X32: scenes neither save nor recall them.
/// </summary>
public static partial class ConsoleAddressSpace
{
    private const string SoloMeaning = "Solo switch, X32 numbering (StripSelection): 01-32 channels, 33-40 aux inputs, 41-48 effect returns, "
        + "49-64 buses, 73-80 DCAs (a DCA solos its member strips), strips past the X32's from 81; to the solo bus, PFL or AFL per /config/solo/chmode. "
        + "Console state: scenes neither save nor recall it";

    private static readonly ParameterSpec Solo = ParameterSpec.Bool(false, SoloMeaning).AsConsoleState();
    private static readonly ParameterSpec SoloOfBusOutput = ParameterSpec.Bool(false,
        Kept + "the solo bus is summed from strips and buses before main, mono and matrices are mixed, and those leave on their own outputs").AsConsoleState();
    private static readonly ParameterSpec SoloOfMissingStrip = ParameterSpec.Bool(false,
        Kept + "the solo switch of a strip this console's size does not have").AsConsoleState();

    private static void AddSoloSwitches(ParameterTableBuilder builder, ConsoleConfig config)
    {
        // Whose switch each number is; a number left unowned is kept.
        var owners = new (ParameterOwner Owner, int Number)[StripSelection.SoloSwitchCount(config) + 1];
        for (int ch = 1; ch <= config.Channels; ch++) owners[StripSelection.SoloSwitch(StripSelection.Channel(config, ch))] = (ParameterOwner.Channel, ch);
        for (int aux = 1; aux <= config.AuxInputs; aux++) owners[StripSelection.SoloSwitch(StripSelection.AuxInput(config, aux))] = (ParameterOwner.AuxInput, aux);
        for (int ret = 1; ret <= config.FxReturns; ret++) owners[StripSelection.SoloSwitch(StripSelection.FxReturn(config, ret))] = (ParameterOwner.FxReturn, ret);
        for (int bus = 1; bus <= config.Buses; bus++) owners[StripSelection.SoloSwitch(StripSelection.Bus(config, bus))] = (ParameterOwner.Bus, bus);
        for (int dca = 1; dca <= config.Dcas; dca++) owners[StripSelection.DcaSoloSwitch(config, dca)] = (ParameterOwner.Dca, dca);

        int firstBusOutput = StripSelection.SoloSwitch(StripSelection.FirstMatrix), lastBusOutput = StripSelection.SoloSwitch(StripSelection.MainMono);
        for (int n = 1; n < owners.Length; n++)
        {
            string path = StripSelection.SoloSwitchPath(n);
            var (owner, number) = owners[n];
            if (number > 0) builder.Add(path, Solo, new ParameterKey(owner, number, ParameterRole.Solo));
            else builder.Add(path, n >= firstBusOutput && n <= lastBusOutput ? SoloOfBusOutput : SoloOfMissingStrip);
        }
    }
}
