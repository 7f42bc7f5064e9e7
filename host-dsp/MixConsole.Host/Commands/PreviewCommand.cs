using MixConsole.Audio.Wav;
using MixConsole.Host.Cli;
using MixConsole.Mastering.Preview;
using MixConsole.Mastering.Report;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole preview</c>: a master as phones, earbuds, laptops, cars, clubs and mono play it.</summary>
internal sealed class PreviewCommand : ICommand
{
    public string Name => "preview";

    public string Summary => "hear a master on phone, earbuds, laptop, car, club PA, mono and side only; a report of what each loses";

    public string Usage => "mixconsole preview MASTER.wav -o DIR";

    public string Description => """
        Does the master translate? Plays it through seven playback systems and writes
        DIR/<master>.<system>.wav for each (32-bit float, same rate; levels matched in the
        midrange so you compare tone, not loudness), plus DIR/<master>.preview.html: each
        system's response drawn against the master's spectrum and, in words, what the
        master loses there, worked out from its own audio, e.g.

          phone: the bass fundamental at 55 Hz (the master's strongest low note) is gone
          (-70 dB); the bass is heard only by its harmonics above 380 Hz

        Systems: phone (mono, nothing below ~450 Hz), earbuds (unsealed: bass leaks below
        ~120 Hz), laptop (nothing below ~300 Hz, half-width image), car (cabin gain lifts
        the low bass), club (mono PA, hot subs, dull top), mono (L+R)/2 and side (L-R)/2:
        what a mono fold-down throws away. The curves and their sources are in
        host-dsp/MixConsole.Dsp/Preview/README.md. Live, `serve --mode mastering` plays the
        same previews on its monitor outputs (/master/preview).

        Example: mixconsole preview master.wav -o previews
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("output", "DIR", "folder for the previews and the report (created when missing)", 'o'),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count != 1) throw new UsageException("one master, e.g. mixconsole preview master.wav -o previews");
        string input = args.Positionals[0];
        string dir = args.Get("output") ?? throw new UsageException("where to? add -o DIR");
        MasterCommand.CheckInput(input);
        if (File.Exists(dir)) throw new UsageException($"{dir} is a file; -o takes a folder");
        try
        {
            var progress = ProgressLine.ForLongWork(context.Err, $"previewing {Path.GetFileName(input)}");
            PreviewResult result = PreviewRenderer.Render(input, dir, progress, context.Cancellation);
            progress?.Done();
            string report = Path.Combine(dir, Path.GetFileNameWithoutExtension(input) + ".preview.html");
            File.WriteAllText(report, PreviewReport.Build(result));
            foreach (PreviewOutput output in result.Outputs)
            {
                context.Out.WriteLine($"{output.Curve.Name,-8} {output.OutputPath}");
                foreach (string finding in output.Findings) context.Out.WriteLine($"         {finding}");
            }

            context.Out.WriteLine($"report   {report}");
            return 0;
        }
        catch (Exception e) when (e is WavFormatException or IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"{input}: {e.Message}");
        }
    }
}
