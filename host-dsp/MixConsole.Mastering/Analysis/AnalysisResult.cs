namespace MixConsole.Mastering.Analysis;

/// <summary>Per-channel figures of an analysis.</summary>
/// <param name="Name">Speaker name (L, R, C, LFE, ...).</param>
/// <param name="SamplePeakDbfs">Highest |sample|, dBFS.</param>
/// <param name="TruePeakDbtp">Highest reconstructed (oversampled) peak, dBTP.</param>
/// <param name="RmsDbfs">RMS level, dBFS.</param>
/// <param name="DcOffsetPercent">Mean value as a percentage of full scale.</param>
/// <param name="ClippedRuns">Runs of three or more consecutive full-scale samples.</param>
public sealed record ChannelAnalysis(string Name, double SamplePeakDbfs, double TruePeakDbtp, double RmsDbfs, double DcOffsetPercent, long ClippedRuns);

/// <summary>Everything <c>mixconsole analyze</c> reports about one file.</summary>
public sealed class AnalysisResult
{
    /// <summary>Floor for loudness values: below the absolute gate (-70 LUFS) nothing is measurable, so silence reports this.</summary>
    public const double LoudnessFloorLufs = -70;

    /// <summary>Floor for peak and RMS values: digital silence reports this instead of minus infinity.</summary>
    public const double LevelFloorDb = -140;

    /// <summary>File path as given.</summary>
    public required string File { get; init; }

    /// <summary>Sample format, e.g. "PCM 24-bit".</summary>
    public required string Format { get; init; }

    /// <summary>Sample rate, Hz.</summary>
    public required int SampleRateHz { get; init; }

    /// <summary>Frames analysed.</summary>
    public required long Frames { get; init; }

    /// <summary>Length in seconds.</summary>
    public double DurationSeconds => SampleRateHz > 0 ? (double)Frames / SampleRateHz : 0;

    /// <summary>Integrated loudness (BS.1770-5, gated), LUFS; <see cref="LoudnessFloorLufs"/> when nothing passes the gate.</summary>
    public required double IntegratedLufs { get; init; }

    /// <summary>Loudness range (EBU Tech 3342), LU; 0 when too little passes the gates.</summary>
    public required double LoudnessRangeLu { get; init; }

    /// <summary>Highest true peak over all channels, dBTP.</summary>
    public required double TruePeakDbtp { get; init; }

    /// <summary>Highest sample peak over all channels, dBFS.</summary>
    public required double SamplePeakDbfs { get; init; }

    /// <summary>Highest momentary (400 ms) loudness, LUFS.</summary>
    public required double MaxMomentaryLufs { get; init; }

    /// <summary>Highest short-term (3 s) loudness, LUFS.</summary>
    public required double MaxShortTermLufs { get; init; }

    /// <summary>Peak-to-loudness ratio: true peak minus integrated loudness, LU (0 for silence).</summary>
    public double PeakToLoudnessRatioLu => IsSilent ? 0 : TruePeakDbtp - IntegratedLufs;

    /// <summary>True when no 400 ms block passed the absolute gate.</summary>
    public bool IsSilent => IntegratedLufs <= LoudnessFloorLufs;

    /// <summary>Correlation of the first two channels over the file (+1 mono, 0 wide, below 0 phase trouble).</summary>
    public required double Correlation { get; init; }

    /// <summary>Lowest correlation over any 400 ms window with signal.</summary>
    public required double WorstCorrelation { get; init; }

    /// <summary>Level change when folded to mono, dB (about 0 for mono-compatible, -3 for unrelated channels).</summary>
    public required double MonoFoldDownDb { get; init; }

    /// <summary>Per-channel figures.</summary>
    public required IReadOnlyList<ChannelAnalysis> Channels { get; init; }

    /// <summary>Clamps minus infinity (silence) to a finite floor so every figure is a number.</summary>
    public static double Floor(double value, double floor) => double.IsNaN(value) || value < floor ? floor : value;
}
