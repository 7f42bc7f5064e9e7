using MixConsole.Dsp.Smoothing;

namespace MixConsole.Engine.Mixer;

/// <summary>The <see cref="Compiler.MixGains"/> of one channel or bus as the audio thread plays them.</summary>
internal struct MixRamps
{
    /// <summary>Fader with DCAs and mutes.</summary>
    public LinearRamp Fader;

    /// <summary>Into main left.</summary>
    public LinearRamp PanLeft;

    /// <summary>Into main right.</summary>
    public LinearRamp PanRight;

    /// <summary>Into the mono bus.</summary>
    public LinearRamp Mono;

    /// <summary>Into solo left.</summary>
    public LinearRamp SoloLeft;

    /// <summary>Into solo right.</summary>
    public LinearRamp SoloRight;

    /// <summary>True when fader, pans and mono all rest at their targets.</summary>
    public readonly bool MixAtRest => Fader.Remaining == 0 && PanLeft.Remaining == 0 && PanRight.Remaining == 0 && Mono.Remaining == 0;
}
