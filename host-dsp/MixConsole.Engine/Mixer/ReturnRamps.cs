using MixConsole.Dsp.Smoothing;
namespace MixConsole.Engine.Mixer;

/// <summary>The gains of one effect return as the audio thread plays them.</summary>
internal struct ReturnRamps
{
    /// <summary>Left return into main left (fader, mute, balance).</summary>
    public LinearRamp Left;

    /// <summary>Right return into main right.</summary>
    public LinearRamp Right;

    /// <summary>Into solo left.</summary>
    public LinearRamp SoloLeft;

    /// <summary>Into solo right.</summary>
    public LinearRamp SoloRight;
}
