using Xunit;

namespace MixConsole.Host.Tests.Mastering;

public class PreviewCommandTests
{
    private static readonly string[] Systems = ["phone", "earbuds", "laptop", "car", "club", "mono", "side"];

    // A four-on-the-floor kick: a 55 Hz sine decaying over 300 ms, driven through tanh so it has odd harmonics, every 500 ms.
    private static double Kick(long i)
    {
        double t = i % 24000 / 48000.0;
        return 0.6 * Math.Tanh(8 * Math.Exp(-t / 0.3) * Math.Sin(2 * Math.PI * 55 * t));
    }

    // The same kick as a pure sine: nothing above the phone's corner to carry it.
    private static double SineKick(long i)
    {
        double t = i % 24000 / 48000.0;
        return 0.6 * Math.Exp(-t / 0.3) * Math.Sin(2 * Math.PI * 55 * t);
    }

    // A master with nothing below 400 Hz: a chord of 500 Hz, 1 kHz and 3 kHz, a little wider on the right.
    private static double BassFree(int channel, long i)
    {
        double t = i / 48000.0;
        return 0.2 * Math.Sin(2 * Math.PI * 500 * t) + 0.15 * Math.Sin(2 * Math.PI * 1000 * t + channel) + 0.1 * Math.Sin(2 * Math.PI * 3000 * t);
    }

    private static Dictionary<string, string> Findings(string output)
    {
        // Each system's line, then its findings indented under it.
        var findings = new Dictionary<string, string>();
        string? current = null;
        foreach (string line in output.Split('\n'))
        {
            string first = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (Systems.Contains(first)) findings[current = first] = "";
            else if (current is not null && line.StartsWith("         ", StringComparison.Ordinal)) findings[current] += line.Trim() + "\n";
        }

        return findings;
    }

    [Fact]
    public void Kick_At55Hz_PhoneSaysTheFundamentalIsGone_AndTheWavsHoldWhatEachSystemPlays()
    {
        using var signals = new TestSignals();
        string master = signals.Write("kick.wav", 48000, 2, 6, (_, i) => Kick(i));
        string dir = signals.Path("previews");
        var (code, output, error) = CliRun.Run("preview", master, "-o", dir);
        Assert.True(code == 0, error);
        var findings = Findings(output);
        Assert.Equal(Systems.Length, findings.Count);
        Assert.Contains("bass fundamental at 55 Hz", findings["phone"]);
        Assert.Contains("is gone", findings["phone"]);
        Assert.Contains("the bass is heard only by its harmonics above", findings["phone"]);
        Assert.Contains("comes up", findings["car"]);
        Assert.Contains("down", findings["earbuds"]);

        var input = ReferenceWav.Read(master);
        foreach (string system in Systems)
        {
            var preview = ReferenceWav.Read(Path.Combine(dir, $"kick.{system}.wav"));
            Assert.Equal(input.Frames, preview.Frames);
            Assert.True(preview.IsFloat);
        }

        // The phone's WAV has lost the kick's body: its level is far under the master's.
        double Rms(float[] x) => Math.Sqrt(x.Average(v => (double)v * v));
        double phoneDb = 20 * Math.Log10(Rms(ReferenceWav.Read(Path.Combine(dir, "kick.phone.wav")).Channels[0]) / Rms(input.Channels[0]));
        Assert.True(phoneDb < -20, $"the phone preview is only {phoneDb:0.0} dB under the master");

        string html = File.ReadAllText(Path.Combine(dir, "kick.preview.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("bass fundamental at 55 Hz", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void PureSineKick_PhoneSaysNothingCarriesTheBass()
    {
        using var signals = new TestSignals();
        string master = signals.Write("sine-kick.wav", 48000, 2, 4, (_, i) => SineKick(i));
        var (code, output, error) = CliRun.Run("preview", master, "-o", signals.Path("out"));
        Assert.True(code == 0, error);
        string phone = Findings(output)["phone"];
        Assert.Contains("bass fundamental at 55 Hz", phone);
        Assert.Contains("the bass all but disappears", phone);
    }

    [Fact]
    public void BassFreeMaster_NoSystemClaimsBassLoss()
    {
        using var signals = new TestSignals();
        string master = signals.Write("chord.wav", 48000, 2, 4, BassFree);
        var (code, output, error) = CliRun.Run("preview", master, "-o", signals.Path("out"));
        Assert.True(code == 0, error);
        foreach (var (system, said) in Findings(output))
        {
            Assert.DoesNotContain("bass", said, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Hz (the master's strongest low note)", said);
            Assert.False(string.IsNullOrWhiteSpace(said), $"{system} says nothing");
        }
    }

    [Fact]
    public void WideMaster_MonoSaysTheSideIsLost_AndSideSaysHowMuchItHolds()
    {
        using var signals = new TestSignals();
        // Uncorrelated noise left and right: half the energy is side.
        var left = new Random(1);
        var right = new Random(2);
        string master = signals.Write("wide.wav", 48000, 2, 4, (c, _) => 0.3 * (2 * (c == 0 ? left : right).NextDouble() - 1));
        var (code, output, error) = CliRun.Run("preview", master, "-o", signals.Path("out"));
        Assert.True(code == 0, error);
        var findings = Findings(output);
        Assert.Contains("drops the side", findings["mono"]);
        Assert.Contains("the side holds", findings["side"]);
        Assert.Contains("as wide", findings["laptop"]);
    }

    [Fact]
    public void BadInput_SaysWhatIsWrong()
    {
        using var signals = new TestSignals();
        var missing = CliRun.Run("preview", signals.Path("none.wav"), "-o", signals.Path("out"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("no such file", missing.Err);

        string text = signals.Path("notes.wav");
        File.WriteAllText(text, "not audio");
        var garbage = CliRun.Run("preview", text, "-o", signals.Path("out"));
        Assert.NotEqual(0, garbage.ExitCode);
        Assert.Contains("notes.wav", garbage.Err);

        var noOutput = CliRun.Run("preview", text);
        Assert.NotEqual(0, noOutput.ExitCode);
        Assert.Contains("-o DIR", noOutput.Err);

        var help = CliRun.Run("preview", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Example: mixconsole preview", help.Out);
    }
}
