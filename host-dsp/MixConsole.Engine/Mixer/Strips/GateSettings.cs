using MixConsole.Dsp.Dynamics;

namespace MixConsole.Engine.Mixer.Strips;

/// <summary>
/// A strip gate's settings as the lane kernel uses them: designed once on the control side
/// (<see cref="Design"/>), copied into a <see cref="StripBank"/> by the audio thread.
/// </summary>
internal struct GateSettings
{
    /// <summary>Threshold, in dB.</summary>
    public float ThresholdDb;

    /// <summary>Threshold as a linear level.</summary>
    public float ThresholdGain;

    /// <summary>1 for an expander, 0 for a gate.</summary>
    public float Expander;

    /// <summary>Most attenuation, in dB.</summary>
    public float RangeDb;

    /// <summary>Expansion slope below the threshold (ratio - 1); huge for a gate.</summary>
    public float Expansion;

    /// <summary>Attack smoothing coefficient per sample.</summary>
    public float Attack;

    /// <summary>Release smoothing coefficient per sample.</summary>
    public float Release;

    /// <summary>Hold time, in samples.</summary>
    public float HoldSamples;

    /// <summary>1 when on (the switch ramps), 0 when off.</summary>
    public float On;

    /// <summary>The X32's gate mode DUCK (<c>ConsoleAddressSpace.GateModes</c>): stored, not built, so the gate passes.</summary>
    public const int ModeDuck = 4;

    /// <summary>
    /// Designs the gate of X32 gate mode <paramref name="mode"/>: EXP2, EXP3, EXP4 are expanders of ratio 2..4, GATE
    /// applies the full range, DUCK passes (off).
    /// </summary>
    public static GateSettings DesignMode(double sampleRateHz, bool on, int mode, float thresholdDb, float rangeDb,
        float attackMs, float holdMs, float releaseMs) =>
        Design(sampleRateHz, on && mode != ModeDuck, thresholdDb, rangeDb, mode < 3 ? mode + 2 : 0, attackMs, holdMs, releaseMs);

    /// <summary>
    /// Designs a gate at <paramref name="sampleRateHz"/>; <paramref name="expanderRatio"/> 0 means a gate
    /// (full range below the threshold), 2..4 an expander of that ratio.
    /// </summary>
    public static GateSettings Design(double sampleRateHz, bool on, float thresholdDb, float rangeDb, float expanderRatio,
        float attackMs, float holdMs, float releaseMs) => new()
        {
            ThresholdDb = thresholdDb,
            ThresholdGain = (float)Math.Pow(10, thresholdDb / 20.0),
            Expander = expanderRatio > 1f ? 1f : 0f,
            RangeDb = rangeDb,
            Expansion = expanderRatio > 1f ? expanderRatio - 1f : 1e30f,
            Attack = TimeConstant.Coefficient(attackMs, sampleRateHz),
            Release = TimeConstant.Coefficient(releaseMs, sampleRateHz),
            HoldSamples = (float)Math.Round(holdMs * sampleRateHz / 1000.0),
            On = on ? 1f : 0f,
        };
}
