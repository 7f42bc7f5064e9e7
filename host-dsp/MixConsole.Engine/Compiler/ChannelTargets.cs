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

    /// <summary>Fader, pans, mono and solo, as gains.</summary>
    public MixGains Mix;

    /// <summary>Part of a linked stereo pair.</summary>
    public bool Linked;
}
