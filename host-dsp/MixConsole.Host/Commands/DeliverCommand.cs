using System.Globalization;
using MixConsole.Audio.Wav;
using MixConsole.Host.Cli;
using MixConsole.Mastering.Delivery;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Report;
using MixConsole.Mastering.Targets;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole deliver</c>: one mix, one master per delivery target.</summary>
internal sealed class DeliverCommand : ICommand
{
    public string Name => "deliver";

    public string Summary => "one analysis, one master per target (spotify, apple-music, cd, ebu-r128, ...)";

    public string Usage => "mixconsole deliver MIX.wav -o DIR --targets T1,T2,... [--preset P] [--format F] [--report] [--json]";

    public string Description => """
        Analyses the mix once, renders the preset's tone once, then writes one master per
        target as DIR/<mix>.<target>.wav, each on its own loudness and ceiling. Targets that
        fix a rate and word length get them: cd is resampled to 44.1 kHz (polyphase Kaiser,
        more than 130 dB stopband rejection, flat to 20 kHz) before its limiter, its true
        peak checked at 44.1 kHz, then 16-bit TPDF dither once, last.

        --report writes each master's HTML report (plots, passes, warnings) beside it, as
        DIR/<mix>.<target>.html.

        Example: mixconsole deliver mix.wav -o deliverables --targets spotify,apple-music,cd,ebu-r128
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("output", "DIR", "folder for the masters", 'o'),
        new("targets", "LIST", "comma-separated targets: " + string.Join(", ", DeliveryTarget.All.Select(t => t.Id))),
        new("preset", "P", "tone and dynamics preset (default transparent)"),
        new("format", "F", "wav16, wav24 or wav32f for targets that do not fix one (default: the input's)"),
        new("max-limiting", "DB", "warn when a target needs more limiting than this (default 6)"),
        new("report", null, "write each master's HTML report beside it (OUT.html)"),
        new("json", null, "print one JSON object instead of text"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count != 1) throw new UsageException("one mix, e.g. mixconsole deliver mix.wav -o out --targets spotify,cd");
        string input = args.Positionals[0];
        string dir = args.Get("output") ?? throw new UsageException("where to? add -o DIR");
        string list = args.Get("targets") ?? throw new UsageException("which targets? e.g. --targets spotify,apple-music,cd");
        var targets = new List<DeliveryTarget>();
        foreach (string id in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var t = MasterCommand.FindTarget(id);
            if (targets.Contains(t)) throw new UsageException($"target '{t.Id}' is listed twice");
            targets.Add(t);
        }
        if (targets.Count == 0) throw new UsageException("--targets is empty");
        var preset = MasterCommand.ResolvePreset(args);
        var format = MasterCommand.ResolveFormat(args);
        double maxLimiting = MasterCommand.ResolveMaxLimiting(args);
        MasterCommand.CheckInput(input);
        try
        {
            bool report = args.Has("report");
            using var session = new MasteringSession(input, preset, collectPlots: report);
            var progress = ProgressLine.ForLongWork(context.Err, $"delivering {Path.GetFileName(input)}");
            session.Analyze(withSpectrum: false, progress, context.Cancellation);
            MasterCommand.PrintWarnings(context.Err, "mix check", session.MixWarnings);
            session.Prepare(progress, context.Cancellation);
            var outcomes = Deliverer.Run(session, dir, targets,
                (t, r) => r with { Format = r.Format ?? format, MaxLimitingDb = maxLimiting },
                progress is null ? null : (_, f) => progress.Report(f), context.Cancellation);
            progress?.Done();
            if (report)
                for (int i = 0; i < outcomes.Count; i++)
                    File.WriteAllText(Path.ChangeExtension(outcomes[i].Request.OutputPath, ".html"),
                        HtmlReport.Build(session, outcomes[i], $"{Path.GetFileName(outcomes[i].Request.OutputPath)} for {targets[i].DisplayName}"));
            foreach (var o in outcomes) MasterCommand.PrintWarnings(context.Err, "warning", o.Warnings);
            if (args.Has("json"))
            {
                MasterCommand.WriteJson(context.Out, w =>
                {
                    w.WriteString("input", input);
                    w.WriteStartArray("masters");
                    for (int i = 0; i < outcomes.Count; i++)
                    {
                        w.WriteStartObject();
                        w.WriteString("target", targets[i].Id);
                        MasterJson.WriteProperties(w, session, outcomes[i], new Dictionary<string, string> { ["target"] = targets[i].Id });
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
            }
            else
            {
                context.Out.WriteLine($"{input}: {session.Before.Format}, {session.Before.IntegratedLufs.ToString("0.0", CultureInfo.InvariantCulture)} LUFS, {session.Before.TruePeakDbtp.ToString("0.0", CultureInfo.InvariantCulture)} dBTP");
                for (int i = 0; i < outcomes.Count; i++)
                {
                    var o = outcomes[i];
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {targets[i].Id,-14} -> {o.Request.OutputPath}: {o.After.IntegratedLufs:0.00} LUFS (target {o.Request.TargetLufs:0.0}), peak {o.After.TruePeakDbtp:0.00} dBTP (ceiling {o.Request.CeilingDbtp:0.0}), {o.SampleRateHz} Hz {OutputFormat.Name(o.Format)}{(o.Dithered ? " dithered" : "")}, {o.Passes.Count} passes, limiting {o.MaxGainReductionDb:0.0} dB"));
                }
            }
            return 0;
        }
        catch (WavFormatException e) { throw new UserFacingException(e.Message); }
        catch (IOException e) { throw new UserFacingException(e.Message); }
        catch (UnauthorizedAccessException e) { throw new UserFacingException(e.Message); }
    }
}
