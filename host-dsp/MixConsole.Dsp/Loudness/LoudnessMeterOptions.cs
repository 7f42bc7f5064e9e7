namespace MixConsole.Dsp.Loudness;

/// <summary>What a <see cref="LoudnessMeter"/> measures beyond loudness, fixed at Prepare.</summary>
public sealed record LoudnessMeterOptions
{
    /// <summary>Everything on: true peak measured, exact block skipping, no history.</summary>
    public static LoudnessMeterOptions Default { get; } = new();

    /// <summary>Cheapest live metering: loudness and sample peak only.</summary>
    public static LoudnessMeterOptions LoudnessOnly { get; } = new() { MeasureTruePeak = false };

    /// <summary>Measure true peak (8x interpolation). Off saves most of the cost for live use.</summary>
    public bool MeasureTruePeak { get; init; } = true;

    /// <summary>
    /// Skip interpolating a block when its sample peak times <see cref="Oversampling.TruePeakInterpolator.MaxPhaseL1Norm"/>
    /// cannot exceed the running true peak. The result is identical either way; off only to verify or benchmark.
    /// </summary>
    public bool SkipBlocksThatCannotRaiseTruePeak { get; init; } = true;

    /// <summary>
    /// Keep the last block's samples, where the K-weighting stood before it and its sums, so a meter of the same audio
    /// measures it without filtering it again (<see cref="LoudnessMeter.Process(Core.AudioBuffer, int, LoudnessMeter?)"/>).
    /// </summary>
    public bool KeepsLastBlock { get; init; }

    /// <summary>Receives momentary and short-term loudness every 100 ms of audio; null for none.</summary>
    public ILoudnessHistorySink? HistorySink { get; init; }
}
