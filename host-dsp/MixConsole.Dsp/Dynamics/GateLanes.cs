using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// Settings and state of many gates, one per lane, a field per array so <see cref="GateKernel"/> loads a row of each
/// at once. Settings are designed values (coefficients per sample, linear threshold); a new gate is off, -80 dB, 60 dB range.
/// </summary>
public sealed class GateLanes
{
    /// <summary>Creates <paramref name="lanes"/> gates, every one off.</summary>
    public GateLanes(int lanes)
    {
        ThresholdDb = new float[lanes]; ThresholdGain = new float[lanes]; Expander = new float[lanes]; RangeDb = new float[lanes];
        Expansion = new float[lanes]; Attack = new float[lanes]; Release = new float[lanes]; HoldSamples = new float[lanes];
        Detector = new float[lanes]; Hold = new float[lanes]; GainReductionDb = new float[lanes]; MaxGainReductionDb = new float[lanes];
        On = new LaneRamps(lanes);
        Array.Fill(RangeDb, 60f);
        Array.Fill(Expansion, 1e30f);
        Array.Fill(ThresholdDb, -80f);
        Array.Fill(ThresholdGain, 1e-4f);
    }

    /// <summary>Threshold, in dB.</summary>
    public float[] ThresholdDb { get; }

    /// <summary>Threshold as a linear level (the open/closed test).</summary>
    public float[] ThresholdGain { get; }

    /// <summary>1 for an expander, 0 for a gate.</summary>
    public float[] Expander { get; }

    /// <summary>Most attenuation, in dB.</summary>
    public float[] RangeDb { get; }

    /// <summary>Expansion slope below the threshold (ratio - 1); huge for a gate.</summary>
    public float[] Expansion { get; }

    /// <summary>Attack smoothing coefficient per sample.</summary>
    public float[] Attack { get; }

    /// <summary>Release smoothing coefficient per sample.</summary>
    public float[] Release { get; }

    /// <summary>Hold time, in samples.</summary>
    public float[] HoldSamples { get; }

    /// <summary>State: the key's peak envelope.</summary>
    public float[] Detector { get; }

    /// <summary>State: hold samples left.</summary>
    public float[] Hold { get; }

    /// <summary>State: smoothed attenuation, in dB (positive).</summary>
    public float[] GainReductionDb { get; }

    /// <summary>Meter: largest applied attenuation (dB, positive) since the caller last cleared it.</summary>
    public float[] MaxGainReductionDb { get; }

    /// <summary>The on switch, ramped (0 off, 1 on).</summary>
    public LaneRamps On { get; }

    /// <summary>Fall coefficient per sample of the peak detector (<see cref="Gate.DetectorReleaseMs"/> at the sample rate).</summary>
    public float DetectorFall { get; private set; }

    /// <summary>Sets the detector's fall for <paramref name="sampleRateHz"/>.</summary>
    public void Prepare(double sampleRateHz) => DetectorFall = TimeConstant.Coefficient(Gate.DetectorReleaseMs, sampleRateHz);

    /// <summary>Clears detectors, hold timers, gain reduction and meters; settings are kept.</summary>
    public void Reset()
    {
        Array.Clear(Detector);
        Array.Clear(Hold);
        Array.Clear(GainReductionDb);
        Array.Clear(MaxGainReductionDb);
    }
}
