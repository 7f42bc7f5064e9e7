using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Compiler;

/// <summary>What one mix bus heads for, fully derived; its EQ coefficients sit in the snapshot's section array.</summary>
internal struct BusTargets
{
    /// <summary>Compressor, designed.</summary>
    public CompressorSettings Compressor;

    /// <summary>Fader, pans, mono and solo, as gains.</summary>
    public MixGains Mix;
}
