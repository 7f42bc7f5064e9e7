namespace MixConsole.Engine.Mixer;

/// <summary>The gains of one mix bus as the audio thread plays them.</summary>
internal struct BusRamps
{
    /// <summary>Fader with DCAs and mutes.</summary>
    public GainRamp Fader;

    /// <summary>Into main left.</summary>
    public GainRamp PanLeft;

    /// <summary>Into main right.</summary>
    public GainRamp PanRight;

    /// <summary>Into the mono bus.</summary>
    public GainRamp Mono;

    /// <summary>Into solo left.</summary>
    public GainRamp SoloLeft;

    /// <summary>Into solo right.</summary>
    public GainRamp SoloRight;

    /// <summary>True when fader, pans and mono all rest at their targets.</summary>
    public readonly bool MixAtRest => Fader.Remaining == 0 && PanLeft.Remaining == 0 && PanRight.Remaining == 0 && Mono.Remaining == 0;
}
