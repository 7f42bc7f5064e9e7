namespace MixConsole.Engine.Mixer;

/// <summary>The gains of main, mono, solo and the master chain slot as the audio thread plays them.</summary>
internal sealed class MainRamps
{
    /// <summary>Main left: fader, mute, balance.</summary>
    public GainRamp Left;

    /// <summary>Main right.</summary>
    public GainRamp Right;

    /// <summary>Mono bus output.</summary>
    public GainRamp Mono;

    /// <summary>Solo bus level.</summary>
    public GainRamp Solo;

    /// <summary>Wet share of the master chain (0 bypassed, crossfaded).</summary>
    public GainRamp MasterWet;
}
