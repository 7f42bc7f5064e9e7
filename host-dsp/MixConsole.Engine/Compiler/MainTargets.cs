using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Compiler;

/// <summary>What the main stereo bus, the mono bus, the solo bus and the master chain slot head for.</summary>
internal struct MainTargets
{
    /// <summary>The linked compressor of main (both sides), designed.</summary>
    public CompressorSettings Compressor;

    /// <summary>Main left gain: fader, mute and balance.</summary>
    public float Left;

    /// <summary>Main right gain.</summary>
    public float Right;

    /// <summary>Solo bus level as a gain.</summary>
    public float SoloLevel;

    /// <summary>1 with the master chain in, 0 bypassed (crossfaded).</summary>
    public float MasterWet;

    /// <summary>The mono bus's compressor, designed.</summary>
    public CompressorSettings MonoCompressor;

    /// <summary>Mono bus gain: fader and mute.</summary>
    public float Mono;

    /// <summary>Solo taps after fader and pan (AFL) rather than before the fader (PFL).</summary>
    public bool SoloAfterFader;
}
