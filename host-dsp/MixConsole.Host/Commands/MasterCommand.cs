using System.Globalization;
using System.Text.Json;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Mastering;
using MixConsole.Host.Cli;
using MixConsole.Mastering.Analysis;
using MixConsole.Mastering.Delivery;
using MixConsole.Mastering.Matching;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;
using MixConsole.Mastering.Report;
using MixConsole.Mastering.Targets;
using MixConsole.Store;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole master</c>: a finished mix in, a release-ready master out.</summary>
internal sealed class MasterCommand : ICommand
{
    /// <summary>Ceiling used with --lufs when --ceiling is not given, dBTP.</summary>
    public const double DefaultCeilingDbtp = -1;

    public string Name => "master";

    public string Summary => "master a mix: loudness target hit exactly, true peaks under the ceiling, tone, width, dither";

    public string Usage => "mixconsole master IN.wav -o OUT.wav [--target T | --lufs X [--ceiling Y]] [--preset P [--state DIR]] [--format F] [--rate R] [--reference REF.wav [--match ...]] [--report R.html] [--json]";

    public string Description => $"""
        Checks the mix (clipping, headroom, DC offset, phase trouble in mono: printed as
        warnings), runs it through the master chain (subsonic high-pass, preset EQ,
        multiband compression, imager, saturation, loudness gain, true-peak limiter),
        and searches the loudness gain until the integrated loudness of the written file
        is within 0.05 LU of the target (1 render pass with light limiting, 2-3 with heavy). The true peak of the
        written file is measured 8x oversampled at its own rate, after dither, and held
        at or under the ceiling. Integer output (wav16, wav24) is TPDF-dithered once, last.
        The master is sample-aligned with the mix and exactly as long.

        It says how much limiting the target took and warns past --max-limiting; it never
        switches to another mode behind your back.

        Targets (integrated LUFS / ceiling dBTP):
        {string.Join(Environment.NewLine, DeliveryTarget.All.Select(t => FormattableString.Invariant($"  {t.Id,-14}{t.IntegratedLufs,6:0.0} / {t.CeilingDbtp:0.0}   {t.DisplayName}")))}
        --lufs X sets the loudness directly; --ceiling defaults to {DefaultCeilingDbtp:0.0} dBTP then.

        Presets:
        {string.Join(Environment.NewLine, MasterPreset.All.Select(p => $"  {p.Name,-12}  {p.Description}"))}

        Reference matching (--reference): the loudness (LUFS), the average spectrum of mid
        and side separately (1/3-octave smoothed, a 4095-tap linear-phase FIR at 48 kHz) and
        the stereo width (side/mid energy) move toward the reference by the amounts of
        --match (default {MatchAmounts.Default}). Works at the mix's own rate, any length.
        With loudness matching on, --target/--lufs would compete for the loudness: use
        loudness=0 to master to a target with the reference's tone and width.

        Example: mixconsole master mix.wav -o master.wav --target apple-music --preset warm --report master.html
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("output", "OUT", "the master to write (WAV)", 'o'),
        new("target", "T", "delivery target (default spotify): " + string.Join(", ", DeliveryTarget.All.Select(t => t.Id))),
        new("lufs", "X", "integrated loudness target in LUFS, instead of --target"),
        new("ceiling", "Y", $"true-peak ceiling in dBTP (default: the target's, or {DefaultCeilingDbtp:0.0} with --lufs)"),
        new("preset", "P", "tone and dynamics: " + string.Join(", ", MasterPreset.All.Select(p => p.Name)) + " (default transparent)"),
        new("state", "DIR", "a console's store folder: --preset also finds the user presets saved there"),
        new("format", "F", "wav16, wav24 or wav32f (default: the input's)"),
        new("rate", "R", "output sample rate in Hz (default: the input's); resampled before the limiter"),
        new("reference", "REF", "a reference track to match"),
        new("match", "SPEC", $"match amounts in percent, e.g. loudness=100,eq=70,width=50 (default {MatchAmounts.Default})"),
        new("report", "FILE", "write a self-contained HTML report with plots"),
        new("json", null, "print one JSON object instead of text"),
        new("max-limiting", "DB", "warn when the limiter needs more gain reduction than this (default 6)"),
        new("noise-shaping", null, "first-order noise-shaped dither instead of flat TPDF"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count == 0) throw new UsageException("which mix? e.g. mixconsole master mix.wav -o master.wav");
        if (args.Positionals.Count > 1) throw new UsageException($"one mix at a time (got {args.Positionals.Count}); for several songs use mixconsole master-album");
        string input = args.Positionals[0];
        string output = args.Get("output") ?? throw new UsageException("where to? add -o OUT.wav");
        var (targetLufs, ceiling, targetName) = ResolveLoudness(args);
        var preset = ResolvePreset(args);
        var format = ResolveFormat(args);
        int? rate = ResolveRate(args);
        // A target that fixes the medium (cd: 44.1 kHz, 16-bit) sets rate and word length unless given.
        if (!args.Has("lufs") && DeliveryTarget.Find(targetName) is { } fixedMedium)
        {
            rate ??= fixedMedium.SampleRateHz;
            format ??= fixedMedium.BitsPerSample switch { 16 => WavSampleFormat.Pcm16, 24 => WavSampleFormat.Pcm24, _ => null };
        }
        double maxLimiting = ResolveMaxLimiting(args);
        string? reference = args.Get("reference");
        MatchAmounts amounts = MatchAmounts.Default;
        if (args.Has("match"))
        {
            if (reference is null) throw new UsageException("--match needs --reference REF.wav");
            if (!MatchAmounts.TryParse(args.Get("match")!, out amounts, out string error)) throw new UsageException("--match " + error);
        }
        if (reference is not null && amounts.LoudnessPercent > 0 && (args.Has("target") || args.Has("lufs")))
            throw new UsageException($"--{(args.Has("lufs") ? "lufs" : "target")} and --reference with loudness={amounts.LoudnessPercent:0.#} both set the loudness; add --match loudness=0 to master to the target with the reference's tone");
        CheckInput(input);
        if (reference is not null) CheckInput(reference);
        CheckOutput(input, output);

        bool json = args.Has("json");
        string? reportPath = args.Get("report");
        try
        {
            using var session = new MasteringSession(input, preset, collectPlots: reportPath is not null);
            var progress = ProgressLine.ForLongWork(context.Err, $"mastering {Path.GetFileName(input)}");
            session.Analyze(withSpectrum: reference is not null, progress, context.Cancellation);
            PrintWarnings(context.Err, "mix check", session.MixWarnings);
            var settings = new Dictionary<string, string> { ["target"] = targetName };
            if (reference is not null)
            {
                using var refSession = new MasteringSession(reference, MasterPreset.Transparent);
                refSession.Analyze(withSpectrum: true, progress, context.Cancellation);
                if (refSession.Before.IsSilent) throw new UserFacingException($"{reference}: the reference is silent; nothing to match");
                session.MatchToward(refSession.Spectrum!, amounts.EqPercent / 100, amounts.WidthPercent / 100);
                if (amounts.LoudnessPercent > 0 && !session.Before.IsSilent)
                {
                    targetLufs = session.Before.IntegratedLufs + amounts.LoudnessPercent / 100 * (refSession.Before.IntegratedLufs - session.Before.IntegratedLufs);
                    targetName = $"reference ({refSession.Before.IntegratedLufs.ToString("0.0", CultureInfo.InvariantCulture)} LUFS, {amounts.LoudnessPercent:0.#} %)";
                    settings["target"] = targetName;
                }
                settings["reference"] = reference;
                settings["match"] = amounts.ToString();
            }
            session.Prepare(progress, context.Cancellation);
            var request = new MasterRequest(output, targetLufs, ceiling)
            {
                Format = format,
                SampleRateHz = rate,
                MaxLimitingDb = maxLimiting,
                NoiseShaping = args.Has("noise-shaping") ? DitherNoiseShaping.FirstOrder : DitherNoiseShaping.None,
            };
            var outcome = session.Render(request, progress, context.Cancellation);
            progress?.Done();
            PrintWarnings(context.Err, "warning", outcome.Warnings);
            if (reportPath is not null) File.WriteAllText(reportPath, HtmlReport.Build(session, outcome));
            if (json) WriteJson(context.Out, w => MasterJson.WriteProperties(w, session, outcome, settings));
            else PrintSummary(context.Out, session, outcome, targetName);
            return 0;
        }
        catch (WavFormatException e) { throw new UserFacingException(e.Message); }
        catch (IOException e) { throw new UserFacingException(e.Message); }
        catch (UnauthorizedAccessException e) { throw new UserFacingException(e.Message); }
        catch (ArgumentException e) when (e.Message.Contains("rate ratio", StringComparison.Ordinal)) { throw new UserFacingException(e.Message); }
    }

    internal static (double Lufs, double Ceiling, string Name) ResolveLoudness(ParsedArgs args)
    {
        if (args.Has("target") && args.Has("lufs"))
            throw new UsageException("--target and --lufs both set the loudness; choose one");
        double? ceiling = args.Has("ceiling") ? args.GetDouble("ceiling", 0) : null;
        if (ceiling is { } c && (c > 0 || c < -20)) throw new UsageException($"--ceiling must be between -20 and 0 dBTP, got {c.ToString(CultureInfo.InvariantCulture)}");
        if (args.Has("lufs"))
        {
            double lufs = args.GetDouble("lufs", 0);
            if (lufs < -40 || lufs > -3) throw new UsageException($"--lufs must be between -40 and -3 LUFS, got {lufs.ToString(CultureInfo.InvariantCulture)}");
            return (lufs, ceiling ?? DefaultCeilingDbtp, lufs.ToString("0.0", CultureInfo.InvariantCulture) + " LUFS");
        }
        var target = FindTarget(args.Get("target") ?? "spotify");
        return (target.IntegratedLufs, ceiling ?? target.CeilingDbtp, target.Id);
    }

    internal static DeliveryTarget FindTarget(string id)
    {
        var target = DeliveryTarget.Find(id);
        if (target is not null) return target;
        string? near = ArgParser.Nearest(id.ToLowerInvariant(), DeliveryTarget.All.Select(t => t.Id));
        throw new UsageException($"unknown target '{id}'" + (near is null ? "" : $"; did you mean '{near}'?") + $" (targets: {string.Join(", ", DeliveryTarget.All.Select(t => t.Id))})");
    }

    internal static MasterPreset ResolvePreset(ParsedArgs args)
    {
        string name = args.Get("preset") ?? "transparent";
        if (MasterPreset.Find(name) is { } builtIn) return builtIn;
        if (args.Get("state") is { } dir)
        {
            using ConsoleStore store = ScenesCommand.OpenStore(dir);
            if (new MasterPresetStore(store).TryGet(name, out Dictionary<string, float> leaves))
                return MasterPreset.Custom(name, $"user preset from {dir}", chain => MasterSettingLeaves.ApplyTo(chain, leaves));
        }
        throw new UsageException($"unknown preset '{name}' (presets: {string.Join(", ", MasterPreset.All.Select(p => p.Name))}; user presets with --state DIR)");
    }

    internal static WavSampleFormat? ResolveFormat(ParsedArgs args)
    {
        string? name = args.Get("format");
        if (name is null) return null;
        return OutputFormat.Parse(name) ?? throw new UsageException($"unknown format '{name}' (formats: {string.Join(", ", OutputFormat.Names)})");
    }

    internal static int? ResolveRate(ParsedArgs args) =>
        args.Has("rate") ? args.GetInt("rate", 0, WavFormat.MinSampleRateHz, WavFormat.MaxSampleRateHz) : null;

    internal static double ResolveMaxLimiting(ParsedArgs args)
    {
        double db = args.GetDouble("max-limiting", 6);
        if (db < 0 || db > 40) throw new UsageException($"--max-limiting must be between 0 and 40 dB, got {db.ToString(CultureInfo.InvariantCulture)}");
        return db;
    }

    internal static void CheckInput(string path)
    {
        if (!File.Exists(path)) throw new UserFacingException($"{path}: no such file");
    }

    internal static void CheckOutput(string input, string output)
    {
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
            throw new UsageException($"{output} is the input; write the master to another file");
    }

    internal static void PrintWarnings(TextWriter err, string label, IReadOnlyList<string> warnings)
    {
        foreach (string w in warnings) err.WriteLine($"{label}: {w}");
    }

    internal static void WriteJson(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string F(double v, string format = "0.0") =>
        double.IsNegativeInfinity(v) ? "-inf"
        : format.Contains(';') ? (Math.Abs(v) < 0.005 ? 0.0 : v).ToString(format, CultureInfo.InvariantCulture) // no "-+0.00" for tiny negatives
        : v.ToString(format, CultureInfo.InvariantCulture);

    internal static void PrintSummary(TextWriter o, MasteringSession session, MasterOutcome outcome, string targetName)
    {
        var b = session.Before;
        var a = outcome.After;
        o.WriteLine($"{session.InputPath} -> {outcome.Request.OutputPath}");
        o.WriteLine($"  target {targetName}: {F(outcome.Request.TargetLufs)} LUFS, ceiling {F(outcome.Request.CeilingDbtp)} dBTP; preset {session.Preset.Name}; {a.Format}{(outcome.Dithered ? ", TPDF dither" : "")}");
        if (Math.Abs(session.WidthPercent - 100) > 0.5 || session.MidCurve.GainsDb.Count > 1)
            o.WriteLine($"  matching: EQ curve on mid and side, width {F(session.WidthPercent)} %");
        o.WriteLine();
        o.WriteLine("                        mix           master");
        o.WriteLine($"  Integrated loudness   {F(b.IntegratedLufs),6} LUFS   {F(a.IntegratedLufs, "0.00"),6} LUFS  ({F(outcome.ErrorLu, "+0.00;-0.00")} LU)");
        o.WriteLine($"  Loudness range        {F(b.LoudnessRangeLu),6} LU     {F(a.LoudnessRangeLu),6} LU");
        o.WriteLine($"  True peak             {F(b.TruePeakDbtp),6} dBTP   {F(a.TruePeakDbtp, "0.00"),6} dBTP");
        o.WriteLine($"  PLR                   {F(b.PeakToLoudnessRatioLu),6} LU     {F(a.PeakToLoudnessRatioLu),6} LU");
        if (b.Channels.Count >= 2)
            o.WriteLine($"  Correlation           {F(b.Correlation, "+0.00;-0.00"),6}        {F(a.Correlation, "+0.00;-0.00"),6}");
        o.WriteLine();
        o.WriteLine($"  Loudness search: {outcome.Passes.Count} pass{(outcome.Passes.Count == 1 ? "" : "es")} ({string.Join("; ", outcome.Passes.Select(p => $"{F(p.GainDb, "+0.00;-0.00")} dB -> {F(p.IntegratedLufs, "0.00")} LUFS"))})");
        o.WriteLine($"  Limiting: deepest {F(outcome.MaxGainReductionDb)} dB, average {F(outcome.AverageGainReductionDb, "0.00")} dB, {F(outcome.LimitingCostLu, "0.00")} LU of loudness");
        o.WriteLine();
    }
}
