using System.Globalization;
using System.Text;
using MixConsole.Mastering.Matching;
using MixConsole.Mastering.Preview;

namespace MixConsole.Mastering.Report;

/// <summary>
/// A self-contained HTML page (inline CSS and SVG, nothing fetched) of a master's translation previews: per
/// system, what the master loses in words, and the system's response drawn against the master's spectrum.
/// </summary>
public static class PreviewReport
{
    /// <summary>The page for <paramref name="result"/>.</summary>
    public static string Build(PreviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        AverageSpectrum master = result.Spectrum;
        var html = new StringBuilder();
        string name = Path.GetFileName(result.InputPath);
        HtmlReport.OpenPage(html, $"Translation previews of {name}");
        double seconds = (double)result.Frames / result.Format.SampleRateHz;
        html.Append("<p>").Append(SvgPlot.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {result.Format}, {seconds:0.0} s. Each system's WAV is beside this page; levels are matched in the midrange, so the previews compare tone, not loudness."))).Append("</p>");
        html.Append("<h2>What each system loses</h2><ul>");
        foreach (PreviewOutput output in result.Outputs)
            html.Append("<li><b>").Append(SvgPlot.Escape(output.Curve.Name)).Append("</b>: ").Append(SvgPlot.Escape(string.Join("; ", output.Findings))).Append(".</li>");
        html.Append("</ul>");

        double[] grid = MatchCurve.Grid(master.HighestHz);
        var spectrum = new List<(double, double)>(grid.Length);
        foreach (double f in grid) spectrum.Add((f, master.SmoothedDb(false, f, 1.0 / 6)));
        double top = double.NegativeInfinity;
        foreach (var (_, db) in spectrum) top = Math.Max(top, db);
        top = double.IsFinite(top) ? top : 0;
        foreach (PreviewOutput output in result.Outputs)
        {
            bool side = output.Curve.Matrix.SideOnBothSides;
            html.Append("<h2>").Append(SvgPlot.Escape(output.Curve.Name)).Append("</h2><p>").Append(SvgPlot.Escape(output.Curve.Summary))
                .Append(" (").Append(SvgPlot.Escape(Path.GetFileName(output.OutputPath))).Append(")</p>");
            var response = new List<(double, double)>(grid.Length);
            var heard = new List<(double, double)>(grid.Length);
            foreach (double f in grid)
            {
                double gain = output.Curve.MagnitudeDb(f, master.SampleRateHz);
                response.Add((f, gain));
                heard.Add((f, master.SmoothedDb(side, f, 1.0 / 6) - top + gain));
            }

            var own = new List<(double, double)>(grid.Length);
            foreach (var (f, db) in spectrum) own.Add((f, db - top));
            html.Append(new SvgPlot("frequency (Hz)", "dB (spectrum: re its peak)", 20, grid[^1], -60, 12, logX: true)
                .Add("master (mid)", "#888", own).Add(side ? "heard: the side" : "heard on " + output.Curve.Name, "#c33", heard).Add("system response", "#36c", response).ToSvg());
        }

        html.Append("<p style=\"color:#888;font-size:12px\">Spectra: 1/6-octave smoothed long-term average. The curves and their sources: host-dsp/MixConsole.Dsp/Preview/README.md.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }
}
