using System.Globalization;
using System.Text;

namespace MixConsole.Mastering.Report;

/// <summary>A small line chart as inline SVG: axes with labelled ticks, several coloured series, a legend.</summary>
public sealed class SvgPlot
{
    private const int Width = 760, Height = 260, Left = 56, Right = 16, Top = 16, Bottom = 36;
    private readonly List<(string Name, string Colour, IReadOnlyList<(double X, double Y)> Points)> _series = [];

    /// <summary>A chart titled by its axes: <paramref name="xLabel"/> and <paramref name="yLabel"/>.</summary>
    public SvgPlot(string xLabel, string yLabel, double xMin, double xMax, double yMin, double yMax, bool logX = false)
    {
        XLabel = xLabel; YLabel = yLabel;
        XMin = xMin; XMax = xMax > xMin ? xMax : xMin + 1; YMin = yMin; YMax = yMax > yMin ? yMax : yMin + 1;
        LogX = logX;
    }

    /// <summary>Horizontal axis label.</summary>
    public string XLabel { get; }

    /// <summary>Vertical axis label.</summary>
    public string YLabel { get; }

    /// <summary>Axis ranges.</summary>
    public double XMin { get; }

    /// <summary>Axis ranges.</summary>
    public double XMax { get; }

    /// <summary>Axis ranges.</summary>
    public double YMin { get; }

    /// <summary>Axis ranges.</summary>
    public double YMax { get; }

    /// <summary>True for a logarithmic frequency axis.</summary>
    public bool LogX { get; }

    /// <summary>Adds a series drawn as a polyline; points outside the y range are clamped to its edge.</summary>
    public SvgPlot Add(string name, string colour, IReadOnlyList<(double X, double Y)> points)
    {
        _series.Add((name, colour, points));
        return this;
    }

    private double Px(double x)
    {
        double t = LogX ? Math.Log(x / XMin) / Math.Log(XMax / XMin) : (x - XMin) / (XMax - XMin);
        return Left + t * (Width - Left - Right);
    }

    private double Py(double y) => Top + (1 - (Math.Clamp(y, YMin, YMax) - YMin) / (YMax - YMin)) * (Height - Top - Bottom);

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The SVG element.</summary>
    public string ToSvg()
    {
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\">");
        sb.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fafafa\" stroke=\"#999\"/>");
        foreach (double y in Ticks(YMin, YMax, 6))
            sb.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Py(y))}\" y2=\"{N(Py(y))}\" stroke=\"#e2e2e2\"/><text x=\"{Left - 6}\" y=\"{N(Py(y) + 4)}\" font-size=\"11\" text-anchor=\"end\">{N(y)}</text>");
        IEnumerable<double> xs = LogX ? new double[] { 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000 }.Where(f => f >= XMin && f <= XMax) : Ticks(XMin, XMax, 8);
        foreach (double x in xs)
        {
            string label = LogX && x >= 1000 ? N(x / 1000) + "k" : N(x);
            sb.Append($"<line y1=\"{Top}\" y2=\"{Height - Bottom}\" x1=\"{N(Px(x))}\" x2=\"{N(Px(x))}\" stroke=\"#e2e2e2\"/><text x=\"{N(Px(x))}\" y=\"{Height - Bottom + 14}\" font-size=\"11\" text-anchor=\"middle\">{label}</text>");
        }
        sb.Append($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 4}\" font-size=\"12\" text-anchor=\"middle\">{Escape(XLabel)}</text>");
        sb.Append($"<text x=\"12\" y=\"{(Top + Height - Bottom) / 2}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 12 {(Top + Height - Bottom) / 2})\">{Escape(YLabel)}</text>");
        int legend = 0;
        foreach (var (name, colour, points) in _series)
        {
            var path = new StringBuilder();
            foreach (var (x, y) in points)
            {
                if (!double.IsFinite(y) || x < XMin || x > XMax) continue;
                path.Append(path.Length == 0 ? "M" : "L").Append(N(Px(x))).Append(',').Append(N(Py(y)));
            }
            if (path.Length > 0) sb.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>");
            int lx = Left + 10 + legend * 170;
            sb.Append($"<rect x=\"{lx}\" y=\"{Top + 6}\" width=\"12\" height=\"4\" fill=\"{colour}\"/><text x=\"{lx + 16}\" y=\"{Top + 12}\" font-size=\"11\">{Escape(name)}</text>");
            legend++;
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Round tick values covering min..max, about <paramref name="count"/> of them.</summary>
    public static IEnumerable<double> Ticks(double min, double max, int count)
    {
        double raw = (max - min) / count, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        for (double v = Math.Ceiling(min / step) * step; v <= max + 1e-9; v += step) yield return Math.Round(v, 6);
    }

    /// <summary>Escapes text for XML.</summary>
    public static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
