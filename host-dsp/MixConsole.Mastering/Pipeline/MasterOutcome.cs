using MixConsole.Audio.Wav;
using MixConsole.Dsp.Loudness;
using MixConsole.Mastering.Analysis;
using MixConsole.Mastering.Matching;

namespace MixConsole.Mastering.Pipeline;

/// <summary>What one master came out as, and what it took.</summary>
public sealed class MasterOutcome
{
    /// <summary>The request it answers.</summary>
    public required MasterRequest Request { get; init; }

    /// <summary>Analysis of the written file (after dither).</summary>
    public required AnalysisResult After { get; init; }

    /// <summary>Output sample rate, Hz.</summary>
    public required int SampleRateHz { get; init; }

    /// <summary>Output sample format.</summary>
    public required WavSampleFormat Format { get; init; }

    /// <summary>True when TPDF dither was applied (integer output).</summary>
    public required bool Dithered { get; init; }

    /// <summary>Every render pass, in order; the last one that met the ceiling and came closest was kept.</summary>
    public required IReadOnlyList<PassRecord> Passes { get; init; }

    /// <summary>The pass written to the output.</summary>
    public required PassRecord Kept { get; init; }

    /// <summary>Deepest limiter gain reduction in the kept pass, dB.</summary>
    public required double MaxGainReductionDb { get; init; }

    /// <summary>Time-average of the limiter's gain reduction (per ~21 ms block, the deepest point) in the kept pass, dB.</summary>
    public required double AverageGainReductionDb { get; init; }

    /// <summary>Loudness the limiter took: limiter input loudness (with gain) minus output loudness, LU.</summary>
    public required double LimitingCostLu { get; init; }

    /// <summary>Integrated loudness minus target, LU.</summary>
    public double ErrorLu => After.IntegratedLufs - Request.TargetLufs;

    /// <summary>True when the target was met within tolerance and the ceiling held.</summary>
    public required bool OnTarget { get; init; }

    /// <summary>Problems with this master (heavy limiting, a missed target), one line each.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Momentary and short-term loudness of the output at 10 Hz (empty unless plots were asked for).</summary>
    public required IReadOnlyList<LoudnessHistoryPoint> History { get; init; }

    /// <summary>Deepest limiter gain reduction per 100 ms, dB (empty unless plots were asked for).</summary>
    public required IReadOnlyList<float> GainReductionDb10Hz { get; init; }

    /// <summary>Average spectrum of the output (null unless plots were asked for).</summary>
    public AverageSpectrum? Spectrum { get; init; }
}
