using MixConsole.Dsp.Smoothing;
namespace MixConsole.Engine.Mixer;

/// <summary>The gains of one input channel as the audio thread plays them, each ramping to its target from the snapshot.</summary>
internal struct ChannelRamps
{
    /// <summary>Trim and polarity.</summary>
    public LinearRamp Trim;

    /// <summary>Fader, pans, mono and solo.</summary>
    public MixRamps Mix;
}
