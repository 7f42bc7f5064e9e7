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

    /// <summary>Sends on fader: flips the channel faders to the selected bus's sends (fader desk).</summary>
    Sends,

    /// <summary>Encoder page: pans, then the selected channel's EQ, Q/HPF, gate, compressor (fader desk).</summary>
    Page,

    /// <summary>Mastering A/B.</summary>
    Ab,

    /// <summary>Mastering bypass.</summary>
    Bypass,

    /// <summary>The link LED.</summary>
    Link,
}
