namespace MixConsole.Control.Meters;

/// <summary>The mastering box's loudness readings, as <c>/master/loudness</c> answers them.</summary>
/// <param name="MomentaryLufs">Last 400 ms, LUFS.</param>
/// <param name="ShortTermLufs">Last 3 s, LUFS.</param>
/// <param name="IntegratedLufs">Gated, since start or the last reset, LUFS.</param>
/// <param name="RangeLu">Loudness range (EBU Tech 3342), LU.</param>
/// <param name="TruePeakMaxDbtp">Largest true peak since start or the last reset, dBTP.</param>
/// <param name="LimiterReductionDb">Deepest limiter gain reduction over the last 10 ms, dB (0 = untouched).</param>
public readonly record struct MasterLoudnessReading(
    float MomentaryLufs, float ShortTermLufs, float IntegratedLufs, float RangeLu, float TruePeakMaxDbtp, float LimiterReductionDb);
