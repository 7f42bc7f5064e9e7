using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Compiler;

/// <summary>What one matrix bus heads for; its EQ coefficients and input gains sit in the snapshot's flat arrays.</summary>
internal struct MatrixTargets
{
    /// <summary>Compressor, designed.</summary>
    public CompressorSettings Compressor;

    /// <summary>Fader and mute as a gain, negative when the polarity is inverted.</summary>
    public float Gain;
}
