using MixConsole.Dsp.Effects;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// One effect slot's settings, designed on the control side for the prepared rate (tempo and note already a time,
/// line lengths, loop gains and loop filters computed): the audio thread only takes them.
/// </summary>
internal struct EffectSettings
{
    /// <summary><see cref="EffectSlot.ReverbType"/> or <see cref="EffectSlot.DelayType"/>.</summary>
    public int Type;

    /// <summary>The reverb's design.</summary>
    public ReverbDesign Reverb;

    /// <summary>The delay's design (both sides at one time).</summary>
    public StereoDelayDesign Delay;
}
