using System.Globalization;
using System.Text.Json;
using MixConsole.Audio.Wav;
using MixConsole.Host.Cli;
using MixConsole.Mastering.Album;
using MixConsole.Mastering.Report;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole master-album</c>: songs mastered as one album, their relative loudness kept.</summary>
internal sealed class MasterAlbumCommand : ICommand
{
    public string Name => "master-album";

    public string Summary => "master songs as one album: the loudest meets the target, the others keep their distance";

    public string Usage => "mixconsole master-album A.wav B.wav ... -o DIR [--target T | --lufs X [--ceiling Y]] [--consistent-tone [PERCENT]] [--preset P] [--format F] [--rate R] [--report] [--json]";

    public string Description => """
        Album normalisation, as Spotify and Tidal play albums: one album gain brings the
        loudest song to the target and every other song keeps its loudness relative to it
        (a quiet ballad stays quieter than the single). Each song gets its own loudness
        search, so the relative loudness holds to 0.05 LU even when the limiter works
        harder on louder songs. Each master is written as DIR/<same file name>.

        --consistent-tone moves each song's average mid and side spectrum toward the
        album's average (default 50 %), so the record sounds like one record.
        --report writes each song's HTML report beside its master, as DIR/<song>.html.

        Example: mixconsole master-album 01.wav 02.wav 03.wav -o album --target apple-music --consistent-tone
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("output", "DIR", "folder for the masters", 'o'),
        new("target", "T", "delivery target for the loudest song (default spotify)"),
        new("lufs", "X", "integrated loudness for the loudest song, LUFS, instead of --target"),
        new("ceiling", "Y", "true-peak ceiling, dBTP (default: the target's, or -1)"),
        new("consistent-tone", "PERCENT", "match each song's tone toward the album average by PERCENT (default 50)", NumberOptional: true),
        new("preset", "P", "tone and dynamics preset (default transparent)"),
        new("format", "F", "wav16, wav24 or wav32f (default: each input's)"),
        new("rate", "R", "output sample rate in Hz (default: each input's)"),
        new("max-limiting", "DB", "warn when a song needs more limiting than this (default 6)"),
        new("report", null, "write each song's HTML report beside its master (DIR/<song>.html)"),
        new("json", null, "print one JSON object instead of text"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count == 0) throw new UsageException("which songs? e.g. mixconsole master-album a.wav b.wav -o album");
        string dir = args.Get("output") ?? throw new UsageException("where to? add -o DIR");
        var (lufs, ceiling, targetName) = MasterCommand.ResolveLoudness(args);
        var preset = MasterCommand.ResolvePreset(args);
        var format = MasterCommand.ResolveFormat(args);
        int? rate = MasterCommand.ResolveRate(args);
        double maxLimiting = MasterCommand.ResolveMaxLimiting(args);
        double tone = 0;
        if (args.Has("consistent-tone"))
        {
            tone = args.GetDouble("consistent-tone", 50);
            if (tone < 0 || tone > 100) throw new UsageException($"--consistent-tone must be between 0 and 100 %, got {tone.ToString(CultureInfo.InvariantCulture)}");
        }
        bool report = args.Has("report");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string song in args.Positionals)
        {
            MasterCommand.CheckInput(song);
            if (!names.Add(Path.GetFileName(song))) throw new UsageException($"two songs are named {Path.GetFileName(song)}; their masters would overwrite each other in {dir}");
            MasterCommand.CheckOutput(song, Path.Combine(dir, Path.GetFileName(song)));
        }
        try
        {
            var songs = AlbumMaster.Run(args.Positionals, dir, lufs, ceiling, preset, tone / 100,
                (_, r) => r with { Format = format, SampleRateHz = rate, MaxLimitingDb = maxLimiting },
                collectPlots: report, cancellation: context.Cancellation,
                written: report ? (session, outcome) => File.WriteAllText(Path.ChangeExtension(outcome.Request.OutputPath, ".html"),
                    HtmlReport.Build(session, outcome, $"{Path.GetFileName(outcome.Request.OutputPath)} in the album")) : null);
            foreach (var s in songs) MasterCommand.PrintWarnings(context.Err, "warning", s.Outcome.Warnings);
            if (args.Has("json"))
            {
                MasterCommand.WriteJson(context.Out, w =>
                {
                    w.WriteString("target", targetName);
                    w.WriteNumber("target_lufs", lufs);
                    w.WriteNumber("ceiling_dbtp", ceiling);
                    w.WriteNumber("consistent_tone_percent", tone);
                    w.WriteStartArray("songs");
                    foreach (var s in songs)
                    {
                        w.WriteStartObject();
                        w.WriteString("input", s.InputPath);
                        w.WriteString("output", s.Outcome.Request.OutputPath);
                        w.WriteNumber("input_lufs", Math.Round(s.InputLufs, 2));
                        w.WriteNumber("album_target_lufs", Math.Round(s.TargetLufs, 2));
                        w.WriteNumber("integrated_lufs", Math.Round(s.Outcome.After.IntegratedLufs, 3));
                        w.WriteNumber("true_peak_dbtp", Math.Round(s.Outcome.After.TruePeakDbtp, 3));
                        w.WriteNumber("passes", s.Outcome.Passes.Count);
                        w.WriteNumber("max_gain_reduction_db", Math.Round(s.Outcome.MaxGainReductionDb, 2));
                        w.WriteBoolean("on_target", s.Outcome.OnTarget);
                        w.WriteStartArray("warnings");
                        foreach (var x in s.Outcome.Warnings) w.WriteStringValue(x);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
            }
            else
            {
                context.Out.WriteLine($"album of {songs.Count} songs -> {dir}: loudest at {lufs.ToString("0.0", CultureInfo.InvariantCulture)} LUFS ({targetName}), ceiling {ceiling.ToString("0.0", CultureInfo.InvariantCulture)} dBTP");
                foreach (var s in songs)
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {Path.GetFileName(s.InputPath),-24} mix {s.InputLufs,6:0.0} LUFS -> {s.Outcome.After.IntegratedLufs,6:0.00} LUFS (album target {s.TargetLufs:0.00}), peak {s.Outcome.After.TruePeakDbtp:0.00} dBTP, limiting {s.Outcome.MaxGainReductionDb:0.0} dB"));
            }
            return 0;
        }
        catch (WavFormatException e) { throw new UserFacingException(e.Message); }
        catch (IOException e) { throw new UserFacingException(e.Message); }
        catch (UnauthorizedAccessException e) { throw new UserFacingException(e.Message); }
        catch (ArgumentException e) when (e.Message.Contains("sample rate", StringComparison.Ordinal)) { throw new UserFacingException(e.Message); }
    }
}
