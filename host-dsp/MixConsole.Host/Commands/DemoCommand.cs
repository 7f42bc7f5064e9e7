using System.Globalization;
using System.Text;
using System.Text.Json;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;
using MixConsole.Host.Offline;
using MixConsole.Mastering.Presets;
using MixConsole.Mastering.Targets;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole demo</c>: synthesises a song, mixes it through the console engine, masters it, and explains what it did.</summary>
internal sealed class DemoCommand : ICommand
{
    public string Name => "demo";

    public string Summary => "synthesise a 30 s song, mix it through the console, master it: ./demo-output";

    public string Usage => "mixconsole demo [--out DIR] [--target TARGET]";

    public string Description => """
        Runs the product's main job with nothing of yours: synthesises six stems (kick, snare, hi-hat, bass,
        stereo keys, lead; 30 s at 120 BPM), writes them and a session file, mixes them through the console
        engine with a demo scene (high-pass filters, EQ so kick and bass do not fight, gate on the snare,
        compression, panning, a reverb and a tempo-synced delay on send/return), then masters the mix through
        the master chain for a delivery target (Spotify by default) with the tight preset: fast multiband
        compression takes the drums' hits, so the true-peak limiter has little left to do.

        Writes into DIR (default ./demo-output): stems/*.wav, session.json, mix.wav, master.wav, report.txt.
        Prints the loudness before and after mastering. Re-mix it yourself with:
          mixconsole mix demo-output/session.json -o my-mix.wav
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("out", "DIR", "where to write (default ./demo-output)"),
        new("target", "TARGET", "delivery target for the master (default spotify)"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count > 0) throw new UsageException($"unexpected argument '{args.Positionals[0]}'");
        string dir = Path.GetFullPath(args.Get("out") ?? "demo-output");
        var target = DeliveryTarget.Find(args.Get("target") ?? "spotify")
            ?? throw new UsageException($"unknown target '{args.Get("target")}'; known: {string.Join(", ", DeliveryTarget.All.Select(t => t.Id))}");
        var inv = CultureInfo.InvariantCulture;

        Directory.CreateDirectory(Path.Combine(dir, "stems"));
        context.Out.WriteLine($"1/4 synthesising {DemoSong.Bars} bars at {DemoSong.Bpm:0} BPM ({(double)DemoSong.Frames / DemoSong.RateHz:0} s): kick, snare, hi-hat, bass, keys, lead");
        var stems = DemoSong.Synthesise();
        foreach (var stem in stems) WriteStem(Path.Combine(dir, "stems", stem.Name + ".wav"), stem.Audio);

        string sessionPath = Path.Combine(dir, "session.json");
        File.WriteAllText(sessionPath, SessionJson(stems));
        var session = MixSession.Load(sessionPath);

        context.Out.WriteLine("2/4 mixing through the console engine (EQ, gate, compressors, pan, reverb and delay returns)");
        string mixPath = Path.Combine(dir, "mix.wav");
        var mix = SessionRenderer.Render(session, mixPath, null, DemoTailSeconds, null, context.Cancellation);

        context.Out.WriteLine($"3/4 mastering for {target.DisplayName} through the master chain (tight multiband compression, loudness, true-peak limiter, dither)");
        string masterPath = Path.Combine(dir, "master.wav");
        // The tight preset's fast multiband compression takes the kick's hits first, so the limiter stays light.
        var mastered = SessionRenderer.Render(session, masterPath, target, DemoTailSeconds, null, context.Cancellation,
            reportPath: Path.Combine(dir, "report.html"), preset: MasterPreset.Tight);

        context.Out.WriteLine("4/4 writing the report");
        string report = Report(stems, mix, mastered, target, dir);
        File.WriteAllText(Path.Combine(dir, "report.txt"), report);

        context.Out.WriteLine();
        context.Out.WriteLine(string.Create(inv, $"loudness before mastering  {Lufs(mix.Mix.IntegratedLufs)}, true peak {Db(mix.Mix.TruePeakDbtp)} dBTP"));
        context.Out.WriteLine(string.Create(inv, $"loudness after mastering   {Lufs(mastered.Master!.IntegratedLufs)}, true peak {Db(mastered.Master.TruePeakDbtp)} dBTP (target {target.IntegratedLufs:0.0} LUFS, ceiling {target.CeilingDbtp:0.0} dBTP)"));
        context.Out.WriteLine();
        context.Out.WriteLine($"wrote {Relative(dir)}/: stems/ ({stems.Count} WAV), session.json, mix.wav, master.wav, report.html, report.txt");
        context.Out.WriteLine($"re-mix it:  ./mixconsole mix {Relative(sessionPath)} -o my-mix.wav [--master {target.Id}]");
        context.Out.WriteLine(LiveConsoleHint());
        return 0;
    }

    /// <summary>Seconds rendered past the stems so the reverb and delay tails ring out.</summary>
    public const double DemoTailSeconds = 2.0;

    private static string LiveConsoleHint() =>
        "live console: ./mixconsole serve   (then move faders from the surface or any X32-style OSC app; ./mixconsole serve --help)";

    private static void WriteStem(string path, float[][] audio)
    {
        using var writer = WavWriter.Create(path, new WavFormat(DemoSong.RateHz, audio.Length, WavSampleFormat.Float32));
        var block = new AudioBuffer(audio.Length, 4096);
        for (int start = 0; start < audio[0].Length; start += 4096)
        {
            int n = Math.Min(4096, audio[0].Length - start);
            for (int c = 0; c < audio.Length; c++) audio[c].AsSpan(start, n).CopyTo(block.Channel(c));
            writer.Write(block, n);
        }
    }

    // The X32 stereo delay's position in the effect types; a par's X32 float for a real value of the slot's type.
    private const int Delay = 10;

    // A compressor ratio's position in the X32's list, by its label ("4.0" is 4:1).
    private static float Ratio(string label) => ConsoleAddressSpace.CompressorRatios.ToList().IndexOf(label);

    private static float Fx(int type, int par, float real) => X32EffectTypes.Send[type].Parameters[par - 1].ToNormalized(real);

    /// <summary>The demo scene in real units (dB, Hz, ms, %, enum positions); written to the session as wire values.</summary>
    internal static IReadOnlyList<(string Path, float Real, string Why)> Scene { get; } =
    [
        ("/ch/01/config/name", 0, "Kick"),
        ("/ch/01/preamp/hpon", 1, "kick: high-pass at 30 Hz removes sub rumble"),
        ("/ch/01/preamp/hpf", 30, ""),
        ("/ch/01/eq/on", 1, "kick: +3 dB low shelf at 60 Hz for weight, -4 dB at 350 Hz to clear boxiness"),
        ("/ch/01/eq/1/f", 60, ""), ("/ch/01/eq/1/g", 3, ""),
        ("/ch/01/eq/2/f", 350, ""), ("/ch/01/eq/2/g", -4, ""), ("/ch/01/eq/2/q", 1.5f, ""),
        ("/ch/01/dyn/on", 1, "kick: 4:1 compression, 15 ms attack lets the click through"),
        ("/ch/01/dyn/thr", -18, ""), ("/ch/01/dyn/ratio", Ratio("4.0"), ""), ("/ch/01/dyn/attack", 15, ""), ("/ch/01/dyn/release", 120, ""), ("/ch/01/dyn/mgain", 2, ""),
        ("/ch/02/preamp/hpon", 1, "snare: high-pass at 100 Hz, gate removes the hum and room noise between hits"),
        ("/ch/02/preamp/hpf", 100, ""),
        ("/ch/02/gate/on", 1, ""), ("/ch/02/gate/thr", -35, ""), ("/ch/02/gate/range", 40, ""), ("/ch/02/gate/hold", 60, ""), ("/ch/02/gate/release", 150, ""),
        ("/ch/02/dyn/on", 1, "snare: 3:1 compression"), ("/ch/02/dyn/thr", -20, ""), ("/ch/02/dyn/ratio", Ratio("3.0"), ""),
        ("/ch/02/mix/fader", -3, ""),
        ("/ch/02/mix/fx/1/level", -8, "snare: reverb send"),
        ("/ch/03/preamp/hpon", 1, "hi-hat: high-pass at 300 Hz, panned 30 right, -8 dB"),
        ("/ch/03/preamp/hpf", 300, ""), ("/ch/03/mix/pan", 30, ""), ("/ch/03/mix/fader", -8, ""),
        ("/ch/04/preamp/hpon", 1, "bass: high-pass at 35 Hz, -3 dB at 90 Hz so the kick has its own room, 4:1 compression"),
        ("/ch/04/preamp/hpf", 35, ""),
        ("/ch/04/eq/on", 1, ""), ("/ch/04/eq/1/type", 2, ""), ("/ch/04/eq/1/f", 90, ""), ("/ch/04/eq/1/g", -3, ""), ("/ch/04/eq/1/q", 1.2f, ""),
        ("/ch/04/dyn/on", 1, ""), ("/ch/04/dyn/thr", -22, ""), ("/ch/04/dyn/ratio", Ratio("4.0"), ""), ("/ch/04/dyn/det", 1, ""),
        ("/ch/05/preamp/hpon", 1, "keys (stereo 5-6): high-pass at 150 Hz, -3 dB at 400 Hz against mud, reverb send"),
        ("/ch/05/preamp/hpf", 150, ""),
        ("/ch/05/eq/on", 1, ""), ("/ch/05/eq/2/f", 400, ""), ("/ch/05/eq/2/g", -3, ""),
        ("/ch/05/mix/fader", -4, ""), ("/ch/05/mix/fx/1/level", -12, ""),
        ("/ch/07/preamp/hpon", 1, "lead: high-pass at 150 Hz, +3 dB presence at 3 kHz, compression, panned 15 left, dotted-eighth delay and reverb"),
        ("/ch/07/preamp/hpf", 150, ""),
        ("/ch/07/eq/on", 1, ""), ("/ch/07/eq/3/f", 3000, ""), ("/ch/07/eq/3/g", 3, ""),
        ("/ch/07/dyn/on", 1, ""), ("/ch/07/dyn/thr", -24, ""), ("/ch/07/dyn/ratio", Ratio("3.0"), ""),
        ("/ch/07/mix/pan", -16, ""), ("/ch/07/mix/fader", -2, ""),
        ("/ch/07/mix/fx/1/level", -14, ""), ("/ch/07/mix/fx/2/level", -10, ""),
        ("/fx/1/type", 0, "fx 1: hall reverb (HALL), 1.8 s, 20 ms pre-delay"),
        ("/fx/1/par/02", Fx(0, 2, 1.8f), ""), ("/fx/1/par/01", Fx(0, 1, 20), ""),
        ("/fx/2/type", Delay, "fx 2: stereo delay (DLY), a dotted eighth at 120 BPM (375 ms), 35 % feedback"),
        ("/fx/2/par/01", Fx(Delay, 1, 100), ""), ("/fx/2/par/02", Fx(Delay, 2, 375), ""), ("/fx/2/par/03", Fx(Delay, 3, 0), ""),
        ("/fx/2/par/04", Fx(Delay, 4, 4), ""), ("/fx/2/par/05", Fx(Delay, 5, 4), ""), ("/fx/2/par/09", Fx(Delay, 9, 100), ""),
        ("/fx/2/par/10", Fx(Delay, 10, 35), ""), ("/fx/2/par/11", Fx(Delay, 11, 35), ""), ("/fx/2/par/12", Fx(Delay, 12, 8000), ""),
        ("/fxrtn/03/mix/fader", -4, ""), // slot 2, whose returns 03-04 are linked
        ("/main/st/dyn/on", 1, "main: gentle 2:1 bus compression, slow attack, and -6 dB main fader for headroom"),
        ("/main/st/dyn/thr", -14, ""), ("/main/st/dyn/ratio", Ratio("2.0"), ""), ("/main/st/dyn/attack", 30, ""), ("/main/st/dyn/release", 200, ""),
        ("/main/st/mix/fader", -6, ""),
    ];

    private static string SessionJson(IReadOnlyList<DemoStem> stems)
    {
        var table = ParameterTable.Create(ConsoleConfig.Default);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("rate", DemoSong.RateHz);
            w.WriteStartArray("inputs");
            foreach (var stem in stems)
            {
                w.WriteStartObject();
                w.WriteString("file", "stems/" + stem.Name + ".wav");
                w.WriteNumber("channel", stem.Channel);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("parameters");
            w.WriteNumber(SceneFile.FormatKey, FormerParameters.CurrentFormat);
            foreach (var stem in stems)
                w.WriteString(ParameterPaths.Channel(stem.Channel) + "/config/name", char.ToUpperInvariant(stem.Name[0]) + stem.Name[1..]);
            foreach (var (path, real, _) in Scene)
            {
                if (path.EndsWith("/config/name", StringComparison.Ordinal)) continue;
                var spec = table[table.IndexOf(path)].Spec;
                if (spec.Kind == ParameterKind.Float) w.WriteNumber(path, Math.Round(spec.ToNormalized(spec.SnapReal(real)), 6));
                else w.WriteNumber(path, (int)real);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Report(IReadOnlyList<DemoStem> stems, MixRenderResult mix, MixRenderResult mastered, DeliveryTarget target, string dir)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("MixConsole demo report");
        sb.AppendLine("======================");
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Song: {DemoSong.Bars} bars at {DemoSong.Bpm:0} BPM in A minor (Am F C G), {(double)DemoSong.Frames / DemoSong.RateHz:0.0} s at {DemoSong.RateHz} Hz, synthesised in code."));
        sb.AppendLine("Stems (console channel):");
        foreach (var stem in stems)
        {
            var levels = SessionRenderer.Measure(stem.Audio, DemoSong.RateHz);
            sb.AppendLine(string.Create(inv, $"  {stem.Name,-6} ch {stem.Channel}{(stem.Audio.Length == 2 ? $"-{stem.Channel + 1} (stereo, linked)" : "")}: sample peak {Db(levels.SamplePeakDbfs)} dBFS, {Lufs(levels.IntegratedLufs)}"));
        }

        sb.AppendLine();
        sb.AppendLine("Mix scene (what each move is for; session.json holds the exact wire values):");
        foreach (var (_, _, why) in Scene)
            if (why.Length > 0 && !why.StartsWith("Kick", StringComparison.Ordinal)) sb.AppendLine("  - " + why);
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Mix (mix.wav, 32-bit float, {DemoTailSeconds:0} s tail for the effects): {Lufs(mix.Mix.IntegratedLufs)}, true peak {Db(mix.Mix.TruePeakDbtp)} dBTP"));
        sb.AppendLine(string.Create(inv, $"Master for {target.DisplayName} (master.wav, {(mastered.Format == WavSampleFormat.Pcm16 ? 16 : 24)}-bit, dithered): {Lufs(mastered.Master!.IntegratedLufs)} (target {target.IntegratedLufs:0.0}), true peak {Db(mastered.Master.TruePeakDbtp)} dBTP (ceiling {target.CeilingDbtp:0.0})"));
        sb.AppendLine("The master chain measured the mix, set its loudness gain to reach the target and let its true-peak limiter hold the ceiling.");
        if (mastered.Master.Work is { } work) sb.AppendLine(StageWork(work));
        sb.AppendLine();
        sb.AppendLine($"Re-mix: ./mixconsole mix {Relative(Path.Combine(dir, "session.json"))} -o my-mix.wav --master {target.Id}");
        sb.AppendLine(LiveConsoleHint());
        return sb.ToString();
    }

    /// <summary>Which stage did what, in one sentence: the multiband per band, then the limiter.</summary>
    internal static string StageWork(MasterStageWork work)
    {
        var inv = CultureInfo.InvariantCulture;
        var bands = new List<string>();
        for (int b = 0; b < work.MultibandDb.Count; b++)
        {
            string range = b == 0 ? $"below {work.CrossoversHz[0]:0} Hz"
                : b == work.MultibandDb.Count - 1 ? $"above {work.CrossoversHz[b - 1]:0} Hz"
                : $"{work.CrossoversHz[b - 1]:0}-{work.CrossoversHz[b]:0} Hz";
            bands.Add(string.Create(inv, $"{work.MultibandDb[b]:0.0} dB {range}"));
        }
        string compression = bands.Count == 0 ? "no multiband compression"
            : $"multiband compression ({work.Preset} preset) took the hits first, up to {string.Join(", ", bands)}";
        return string.Create(inv, $"Peak control: {compression}; the limiter then reduced at most {work.LimiterDb:0.0} dB.");
    }

    private static string Relative(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string Lufs(double v) => double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) + " LUFS" : "silence";

    private static string Db(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-inf";
}
