using System.Globalization;
using MixConsole.Host.Cli;
using MixConsole.Host.Offline;
using MixConsole.Mastering.Targets;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole mix</c>: renders a session of stems through the console engine to a WAV file.</summary>
internal sealed class MixCommand : ICommand
{
    public string Name => "mix";

    public string Summary => "mix WAV stems through the console engine as a session describes (offline, deterministic)";

    public string Usage => "mixconsole mix SESSION.json -o MIX.wav [--master TARGET] [--tail SECONDS]";

    public string Description => """
        A session is JSON naming WAV files, the console channel each one enters, and parameter values exactly
        as on the wire (0..1 floats, ints or labels for enums); anything not named keeps its default (unity
        fader, centre pan, processing off):

          {"rate": 48000,
           "inputs": [{"file": "kick.wav", "channel": 1}, {"file": "keys.wav", "channel": 3}],
           "parameters": {"/ch/01/mix/fader": 0.75, "/ch/01/eq/on": 1, "/ch/03/mix/pan": 0.3}}

        Paths are relative to the session file. A mono file takes its channel; a stereo file takes that odd
        channel and the next as a linked pair. Every file must be at the session rate (the mixer does not
        resample). "console" may set the size ({"profile": "pi4-cs42448"} or counts).

        Writes the main stereo bus as 32-bit float WAV. With --master TARGET (spotify, apple-music, youtube,
        tidal, amazon, deezer, aes-streaming, ebu-r128, atsc-a85, cd) the mix also goes through the master
        chain: loudness set to the target's integrated LUFS, true-peak limited to its ceiling, dithered to
        24-bit (16-bit for cd, resampled to 44.1 kHz before its limiter). Prints the loudness and peaks of
        what was written.

        Example: mixconsole mix song/session.json -o song/mix.wav --master spotify
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("output", "FILE", "the WAV file to write (required)", 'o'),
        new("master", "TARGET", "also master for a delivery target (e.g. spotify, apple-music, ebu-r128)"),
        new("tail", "SECONDS", "render this long past the longest input, for reverb and delay tails (default 0)"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count != 1) throw new UsageException(args.Positionals.Count == 0 ? "name the session file" : $"one session file, got {args.Positionals.Count} arguments");
        string output = args.Get("output") ?? throw new UsageException("name the output file with -o MIX.wav");
        double tail = args.GetDouble("tail", 0);
        if (tail < 0 || tail > 60) throw new UsageException($"--tail must be 0..60 seconds, got {tail}");
        DeliveryTarget? target = null;
        if (args.Get("master") is { } name)
        {
            target = DeliveryTarget.Find(name) ?? throw new UsageException(
                $"unknown target '{name}'; known: {string.Join(", ", DeliveryTarget.All.Select(t => t.Id))}");
        }

        var session = MixSession.Load(args.Positionals[0]);
        string outputFull = Path.GetFullPath(output);
        string? directory = Path.GetDirectoryName(outputFull);
        if (directory is not null && !Directory.Exists(directory)) throw new UserFacingException($"output folder does not exist: {directory}");

        var progress = ProgressReporter.ForConsole(context.Err, "mixing");
        var result = SessionRenderer.Render(session, outputFull, target, tail, progress.Report, context.Cancellation);
        progress.Done();

        var inv = CultureInfo.InvariantCulture;
        double seconds = (double)result.Frames / result.SampleRateHz;
        context.Out.WriteLine(string.Create(inv, $"mixed {result.InputFiles} file(s), {seconds:0.00} s at {result.SampleRateHz} Hz through {session.Config.Channels} channels"));
        context.Out.WriteLine(string.Create(inv, $"mix:    {Lufs(result.Mix.IntegratedLufs)} integrated, true peak {Db(result.Mix.TruePeakDbtp)} dBTP, sample peak {Db(result.Mix.SamplePeakDbfs)} dBFS"));
        if (result.Target is { } t && result.Master is { } m)
            context.Out.WriteLine(string.Create(inv, $"master: {Lufs(m.IntegratedLufs)} integrated (target {t.IntegratedLufs:0.0} for {t.DisplayName}), true peak {Db(m.TruePeakDbtp)} dBTP (ceiling {t.CeilingDbtp:0.0})"));
        int writtenRate = result.Target?.SampleRateHz ?? result.SampleRateHz; // a target that fixes a rate (cd) is resampled to it
        context.Out.WriteLine($"wrote {output} ({(result.Format == Audio.Wav.WavSampleFormat.Float32 ? "32-bit float" : result.Format == Audio.Wav.WavSampleFormat.Pcm16 ? "16-bit" : "24-bit")} stereo, {writtenRate} Hz)");
        if (result.Mix.SamplePeakDbfs > 0 && result.Target is null)
            context.Out.WriteLine("note: the mix peaks above 0 dBFS; the float file keeps it, but lower the main fader or use --master before delivering it");
        return 0;
    }

    private static string Lufs(double v) => double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) + " LUFS" : "silence (no LUFS)";

    private static string Db(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-inf";
}
