using MixConsole.Dsp.Smoothing;
namespace MixConsole.Engine.Mixer;

/// <summary>The gains of main, mono, solo and the master chain slot as the audio thread plays them.</summary>
internal sealed class MainRamps
{
    /// <summary>Main left: fader, mute, balance.</summary>
    public LinearRamp Left;

    /// <summary>Main right.</summary>
    public LinearRamp Right;

    /// <summary>Mono bus output.</summary>
    public LinearRamp Mono;

    /// <summary>Solo bus level.</summary>
    public LinearRamp Solo;

    /// <summary>Wet share of the master chain (0 bypassed, crossfaded).</summary>
    public LinearRamp MasterWet;
}
