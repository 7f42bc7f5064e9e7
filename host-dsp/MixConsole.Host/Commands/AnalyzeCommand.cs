using System.Globalization;
using System.Text.Json;
using MixConsole.Audio.Wav;
using MixConsole.Host.Cli;
using MixConsole.Mastering.Analysis;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole analyze</c>: the numbers a mastering engineer checks, and a verdict.</summary>
internal sealed class AnalyzeCommand : ICommand
{
    public string Name => "analyze";

    public string Summary => "measure loudness, peaks and phase of a WAV file (BS.1770-5 / EBU R128)";

    public string Usage => "mixconsole analyze FILE [FILE...] [--json]";

    public string Description => """
        Prints integrated loudness (LUFS), loudness range (LU), true peak (dBTP, 8x
        oversampled), sample peak, max momentary and short-term loudness, PLR, per-channel
        peaks, RMS and DC offset, stereo correlation and mono fold-down, then a verdict
        against the streaming platforms (e.g. "Spotify would turn this down 3.2 dB") and
        warnings worth fixing before mastering.

        Silence has no loudness: JSON then gives -70 for loudness values (the absolute
        gate), -140 for peak and RMS levels, 0 LU for loudness range, and "silent": true.

        Reads PCM 16/24/32-bit and float 32/64-bit WAV, WAVE_FORMAT_EXTENSIBLE and RF64,
        1-64 channels, 8-384 kHz. Surround channels are weighted per BS.1770 from the
        channel mask (LFE excluded).

        Example: mixconsole analyze song.wav --json
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("json", null, "print one JSON object (an array of them for several files) instead of text"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count == 0) throw new UsageException("which file? e.g. mixconsole analyze song.wav");
        bool json = args.Has("json");
        var results = new List<(AnalysisResult Result, MixVerdict Verdict)>();
        int failures = 0;
        foreach (string path in args.Positionals)
        {
            try
            {
                if (!File.Exists(path)) throw new UserFacingException($"{path}: no such file");
                var progress = ProgressLine.ForLongWork(context.Err, $"analysing {Path.GetFileName(path)}");
                var result = FileAnalyzer.Analyze(path, progress, cancellation: context.Cancellation);
                progress?.Done();
                results.Add((result, MixVerdict.From(result)));
            }
            catch (Exception e) when (e is WavFormatException or UserFacingException or IOException or UnauthorizedAccessException)
            {
                // One clear line per unreadable file; the others are still analysed.
                context.Err.WriteLine($"mixconsole analyze: {e.Message}");
                failures++;
            }
        }

        if (json) WriteJson(context.Out, results, args.Positionals.Count > 1);
        else foreach (var (r, v) in results) WriteText(context.Out, r, v);
        return failures == 0 ? 0 : 1;
    }

    private static void WriteJson(TextWriter output, List<(AnalysisResult Result, MixVerdict Verdict)> results, bool array)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            if (array) w.WriteStartArray();
            foreach (var (r, v) in results)
            {
                w.WriteStartObject();
                AnalysisJson.WriteProperties(w, r, v);
                w.WriteEndObject();
            }
            if (array) w.WriteEndArray();
        }
        if (results.Count > 0 || array) output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string F(double v, string unit, string format = "0.0")
    {
        if (double.IsNegativeInfinity(v)) return "-inf " + unit;
        return v.ToString(format, CultureInfo.InvariantCulture) + " " + unit;
    }

    private static void WriteText(TextWriter o, AnalysisResult a, MixVerdict v)
    {
        o.WriteLine($"{a.File}: {a.Format}, {FormatDuration(a.DurationSeconds)}");
        o.WriteLine();
        string lufs(double x) => a.IsSilent ? "-inf LUFS" : F(x, "LUFS");
        o.WriteLine($"  Integrated loudness   {lufs(a.IntegratedLufs)}");
        o.WriteLine($"  Loudness range        {F(a.LoudnessRangeLu, "LU")}");
        o.WriteLine($"  True peak             {F(a.TruePeakDbtp, "dBTP")}");
        o.WriteLine($"  Sample peak           {F(a.SamplePeakDbfs, "dBFS")}");
        o.WriteLine($"  Max momentary         {F(a.MaxMomentaryLufs, "LUFS")}");
        o.WriteLine($"  Max short-term        {F(a.MaxShortTermLufs, "LUFS")}");
        o.WriteLine($"  PLR                   {(a.IsSilent ? "-" : F(a.PeakToLoudnessRatioLu, "LU"))}");
        if (a.Channels.Count >= 2)
        {
            o.WriteLine($"  Correlation           {a.Correlation.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)} (worst 400 ms {a.WorstCorrelation.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)})");
            o.WriteLine($"  Mono fold-down        {F(a.MonoFoldDownDb, "dB")}");
        }
        o.WriteLine();
        o.WriteLine("  Channel   Sample peak   True peak    RMS          DC offset   Clipped runs");
        foreach (var c in a.Channels)
            o.WriteLine($"  {c.Name,-8}  {F(c.SamplePeakDbfs, "dBFS"),-12}  {F(c.TruePeakDbtp, "dBTP"),-11}  {F(c.RmsDbfs, "dBFS"),-11}  {c.DcOffsetPercent.ToString("0.000", CultureInfo.InvariantCulture) + " %",-10}  {c.ClippedRuns}");
        o.WriteLine();
        o.WriteLine($"  Verdict: {v.Headline}");
        foreach (var p in v.Platforms.Skip(1)) o.WriteLine($"    {p}");
        foreach (var w in v.Warnings.Skip(1)) o.WriteLine($"  Warning: {w}");
        o.WriteLine();
    }

    private static string FormatDuration(double seconds) =>
        TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss\.f" : @"m\:ss\.f", CultureInfo.InvariantCulture);
}
