namespace MixConsole.Dsp.Loudness;

/// <summary>One 10 Hz sample of the loudness history.</summary>
/// <param name="TimeSeconds">Stream time at the end of both windows, in seconds since Prepare/Reset.</param>
/// <param name="MomentaryLufs">Momentary loudness (400 ms), LUFS; negative infinity for digital silence.</param>
/// <param name="ShortTermLufs">Short-term loudness (3 s), LUFS; negative infinity for digital silence.</param>
public readonly record struct LoudnessHistoryPoint(double TimeSeconds, double MomentaryLufs, double ShortTermLufs);
