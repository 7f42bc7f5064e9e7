namespace MixConsole.Dsp.Mastering;

/// <summary>Shape of one <see cref="MasterEq"/> band.</summary>
public enum EqBandType
{
    /// <summary>Band unused.</summary>
    Off,

    /// <summary>Peaking (bell) filter at the frequency, width from Q.</summary>
    Bell,

    /// <summary>Low shelf: boosts or cuts below the frequency.</summary>
    LowShelf,

    /// <summary>High shelf: boosts or cuts above the frequency.</summary>
    HighShelf,

    /// <summary>Tilt around the frequency: half the gain above, minus half below (gentle shelves, Q 0.5).</summary>
    Tilt,
}
