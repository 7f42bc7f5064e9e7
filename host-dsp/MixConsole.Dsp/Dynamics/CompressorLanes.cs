using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// Settings and state of many compressors, one per lane, a field per array so <see cref="CompressorKernel"/> loads a row
/// of each at once. Settings are designed values (coefficients per sample, the knee's start as a power); a new
/// compressor is off, 4:1, mix 1.
/// </summary>
public sealed class CompressorLanes
{
    /// <summary>Creates <paramref name="lanes"/> compressors, every one off.</summary>
    public CompressorLanes(int lanes)
    {
        ThresholdDb = new float[lanes]; KneeStartPower = new float[lanes]; Slope = new float[lanes]; KneeDb = new float[lanes];
        InverseTwoKnee = new float[lanes]; Attack = new float[lanes]; Release = new float[lanes]; Rms = new float[lanes];
        RmsUpdate = new float[lanes]; MeanSquare = new float[lanes]; GainReductionDb = new float[lanes]; MaxGainReductionDb = new float[lanes];
        On = new LaneRamps(lanes); Mix = new LaneRamps(lanes); MakeupDb = new LaneRamps(lanes);
        for (int lane = 0; lane < lanes; lane++) Mix.Snap(lane, 1f);
        Array.Fill(Slope, 0.75f);
    }

    /// <summary>Threshold, in dB.</summary>
    public float[] ThresholdDb { get; }

    /// <summary>Power (squared level) where the knee starts: below it the curve asks for nothing.</summary>
    public float[] KneeStartPower { get; }

    /// <summary>1 - 1/ratio.</summary>
    public float[] Slope { get; }

    /// <summary>Knee width, in dB.</summary>
    public float[] KneeDb { get; }

    /// <summary>1 / (2 knee), 0 for a hard knee.</summary>
    public float[] InverseTwoKnee { get; }

    /// <summary>Attack smoothing coefficient per sample.</summary>
    public float[] Attack { get; }

    /// <summary>Release smoothing coefficient per sample.</summary>
    public float[] Release { get; }

    /// <summary>1 for the RMS detector, 0 for peak.</summary>
    public float[] Rms { get; }

    /// <summary>State: the RMS detector's mean square.</summary>
    public float[] MeanSquare { get; }

    /// <summary>State: smoothed gain reduction, in dB (positive).</summary>
    public float[] GainReductionDb { get; }

    /// <summary>Meter: largest applied gain reduction (dB, positive) since the caller last cleared it.</summary>
    public float[] MaxGainReductionDb { get; }

    /// <summary>The on switch, ramped (0 off, 1 on).</summary>
    public LaneRamps On { get; }

    /// <summary>Wet share 0..1, ramped.</summary>
    public LaneRamps Mix { get; }

    /// <summary>Make-up gain in dB, ramped.</summary>
    public LaneRamps MakeupDb { get; }

    /// <summary>Per-sample update weight of the RMS mean square: 1 - the averaging time's coefficient.</summary>
    public float[] RmsUpdate { get; }

    /// <summary>Averaging time of the RMS detector unless a lane sets its own, in milliseconds.</summary>
    public const float RmsTimeMs = 10f;

    /// <summary>Sets every lane's RMS averaging to <see cref="RmsTimeMs"/> at <paramref name="sampleRateHz"/>.</summary>
    public void Prepare(double sampleRateHz) => Array.Fill(RmsUpdate, 1f - TimeConstant.Coefficient(RmsTimeMs, sampleRateHz));

    /// <summary>Clears detectors, gain reduction and meters; settings are kept.</summary>
    public void Reset()
    {
        Array.Clear(MeanSquare);
        Array.Clear(GainReductionDb);
        Array.Clear(MaxGainReductionDb);
    }

    /// <summary>Clears lane <paramref name="lane"/>'s detector, gain reduction and meter; settings are kept.</summary>
    public void Reset(int lane)
    {
        MeanSquare[lane] = 0f;
        GainReductionDb[lane] = 0f;
        MaxGainReductionDb[lane] = 0f;
    }

    /// <summary>Ends the switch, mix and make-up ramps of every lane at their targets.</summary>
    public void FinishRamps()
    {
        for (int lane = 0; lane < On.Target.Length; lane++) FinishRamps(lane);
    }

    /// <summary>Ends lane <paramref name="lane"/>'s switch, mix and make-up ramps at their targets.</summary>
    public void FinishRamps(int lane)
    {
        On.Snap(lane, On.Target[lane]);
        Mix.Snap(lane, Mix.Target[lane]);
        MakeupDb.Snap(lane, MakeupDb.Target[lane]);
    }
}
