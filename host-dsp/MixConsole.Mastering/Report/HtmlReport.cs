using System.Globalization;
using System.Text;
using MixConsole.Dsp.Loudness;
using MixConsole.Mastering.Analysis;
using MixConsole.Mastering.Matching;
using MixConsole.Mastering.Pipeline;

namespace MixConsole.Mastering.Report;

/// <summary>
/// A self-contained HTML report of one master (inline CSS and SVG, no scripts, no external assets): before and
/// after figures, the mix check, the loudness search and limiting, and plots of the spectrum before and after,
/// loudness over time and limiter gain reduction over time.
/// </summary>
public static class HtmlReport
{
    /// <summary>The report for <paramref name="outcome"/> of <paramref name="session"/> (a session that collected plots).</summary>
    /// <param name="session">The session that rendered it.</param>
    /// <param name="outcome">The master to report.</param>
    /// <param name="title">Heading; null: "Master of" the input's file name.</param>
    /// <param name="inputName">What to call the input; null: the session's input path (pass the mix's own name when that path is a temporary file).</param>
    public static string Build(MasteringSession session, MasterOutcome outcome, string? title = null, string? inputName = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outcome);
        var b = session.Before;
        var a = outcome.After;
        var html = new StringBuilder();
        string heading = title ?? $"Master of {Path.GetFileName(session.InputPath)}";
        OpenPage(html, heading);
        html.Append("<p>").Append(SvgPlot.Escape($"{inputName ?? session.InputPath} → {outcome.Request.OutputPath}: target {F(outcome.Request.TargetLufs)} LUFS, ceiling {F(outcome.Request.CeilingDbtp)} dBTP, preset {session.Preset.Name}, {a.Format}")).Append("</p>");
        html.Append(outcome.OnTarget
            ? $"<p class=\"ok\">On target: {F(a.IntegratedLufs, "0.00")} LUFS ({F(outcome.ErrorLu, "+0.00;-0.00")} LU), true peak {F(a.TruePeakDbtp, "0.00")} dBTP.</p>"
            : $"<p class=\"warn\">Off target: {F(a.IntegratedLufs, "0.00")} LUFS ({F(outcome.ErrorLu, "+0.00;-0.00")} LU).</p>");

        html.Append("<h2>Before and after</h2><table><tr><th></th><th>Mix</th><th>Master</th></tr>");
        Row(html, "Integrated loudness", Lufs(b), Lufs(a));
        Row(html, "Loudness range", F(b.LoudnessRangeLu) + " LU", F(a.LoudnessRangeLu) + " LU");
        Row(html, "True peak", F(b.TruePeakDbtp) + " dBTP", F(a.TruePeakDbtp) + " dBTP");
        Row(html, "Sample peak", F(b.SamplePeakDbfs) + " dBFS", F(a.SamplePeakDbfs) + " dBFS");
        Row(html, "PLR", F(b.PeakToLoudnessRatioLu) + " LU", F(a.PeakToLoudnessRatioLu) + " LU");
        Row(html, "Max short-term", F(b.MaxShortTermLufs) + " LUFS", F(a.MaxShortTermLufs) + " LUFS");
        Row(html, "Correlation", F(b.Correlation, "+0.00;-0.00"), F(a.Correlation, "+0.00;-0.00"));
        Row(html, "Mono fold-down", F(b.MonoFoldDownDb) + " dB", F(a.MonoFoldDownDb) + " dB");
        html.Append("</table>");

        html.Append("<h2>Mix check</h2>");
        List(html, session.MixWarnings, "No problems found: no clipping, enough headroom, no DC offset, mono-compatible.");
        html.Append("<h2>Loudness and limiting</h2><table><tr><th>Pass</th><th>Gain</th><th>Ceiling</th><th>Integrated</th><th>True peak</th><th>Max GR</th></tr>");
        for (int i = 0; i < outcome.Passes.Count; i++)
        {
            var p = outcome.Passes[i];
            html.Append($"<tr><td>{i + 1}{(ReferenceEquals(p, outcome.Kept) ? " (kept)" : "")}</td><td>{F(p.GainDb, "+0.00;-0.00")} dB</td><td>{F(p.CeilingDbtp, "0.00")} dBTP</td><td>{F(p.IntegratedLufs, "0.00")} LUFS</td><td>{F(p.TruePeakDbtp, "0.00")} dBTP</td><td>{F(p.MaxGainReductionDb)} dB</td></tr>");
        }
        html.Append("</table>");
        html.Append($"<p>Limiting: deepest {F(outcome.MaxGainReductionDb)} dB, average {F(outcome.AverageGainReductionDb, "0.00")} dB, costing {F(outcome.LimitingCostLu, "0.00")} LU of loudness.</p>");
        List(html, outcome.Warnings, null);

