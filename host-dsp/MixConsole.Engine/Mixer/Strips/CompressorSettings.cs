using MixConsole.Dsp.Dynamics;

namespace MixConsole.Engine.Mixer.Strips;

/// <summary>
/// A strip compressor's settings as the lane kernel uses them: designed once on the control side
/// (<see cref="Design"/>), copied into a <see cref="StripBank"/> by the audio thread.
/// </summary>
internal struct CompressorSettings
{
    /// <summary>Threshold, in dB.</summary>
    public float ThresholdDb;

    /// <summary>Power (squared level) where the knee starts.</summary>
    public float KneeStartPower;

    /// <summary>1 - 1/ratio.</summary>
    public float Slope;

    /// <summary>Knee width, in dB.</summary>
    public float KneeDb;

    /// <summary>1 / (2 knee), 0 for a hard knee.</summary>
    public float InverseTwoKnee;

    /// <summary>Attack smoothing coefficient per sample.</summary>
    public float Attack;

    /// <summary>Release smoothing coefficient per sample.</summary>
    public float Release;

    /// <summary>1 for the RMS detector, 0 for peak.</summary>
    public float Rms;

    /// <summary>1 before the EQ, 0 after.</summary>
    public float BeforeEq;

    /// <summary>1 when on (the switch ramps), 0 when off.</summary>
    public float On;

    /// <summary>Wet share 0..1 (ramped).</summary>
    public float Mix;

    /// <summary>Make-up gain, in dB (ramped).</summary>
    public float MakeupDb;

    /// <summary>Designs a compressor at <paramref name="sampleRateHz"/> (Giannoulis, Massberg and Reiss, quadratic knee).</summary>
    public static CompressorSettings Design(double sampleRateHz, bool on, bool rms, float thresholdDb, float ratio, float kneeDb,
        float attackMs, float releaseMs, float makeupDb, float mix, bool beforeEq) => new()
        {
            ThresholdDb = thresholdDb,
            KneeStartPower = CompressorKernel.KneeStartPowerOf(thresholdDb, kneeDb),
            Slope = CompressorKernel.SlopeOf(ratio),
            KneeDb = Math.Max(0f, kneeDb),
            InverseTwoKnee = CompressorKernel.InverseTwoKneeOf(kneeDb),
            Attack = TimeConstant.Coefficient(attackMs, sampleRateHz),
            Release = TimeConstant.Coefficient(releaseMs, sampleRateHz),
            Rms = rms ? 1f : 0f,
            BeforeEq = beforeEq ? 1f : 0f,
            On = on ? 1f : 0f,
            Mix = Math.Clamp(mix, 0f, 1f),
            MakeupDb = makeupDb,
        };
}
