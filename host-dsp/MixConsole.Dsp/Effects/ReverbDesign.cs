namespace MixConsole.Dsp.Effects;

/// <summary>
/// A <see cref="Reverb"/>'s settings designed on the control side (<see cref="Reverb.Design"/>): the clamped values,
/// each loop line's target length and its loop gain at that length, so <see cref="Reverb.Apply"/> only takes them.
/// </summary>
public struct ReverbDesign
{
    /// <summary>Sample rate designed at, in Hz.</summary>
    public double SampleRateHz;

    /// <summary>Pre-delay, in milliseconds (0..500).</summary>
    public float PreDelayMs;

    /// <summary>RT60, in seconds (0.05..100).</summary>
    public float DecayTimeSeconds;

    /// <summary>Room size 0..1.</summary>
    public float Size;

    /// <summary>High-frequency damping 0..1.</summary>
    public float Damping;

    /// <summary>Each line's length at <see cref="Size"/>, in frames.</summary>
    public ReverbLines<int> TargetFrames;

    /// <summary>Each line's loop gain at its target length for <see cref="DecayTimeSeconds"/>.</summary>
    public ReverbLines<float> LoopGains;
}