        if (session.Spectrum is { } before && outcome.Spectrum is { } after)
        {
            html.Append("<h2>Spectrum (mid, 1/6-octave smoothed)</h2>");
            var grid = MatchCurve.Grid(Math.Min(before.HighestHz, after.HighestHz));
            var sb = grid.Select(f => (f, before.SmoothedDb(false, f, 1.0 / 6))).ToList();
            var sa = grid.Select(f => (f, after.SmoothedDb(false, f, 1.0 / 6))).ToList();
            double top = Math.Ceiling(sb.Concat(sa).Max(p => p.Item2) / 10) * 10;
            html.Append(new SvgPlot("frequency (Hz)", "power (dB)", 20, grid[^1], top - 80, top, logX: true)
                .Add("mix", "#888", sb).Add("master", "#c33", sa).ToSvg());
        }
        if (session.History.Count > 0 || outcome.History.Count > 0)
        {
            html.Append("<h2>Loudness over time</h2>");
            double end = Math.Max(b.DurationSeconds, 1);
            var plot = new SvgPlot("time (s)", "loudness (LUFS)", 0, end, -50, 0)
                .Add("mix short-term", "#888", Series(session.History, p => p.ShortTermLufs))
                .Add("master momentary", "#f2a0a0", Series(outcome.History, p => p.MomentaryLufs))
                .Add("master short-term", "#c33", Series(outcome.History, p => p.ShortTermLufs));
            html.Append(plot.ToSvg());
        }
        if (outcome.GainReductionDb10Hz.Count > 0)
        {
            html.Append("<h2>Limiter gain reduction over time</h2>");
            var gr = outcome.GainReductionDb10Hz.Select((g, i) => (i / 10.0, -(double)g)).ToList();
            double deepest = Math.Max(3, Math.Ceiling(outcome.MaxGainReductionDb + 1));
            html.Append(new SvgPlot("time (s)", "gain (dB)", 0, Math.Max(b.DurationSeconds, 1), -deepest, 0).Add("limiter gain", "#36c", gr).ToSvg());
        }
        html.Append("<p style=\"color:#888;font-size:12px\">Loudness per ITU-R BS.1770-5 / EBU R128; true peak 8x oversampled at the delivery rate, after dither.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>Starts a report page: doctype, the shared inline style, the title and the heading.</summary>
    internal static void OpenPage(StringBuilder html, string heading)
    {
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(SvgPlot.Escape(heading)).Append("</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:820px;margin:24px auto;color:#222}table{border-collapse:collapse;margin:8px 0}td,th{padding:4px 12px;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}.warn{color:#a40}.ok{color:#070}h2{margin-top:28px}</style></head><body>");
        html.Append("<h1>").Append(SvgPlot.Escape(heading)).Append("</h1>");
    }

    private static List<(double, double)> Series(IReadOnlyList<LoudnessHistoryPoint> points, Func<LoudnessHistoryPoint, double> value) =>
        points.Select(p => (p.TimeSeconds, value(p))).ToList();

    private static void Row(StringBuilder html, string name, string before, string after) =>
        html.Append("<tr><td>").Append(name).Append("</td><td>").Append(before).Append("</td><td>").Append(after).Append("</td></tr>");

    private static void List(StringBuilder html, IReadOnlyList<string> items, string? empty)
    {
        if (items.Count == 0)
        {
            if (empty is not null) html.Append("<p class=\"ok\">").Append(SvgPlot.Escape(empty)).Append("</p>");
            return;
        }
        html.Append("<ul>");
        foreach (string item in items) html.Append("<li class=\"warn\">").Append(SvgPlot.Escape(item)).Append("</li>");
        html.Append("</ul>");
    }

    private static string Lufs(AnalysisResult r) => r.IsSilent ? "-inf LUFS" : F(r.IntegratedLufs) + " LUFS";

    private static string F(double v, string format = "0.0") =>
        double.IsNegativeInfinity(v) ? "-inf"
        : format.Contains(';') ? (Math.Abs(v) < 0.005 ? 0.0 : v).ToString(format, CultureInfo.InvariantCulture) // no "-+0.00" for tiny negatives
        : v.ToString(format, CultureInfo.InvariantCulture);
}
