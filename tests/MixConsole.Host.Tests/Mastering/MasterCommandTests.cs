using System.Text.Json;

namespace MixConsole.Host.Tests.Mastering;

public class MasterCommandTests
{
    private static string Programme(TestSignals s, string name, double seconds = 6, double gain = 0.3) =>
        s.Write(name, 48000, 2, seconds, (c, i) =>
        {
            double t = i / 48000.0;
            double beat = t * 2 % 1;
            return gain * (Math.Exp(-beat * 20) * Math.Sin(2 * Math.PI * 60 * beat) + 0.3 * Math.Sin(2 * Math.PI * (220 + 3 * c) * t) + 0.2 * Math.Sin(2 * Math.PI * 3100 * t + c));
        });

    [Fact]
    public void Master_Json_HasBeforeAfterPassesLimitingAndHitsTheTarget()
    {
        using var s = new TestSignals();
        string mix = Programme(s, "mix.wav");
        var (code, output, error) = CliRun.Run("master", mix, "-o", s.Path("m.wav"), "--target", "apple-music", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(-16, root.GetProperty("settings").GetProperty("target_lufs").GetDouble());
        WrittenMaster.Check(root, -16, -1);
        Assert.True(root.GetProperty("passes").GetArrayLength() >= 1);
        Assert.True(root.GetProperty("limiting").TryGetProperty("max_gain_reduction_db", out _));
        Assert.True(root.GetProperty("before").TryGetProperty("loudness_range_lu", out _));
        Assert.True(root.GetProperty("on_target").GetBoolean());
    }

    [Fact]
    public void Master_LufsWithoutCeiling_UsesMinusOneDbtp()
    {
        using var s = new TestSignals();
        string mix = Programme(s, "mix.wav");
        var (code, output, error) = CliRun.Run("master", mix, "-o", s.Path("m.wav"), "--lufs", "-12", "--json", "--format", "wav16");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(-1, doc.RootElement.GetProperty("settings").GetProperty("ceiling_dbtp").GetDouble());
        Assert.Equal("wav16", doc.RootElement.GetProperty("settings").GetProperty("format").GetString());
        Assert.True(doc.RootElement.GetProperty("settings").GetProperty("dithered").GetBoolean());
        var (written, _) = WrittenMaster.Check(doc.RootElement, -12, -1);
        Assert.Equal((16, false), (written.BitsPerSample, written.IsFloat));
    }

    [Fact]
    public void Master_Report_IsSelfContainedHtmlWithPlots()
    {
        using var s = new TestSignals();
        string mix = Programme(s, "mix.wav");
        string report = s.Path("r.html");
        var (code, output, error) = CliRun.Run("master", mix, "-o", s.Path("m.wav"), "--report", report, "--preset", "warm");
        Assert.True(code == 0, error);
        string html = File.ReadAllText(report);
        Assert.Equal(3, html.Split("<svg").Length - 1); // spectrum, loudness over time, gain reduction
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Integrated loudness", html, StringComparison.Ordinal);
        Assert.Contains("Integrated loudness", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Master_ReferenceLoudness_MovesHalfwayAtFiftyPercent()
    {
        using var s = new TestSignals();
        string mix = Programme(s, "mix.wav", gain: 0.05);
        string reference = Programme(s, "ref.wav", gain: 0.5);
        var (code, output, error) = CliRun.Run("master", mix, "-o", s.Path("m.wav"), "--reference", reference, "--match", "loudness=50,eq=0,width=0", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        // Mix, reference and master alike measured from their files by libebur128.
        double before = ReferenceLevels.LufsOfFile(mix), target = ReferenceLevels.LufsOfFile(reference);
        WrittenMaster.Check(doc.RootElement, (before + target) / 2, -1);
    }

    [Fact]
    public void Master_PrintsMixCheckWarnings()
    {
        using var s = new TestSignals();
        string clipped = s.Write("clipped.wav", 48000, 2, 4, (c, i) => Math.Clamp(1.5 * Math.Sin(2 * Math.PI * 100 * i / 48000.0), -1, 1));
        var (code, _, error) = CliRun.Run("master", clipped, "-o", s.Path("m.wav"));
        Assert.Equal(0, code);
        Assert.Contains("mix check: clipping", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "--target", "spotifx")]
    [InlineData(2, "--target", "spotify", "--lufs", "-14")]
    [InlineData(2, "--match", "eq=50")]
    [InlineData(2, "--preset", "loud")]
    [InlineData(2, "--format", "mp3")]
    [InlineData(2, "--lufs", "-60")]
    [InlineData(2, "--ceiling", "3")]
    public void Master_BadOptions_OneClearLineAndExitTwo(int expected, params string[] options)
    {
        using var s = new TestSignals();
        string mix = Programme(s, "mix.wav", seconds: 1);
        var (code, _, error) = CliRun.Run(["master", mix, "-o", s.Path("m.wav"), .. options]);
        Assert.Equal(expected, code);
        Assert.StartsWith("mixconsole master: ", error, StringComparison.Ordinal);
        Assert.Equal(2, error.Trim().Split('\n').Length); // the problem, then where to find usage
        Assert.False(File.Exists(s.Path("m.wav")));
    }

    [Fact]
    public void Master_UnknownTarget_SuggestsTheNearest()
    {
        using var s = new TestSignals();
        var (code, _, error) = CliRun.Run("master", Programme(s, "mix.wav", 1), "-o", s.Path("m.wav"), "--target", "spotifx");
        Assert.Equal(2, code);
        Assert.Contains("did you mean 'spotify'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Master_ReferenceLoudnessAndLufs_Conflict()
    {
        using var s = new TestSignals();
        string mix = Programme(s, "mix.wav", 1);
        var (code, _, error) = CliRun.Run("master", mix, "-o", s.Path("m.wav"), "--reference", mix, "--lufs", "-14");
        Assert.Equal(2, code);
        Assert.Contains("both set the loudness", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Master_MissingFile_OneLineExitOne()
    {
        using var s = new TestSignals();
        var (code, _, error) = CliRun.Run("master", s.Path("nope.wav"), "-o", s.Path("m.wav"));
        Assert.Equal(1, code);
        Assert.Equal("mixconsole master: " + s.Path("nope.wav") + ": no such file", error.Trim());
    }

    [Fact]
    public void Master_NotAWav_OneLineExitOne()
    {
        using var s = new TestSignals();
        File.WriteAllText(s.Path("text.wav"), "this is not audio");
        var (code, _, error) = CliRun.Run("master", s.Path("text.wav"), "-o", s.Path("m.wav"));
        Assert.Equal(1, code);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Deliver_WritesOneMasterPerTarget_NamedByTarget()
    {
        using var s = new TestSignals();
        string mix = Programme(s, "song.wav", 4);
        var (code, output, error) = CliRun.Run("deliver", mix, "-o", s.Path("out"), "--targets", "spotify,cd,ebu-r128", "--report", "--json");
        Assert.True(code == 0, error);
        // --report: each master's HTML report beside it, naming the mix and that master.
        foreach (string t in new[] { "spotify", "cd", "ebu-r128" })
        {
            string html = File.ReadAllText(s.Path($"out/song.{t}.html"));
            Assert.Contains($"{mix} → {s.Path($"out/song.{t}.wav")}", html);
        }
        using var doc = JsonDocument.Parse(output);
        var masters = doc.RootElement.GetProperty("masters");
        Assert.Equal(3, masters.GetArrayLength());
        string[] targets = ["spotify", "cd", "ebu-r128"];
        for (int i = 0; i < targets.Length; i++) Assert.Equal(s.Path($"out/song.{targets[i]}.wav"), masters[i].GetProperty("output").GetString());
        var cd = masters[1];
        Assert.Equal(44100, cd.GetProperty("settings").GetProperty("sample_rate_hz").GetInt32());
        Assert.Equal("wav16", cd.GetProperty("settings").GetProperty("format").GetString());
        WrittenMaster.Check(masters[0], -14, -1);
        var (cdFile, _) = WrittenMaster.Check(cd, -9, -1);
        Assert.Equal((44100, 16, false), (cdFile.SampleRateHz, cdFile.BitsPerSample, cdFile.IsFloat));
        WrittenMaster.Check(masters[2], -23, -1);
    }

    [Fact]
    public void Deliver_UnknownTarget_ExitTwo()
    {
        using var s = new TestSignals();
        var (code, _, error) = CliRun.Run("deliver", Programme(s, "song.wav", 1), "-o", s.Path("out"), "--targets", "spotify,vinyl");
        Assert.Equal(2, code);
        Assert.Contains("unknown target 'vinyl'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MasterAlbum_ConsistentToneWithoutAValue_TakesItsDefault_AndReportsEachSong()
    {
        using var s = new TestSignals();
        string a = Programme(s, "a.wav", 2, 0.4), b = Programme(s, "b.wav", 2, 0.1);
        // The option right before a song's name: the name is not its value.
        var (code, output, error) = CliRun.Run("master-album", "--consistent-tone", a, b, "-o", s.Path("album"), "--report", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(50, doc.RootElement.GetProperty("consistent_tone_percent").GetDouble());
        Assert.Equal(2, doc.RootElement.GetProperty("songs").GetArrayLength());
        Assert.Contains($"{a} → {s.Path("album/a.wav")}", File.ReadAllText(s.Path("album/a.html")));
        Assert.Contains($"{b} → {s.Path("album/b.wav")}", File.ReadAllText(s.Path("album/b.html")));
        // A number after it is its value; last on the line it takes the default.
        var (code30, output30, error30) = CliRun.Run("master-album", a, b, "-o", s.Path("album30"), "--consistent-tone", "30", "--json");
        Assert.True(code30 == 0, error30);
        using (var doc30 = JsonDocument.Parse(output30)) Assert.Equal(30, doc30.RootElement.GetProperty("consistent_tone_percent").GetDouble());
        var (codeLast, outputLast, errorLast) = CliRun.Run("master-album", a, b, "-o", s.Path("albumLast"), "--json", "--consistent-tone");
        Assert.True(codeLast == 0, errorLast);
        using (var docLast = JsonDocument.Parse(outputLast)) Assert.Equal(50, docLast.RootElement.GetProperty("consistent_tone_percent").GetDouble());
    }

    [Fact]
    public void MasterAlbum_KeepsRelativeLoudness()
    {
        using var s = new TestSignals();
        string a = Programme(s, "a.wav", 4, 0.4), b = Programme(s, "b.wav", 4, 0.1);
        var (code, output, error) = CliRun.Run("master-album", a, b, "-o", s.Path("album"), "--target", "spotify", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var songs = doc.RootElement.GetProperty("songs");
        Assert.Equal([s.Path("album/a.wav"), s.Path("album/b.wav")], songs.EnumerateArray().Select(j => j.GetProperty("output").GetString()));
        // Mixes and masters alike measured from their files by libebur128.
        double inA = ReferenceLevels.LufsOfFile(a), inB = ReferenceLevels.LufsOfFile(b);
        var outA = ReferenceLevels.OfFile(s.Path("album/a.wav"));
        var outB = ReferenceLevels.OfFile(s.Path("album/b.wav"));
        ReferenceLevels.AssertOnTargetUnderCeiling(outA, -14, -1, "a.wav, the louder song");
        Assert.True(outB.TruePeakDbtp <= -1 + ReferenceLevels.CeilingToleranceDb, $"b.wav: {outB}");
        // Each song is searched to within 0.05 LU of its own target: two of them may differ by 0.1 LU.
        double kept = outA.IntegratedLufs - outB.IntegratedLufs;
        Assert.True(Math.Abs(kept - (inA - inB)) <= 2 * 0.05, $"masters {kept:0.00} LU apart by libebur128, mixes {inA - inB:0.00} LU");
        for (int i = 0; i < 2; i++)
        {
            var measured = i == 0 ? outA : outB;
            ReferenceLevels.AssertReported(songs[i].GetProperty("integrated_lufs").GetDouble(), songs[i].GetProperty("true_peak_dbtp").GetDouble(), measured, $"song {i}: the JSON");
        }
    }

    [Fact]
    public void Master_TargetCd_Writes44k1SixteenBit_UnderTheCeiling()
    {
        using var s = new TestSignals();
        var (code, output, error) = CliRun.Run("master", Programme(s, "mix.wav", 3), "-o", s.Path("cd.wav"), "--target", "cd", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var after = doc.RootElement.GetProperty("after");
        Assert.Equal(44100, after.GetProperty("sample_rate_hz").GetInt32());
        Assert.Equal("PCM 16-bit, 44100 Hz, stereo", after.GetProperty("format").GetString());
        // The ceiling holds in the file, at its own rate, after resampling and dither.
        var (written, _) = WrittenMaster.Check(doc.RootElement, -9, -1);
        Assert.Equal((44100, 16, false, 2), (written.SampleRateHz, written.BitsPerSample, written.IsFloat, written.Channels.Length));
    }
}
