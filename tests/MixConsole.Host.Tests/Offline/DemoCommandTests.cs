using MixConsole.Host.Cli;
using MixConsole.Host.Commands;

namespace MixConsole.Host.Tests.Offline;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mixconsole-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Demo_WritesStemsMixMasterAndReport_AndTheMasterMeetsItsTarget()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = new CommandRunner(CommandCatalog.All).Run(["demo", "--out", _dir], new CommandContext(o, e, CancellationToken.None));
        Assert.True(code == 0, e.ToString());
        foreach (string name in new[] { "kick", "snare", "hihat", "bass", "keys", "lead" })
            Assert.True(File.Exists(Path.Combine(_dir, "stems", name + ".wav")), name);
        Assert.True(File.Exists(Path.Combine(_dir, "report.txt")));
        Assert.Contains("loudness before mastering", o.ToString());
        Assert.Contains("loudness after mastering", o.ToString());

        // Spotify by default: -14 LUFS, -1 dBTP, 24-bit; judged from the file by the references.
        var master = ReferenceWav.Read(Path.Combine(_dir, "master.wav"));
        Assert.Equal((48000, 24, false, 2), (master.SampleRateHz, master.BitsPerSample, master.IsFloat, master.Channels.Length));
        var levels = ReferenceLevels.Of(master.Channels, master.SampleRateHz);
        ReferenceLevels.AssertOnTargetUnderCeiling(levels, -14, -1, "demo master.wav");
        // Under the ceiling with no allowance by the meters people use: libebur128, and the 48x reference (every 16x point among its points).
        double eburDbtp = 20 * Math.Log10(LibEbur128.Measure(master.Channels, master.SampleRateHz).TruePeak.Max());
        Assert.True(eburDbtp <= -1.0 && levels.TruePeakDbtp <= -1.0, $"demo master.wav: {eburDbtp:0.000} dBTP by libebur128, {levels.TruePeakDbtp:0.000} by the 48x reference, over -1.0");
        // What it printed is the file's loudness, to its one decimal.
        var printed = System.Text.RegularExpressions.Regex.Match(o.ToString(), @"loudness after mastering\s+(-?\d+\.\d) LUFS");
        Assert.True(printed.Success, o.ToString());
        double printedLufs = double.Parse(printed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(printedLufs - levels.IntegratedLufs) <= 0.05 + ReferenceLevels.ReportToleranceLu,
            $"the demo printed {printedLufs:0.0} LUFS, master.wav measures {levels.IntegratedLufs:0.000} LUFS by libebur128");

        // The chain's compression shares the peak control: the limiter stays under the 6 dB warning, and the report says who did what.
        string report = File.ReadAllText(Path.Combine(_dir, "report.txt"));
        var work = System.Text.RegularExpressions.Regex.Match(report, @"Peak control: multiband compression \(tight preset\) took the hits first, up to (\d+\.\d) dB below 120 Hz.*the limiter then reduced at most (\d+\.\d) dB");
        Assert.True(work.Success, report);
        Assert.True(double.Parse(work.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, report);
        Assert.True(double.Parse(work.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) < 6, report);
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.DoesNotContain("class=\"warn\"", html);
        Assert.DoesNotContain("warning", e.ToString());
        // The report names the mix, not the temporary file the mix was rendered to.
        Assert.DoesNotContain(".partial", html);
        Assert.Contains("the mix of session.json", html);

        // The session it wrote mixes to the same file again: the demo is the mix command with a built-in session.
        string again = Path.Combine(_dir, "again.wav");
        Assert.Equal(0, new CommandRunner(CommandCatalog.All).Run(["mix", Path.Combine(_dir, "session.json"), "-o", again, "--tail", "2"],
            new CommandContext(new StringWriter(), new StringWriter(), CancellationToken.None)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "mix.wav")), File.ReadAllBytes(again));
    }
}
