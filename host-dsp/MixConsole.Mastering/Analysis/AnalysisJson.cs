using System.Text.Json;

namespace MixConsole.Mastering.Analysis;

/// <summary>
/// The JSON form of an analysis. Every figure is a number: silence gives
/// -70 for loudness values (the absolute gate) and -140 for peak and RMS levels,
/// with "silent": true.
/// </summary>
public static class AnalysisJson
{
    /// <summary>Writes <paramref name="a"/> as the properties of the current JSON object.</summary>
    public static void WriteProperties(Utf8JsonWriter w, AnalysisResult a, MixVerdict verdict)
    {
        const double L = AnalysisResult.LoudnessFloorLufs, P = AnalysisResult.LevelFloorDb;
        w.WriteString("file", a.File);
        w.WriteString("format", a.Format);
        w.WriteNumber("sample_rate_hz", a.SampleRateHz);
        w.WriteNumber("channels", a.Channels.Count);
        w.WriteNumber("frames", a.Frames);
        w.WriteNumber("duration_s", Math.Round(a.DurationSeconds, 3));
        w.WriteBoolean("silent", a.IsSilent);
        Num(w, "integrated_lufs", AnalysisResult.Floor(a.IntegratedLufs, L));
        Num(w, "loudness_range_lu", a.LoudnessRangeLu);
        Num(w, "true_peak_dbtp", AnalysisResult.Floor(a.TruePeakDbtp, P));
        Num(w, "sample_peak_dbfs", AnalysisResult.Floor(a.SamplePeakDbfs, P));
        Num(w, "max_momentary_lufs", AnalysisResult.Floor(a.MaxMomentaryLufs, L));
        Num(w, "max_short_term_lufs", AnalysisResult.Floor(a.MaxShortTermLufs, L));
        Num(w, "plr_lu", a.PeakToLoudnessRatioLu);
        Num(w, "correlation", a.Correlation, 3);
        Num(w, "worst_correlation_400ms", a.WorstCorrelation, 3);
        Num(w, "mono_fold_down_db", AnalysisResult.Floor(a.MonoFoldDownDb, P));
        w.WriteStartArray("per_channel");
        foreach (var c in a.Channels)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            Num(w, "sample_peak_dbfs", AnalysisResult.Floor(c.SamplePeakDbfs, P));
            Num(w, "true_peak_dbtp", AnalysisResult.Floor(c.TruePeakDbtp, P));
            Num(w, "rms_dbfs", AnalysisResult.Floor(c.RmsDbfs, P));
            Num(w, "dc_offset_percent", c.DcOffsetPercent, 4);
            w.WriteNumber("clipped_runs", c.ClippedRuns);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("verdict", verdict.Headline);
        w.WriteStartArray("platforms");
        foreach (var p in verdict.Platforms) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var x in verdict.Warnings) w.WriteStringValue(x);
        w.WriteEndArray();
    }

    private static void Num(Utf8JsonWriter w, string name, double value, int decimals = 2) =>
        w.WriteNumber(name, Math.Round(value, decimals));
}
