namespace MixConsole.Engine.Parameters;

/// <summary>
/// A channel's sends to the mix buses in the X32's shape (fw 4.06): <c>/ch/NN/mix/MM</c> holds on and level;
/// the odd send of each bus pair also holds the pair's pan, tap point (type) and pan-follow. The engine acts on
/// on, level and type; pan and pan-follow act on an X32 only for linked (stereo) bus pairs, and buses are mono here.
/// </summary>
public static partial class ConsoleAddressSpace
{
    /// <summary>The X32's send tap points, in its order (IN/LC 0 .. GRP 5).</summary>
    public static readonly IReadOnlyList<string> SendTypes = ["IN/LC", "<-EQ", "EQ->", "PRE", "POST", "GRP"];

    private static readonly ParameterSpec SendOn = ParameterSpec.Bool(true, "Send switch: 1 = ON = the send feeds its bus");
    private static readonly ParameterSpec SendType = ParameterSpec.Enum(SendTypes, 4,
        "Tap of the pair's sends: IN/LC and <-EQ before the EQ (after the high-pass), EQ-> and PRE before the fader, POST and GRP after it");
    private static readonly ParameterSpec SendPan = ParameterSpec.Linear(-100, 100, 2, "", 0, Kept + "mix buses are mono here: a send's pan acts on an X32 only for a linked bus pair", DisplayStyle.Pan);
    private static readonly ParameterSpec SendPanFollow = ParameterSpec.Index(2, 0, Kept + "mix buses are mono here: the send's pan has nothing to follow");

    private static void AddSends(Declarer d, int buses)
    {
        for (int bus = 1; bus <= buses; bus++)
        {
            string send = "/mix/" + bus.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            d.Add(send + "/on", SendOn, ParameterRole.SendOn, bus);
            d.Add(send + "/level", SendLevel, ParameterRole.SendLevel, bus);
            if (bus % 2 == 0) continue;
            d.Keep(send + "/pan", SendPan);
            d.Add(send + "/type", SendType, ParameterRole.SendTap, bus);
            d.Keep(send + "/panFollow", SendPanFollow);
        }
    }

    // This console's own stereo effect sends (the X32 feeds its effects from buses): level and tap per slot.
    private static void AddFxSends(Declarer d, int fxSlots)
    {
        for (int slot = 1; slot <= fxSlots; slot++)
        {
            string send = "/mix/fx/" + (char)('0' + slot);
            d.Add(send + "/level", SendLevel, ParameterRole.FxSendLevel, slot);
            d.Add(send + "/tap", SendTap, ParameterRole.FxSendTap, slot);
        }
    }
}
