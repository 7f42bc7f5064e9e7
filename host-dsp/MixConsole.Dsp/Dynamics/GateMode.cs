namespace MixConsole.Dsp.Dynamics;

/// <summary>How a <see cref="Gate"/> attenuates below its threshold.</summary>
public enum GateMode
{
    /// <summary>Below threshold the full range is applied: open or closed.</summary>
    Gate,

    /// <summary>Downward expander: below threshold each dB under it costs (ratio - 1) dB more, up to the range.</summary>
    Expander,
}
