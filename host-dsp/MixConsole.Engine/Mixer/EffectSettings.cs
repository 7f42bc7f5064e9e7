using MixConsole.Dsp.Effects;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// One effect slot's settings, designed on the control side for the prepared rate from the slot's X32 type and pars
/// (line lengths, loop gains, loop filters and times computed): the audio thread only takes them.
/// </summary>
internal struct EffectSettings
{
    /// <summary>What runs the slot's type; <see cref="EffectKernel.None"/> outputs silence as a send effect, its input in an insert point.</summary>
    public EffectKernel Kernel;

    /// <summary>The reverb's design.</summary>
    public ReverbDesign Reverb;

    /// <summary>The delay's design (both sides).</summary>
    public StereoDelayDesign Delay;

    /// <summary>Linear gain on the reverb's output (the X32 reverbs' level).</summary>
    public float ReverbGain;

    /// <summary>The delay's wet share 0..1 (the X32 delay's mix); the rest is the slot's input, dry.</summary>
    public float DelayMix;

    /// <summary>The graphic EQ's bands and master gains (both sides).</summary>
    public GraphicEqDesign GraphicEq;
}
