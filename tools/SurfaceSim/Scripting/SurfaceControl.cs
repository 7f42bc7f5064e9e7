namespace MixConsole.SurfaceSim.Scripting;

/// <summary>Buttons and LEDs a script can name.</summary>
public enum SurfaceControl
{
    /// <summary>No button or LED.</summary>
    None,

    /// <summary>A strip's mute button or LED.</summary>
    Mute,

    /// <summary>A strip's solo button or LED.</summary>
    Solo,

    /// <summary>A strip's select button or LED.</summary>
    Select,

    /// <summary>Bank down.</summary>
    BankPrev,

    /// <summary>Bank up.</summary>
    BankNext,

    /// <summary>Channels layer.</summary>
    LayerChannels,

    /// <summary>Buses layer.</summary>
    LayerBuses,

    /// <summary>DCAs layer.</summary>
    LayerDcas,

    /// <summary>Mastering A/B.</summary>
    Ab,

    /// <summary>Mastering bypass.</summary>
    Bypass,

    /// <summary>The link LED.</summary>
    Link,
}
