using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Effects;

/// <summary>
/// A <see cref="StereoDelay"/>'s settings designed on the control side (<see cref="StereoDelay.Design"/>): clamped
/// values, the times in frames and the loop filters' coefficients, so <see cref="StereoDelay.Apply"/> only takes them.
/// </summary>
public struct StereoDelayDesign
{
    /// <summary>Sample rate designed at, in Hz.</summary>
    public double SampleRateHz;

    /// <summary>Left and right delay times, in milliseconds (1 ms..the delay's maximum).</summary>
    public float TimeLeftMs, TimeRightMs;

    /// <summary>The same times in frames: what the time glides head for.</summary>
    public float TimeLeftFrames, TimeRightFrames;

    /// <summary>Feedback gain 0..<see cref="StereoDelay.MaxFeedback"/>.</summary>
    public float Feedback;

    /// <summary>Loop low-cut and high-cut corners, in Hz (at least 1).</summary>
    public float LowCutHz, HighCutHz;

    /// <summary>Echoes alternate sides.</summary>
    public bool PingPong;

    /// <summary>The loop's low cut (12 dB/oct high-pass) and high cut (12 dB/oct low-pass).</summary>
    public BiquadCoefficients LowCut, HighCut;
}
