using System.Globalization;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The typed identity of a parameter: whose it is (<see cref="Owner"/> and its <see cref="Number"/>, from 1),
/// what it does (<see cref="Role"/>) and, for roles that repeat, which band, bus or slot (<see cref="Slot"/>,
/// from 1). The table's declarations attach one to each parameter; code binds by key
/// (<see cref="ParameterTable.Bind"/>), never by path.
/// </summary>
public readonly record struct ParameterKey(ParameterOwner Owner, int Number, ParameterRole Role, int Slot = 0)
{
    /// <summary>A key of the console itself (no number).</summary>
    public static ParameterKey Console(ParameterRole role) => new(ParameterOwner.Console, 0, role);

    /// <summary>True for a real key (a parameter declared without one has <see cref="ParameterRole.None"/>).</summary>
    public bool IsDeclared => Role != ParameterRole.None;

    /// <summary>A readable name, e.g. "channel 2 EqGain (band 3)".</summary>
    public override string ToString()
    {
        string owner = Owner switch
        {
            ParameterOwner.Console => "console",
            ParameterOwner.Channel => "channel " + Number.ToString(CultureInfo.InvariantCulture),
            ParameterOwner.Bus => "bus " + Number.ToString(CultureInfo.InvariantCulture),
            ParameterOwner.FxSlot => "effect slot " + Number.ToString(CultureInfo.InvariantCulture),
            ParameterOwner.FxReturn => "effect return " + Number.ToString(CultureInfo.InvariantCulture),
            ParameterOwner.MainStereo => "main stereo bus",
            ParameterOwner.MainMono => "mono bus",
            ParameterOwner.Dca => "DCA " + Number.ToString(CultureInfo.InvariantCulture),
            ParameterOwner.MuteGroup => "mute group " + Number.ToString(CultureInfo.InvariantCulture),
            ParameterOwner.Master => "master chain",
            ParameterOwner.Matrix => "matrix " + Number.ToString(CultureInfo.InvariantCulture),
            ParameterOwner.AuxInput => "aux input " + Number.ToString(CultureInfo.InvariantCulture),
            _ => Owner.ToString(),
        };
        string slot = Slot == 0 ? "" : Role switch
        {
            ParameterRole.EqType or ParameterRole.EqFrequency or ParameterRole.EqGain or ParameterRole.EqQ => " (band ",
            ParameterRole.SendLevel or ParameterRole.SendTap or ParameterRole.SendOn => Owner is ParameterOwner.Channel or ParameterOwner.AuxInput ? " (bus " : " (matrix ",
            ParameterRole.EffectParameter => " (par ",
            _ => " (slot ",
        } + Slot.ToString(CultureInfo.InvariantCulture) + ")";
        return owner + " " + Role + slot;
    }
}
