using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Compiler;

/// <summary>What one mix bus heads for, fully derived; its EQ coefficients sit in the snapshot's section array.</summary>
internal struct BusTargets
{
    /// <summary>Compressor, designed.</summary>
    public CompressorSettings Compressor;

    /// <summary>Fader gain with DCAs, mute switch and mute groups applied.</summary>
    public float Fader;

    /// <summary>Gain into main left (0 when not routed to main).</summary>
    public float PanLeft;

    /// <summary>Gain into main right.</summary>
    public float PanRight;

    /// <summary>Gain into the mono bus.</summary>
    public float Mono;

    /// <summary>Gain into solo left.</summary>
    public float SoloLeft;

    /// <summary>Gain into solo right.</summary>
    public float SoloRight;
}
