using System.Text.Json;
using MixConsole.Mastering.Analysis;
using MixConsole.Mastering.Delivery;
using MixConsole.Mastering.Pipeline;

namespace MixConsole.Mastering.Report;

/// <summary>The JSON form of a master: before and after analyses, settings, passes, limiting and warnings.</summary>
public static class MasterJson
{
    /// <summary>Writes the properties describing <paramref name="outcome"/> of <paramref name="session"/> into the current object.</summary>
    /// <param name="w">Writer positioned inside an object.</param>
    /// <param name="session">The analysed mix.</param>
    /// <param name="outcome">One master of it.</param>
    /// <param name="settings">Extra settings to record (preset, target name, reference, ...), written as strings.</param>
    public static void WriteProperties(Utf8JsonWriter w, MasteringSession session, MasterOutcome outcome, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(settings);
        w.WriteString("input", session.InputPath);
        w.WriteString("output", outcome.Request.OutputPath);
        w.WriteStartObject("settings");
        w.WriteNumber("target_lufs", Math.Round(outcome.Request.TargetLufs, 2));
        w.WriteNumber("ceiling_dbtp", Math.Round(outcome.Request.CeilingDbtp, 2));
        w.WriteString("preset", session.Preset.Name);
        w.WriteString("format", OutputFormat.Name(outcome.Format));
        w.WriteNumber("sample_rate_hz", outcome.SampleRateHz);
        w.WriteBoolean("dithered", outcome.Dithered);
        w.WriteNumber("max_limiting_db", outcome.Request.MaxLimitingDb);
        w.WriteNumber("tolerance_lu", outcome.Request.ToleranceLu);
        w.WriteNumber("match_width_percent", Math.Round(session.WidthPercent, 1));
        foreach (var (key, value) in settings) w.WriteString(key, value);
        w.WriteEndObject();
        WriteAnalysis(w, "before", session.Before);
        w.WriteStartArray("mix_check");
        foreach (string warning in session.MixWarnings) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteStartArray("passes");
        foreach (var p in outcome.Passes)
        {
            w.WriteStartObject();
            w.WriteNumber("gain_db", Math.Round(p.GainDb, 3));
            w.WriteNumber("ceiling_dbtp", Math.Round(p.CeilingDbtp, 3));
            w.WriteNumber("integrated_lufs", Math.Round(AnalysisResult.Floor(p.IntegratedLufs, AnalysisResult.LoudnessFloorLufs), 3));
            w.WriteNumber("true_peak_dbtp", Math.Round(AnalysisResult.Floor(p.TruePeakDbtp, AnalysisResult.LevelFloorDb), 3));
            w.WriteNumber("max_gain_reduction_db", Math.Round(p.MaxGainReductionDb, 2));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("limiting");
        w.WriteNumber("max_gain_reduction_db", Math.Round(outcome.MaxGainReductionDb, 2));
        w.WriteNumber("average_gain_reduction_db", Math.Round(outcome.AverageGainReductionDb, 2));
        w.WriteNumber("loudness_cost_lu", Math.Round(outcome.LimitingCostLu, 2));
        w.WriteEndObject();
        WriteAnalysis(w, "after", outcome.After);
        w.WriteBoolean("on_target", outcome.OnTarget);
        w.WriteNumber("error_lu", Math.Round(outcome.After.IsSilent ? 0 : outcome.ErrorLu, 3));
        w.WriteStartArray("warnings");
        foreach (string warning in outcome.Warnings) w.WriteStringValue(warning);
        w.WriteEndArray();
    }

    private static void WriteAnalysis(Utf8JsonWriter w, string name, AnalysisResult a)
    {
        w.WriteStartObject(name);
        AnalysisJson.WriteProperties(w, a, MixVerdict.From(a));
        w.WriteEndObject();
    }
}
