namespace MixConsole.Engine.Compiler;

/// <summary>Where a channel or bus sends its post-processing signal, as linear gains: the part of its targets the mix follows.</summary>
internal struct MixGains
{
    /// <summary>Fader gain with DCAs, mute switch and mute groups applied.</summary>
    public float Fader;

    /// <summary>Gain into main left (pan law, or link balance for a channel pair; 0 when not routed to main).</summary>
    public float PanLeft;

    /// <summary>Gain into main right.</summary>
    public float PanRight;

    /// <summary>Gain into the mono bus.</summary>
    public float Mono;

    /// <summary>Gain into solo left (0 when not soloed).</summary>
    public float SoloLeft;

    /// <summary>Gain into solo right.</summary>
    public float SoloRight;
}
