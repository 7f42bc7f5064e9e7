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

    private static void AddSends(ParameterTableBuilder builder, int channel, int buses)
    {
        for (int bus = 1; bus <= buses; bus++)
        {
            string send = ParameterPaths.Send(channel, bus);
            builder.Add(send + "/on", SendOn, new ParameterKey(ParameterOwner.Channel, channel, ParameterRole.SendOn, bus));
            builder.Add(send + "/level", SendLevel, new ParameterKey(ParameterOwner.Channel, channel, ParameterRole.SendLevel, bus));
            if (bus % 2 == 0) continue;
            builder.Add(send + "/pan", SendPan);
            builder.Add(send + "/type", SendType, new ParameterKey(ParameterOwner.Channel, channel, ParameterRole.SendTap, bus));
            builder.Add(send + "/panFollow", SendPanFollow);
        }
    }
}
