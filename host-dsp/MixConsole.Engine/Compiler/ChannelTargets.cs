using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// What one input channel's audio heads for, fully derived (stereo link, DCAs, mute groups and solo resolved,
/// decibels turned into gains): the audio thread ramps towards these and designs nothing. Filter coefficients
/// and sends sit beside it in the snapshot's flat arrays.
/// </summary>
internal struct ChannelTargets
{
    /// <summary>Input trim as a gain, negative when the polarity is inverted.</summary>
    public float Trim;

    /// <summary>Alignment delay switched on.</summary>
    public bool DelayOn;

    /// <summary>Alignment delay, in milliseconds.</summary>
    public float DelayMs;

    /// <summary>Gate, designed.</summary>
    public GateSettings Gate;

    /// <summary>Compressor, designed.</summary>
    public CompressorSettings Compressor;

    /// <summary>Fader gain with DCAs, mute switch and mute groups applied.</summary>
    public float Fader;

    /// <summary>Gain into main left (pan law or link balance; 0 when not routed to main).</summary>
    public float PanLeft;

    /// <summary>Gain into main right.</summary>
    public float PanRight;

    /// <summary>Gain into the mono bus.</summary>
    public float Mono;

    /// <summary>Gain into solo left (0 when not soloed).</summary>
    public float SoloLeft;

    /// <summary>Gain into solo right.</summary>
    public float SoloRight;

    /// <summary>Part of a linked stereo pair.</summary>
    public bool Linked;
}
