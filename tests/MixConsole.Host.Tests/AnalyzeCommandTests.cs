using System.Text.Json;
using MixConsole.Audio.Wav;

namespace MixConsole.Host.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly TestSignals _signals = new();

    public void Dispose() => _signals.Dispose();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Analyze_Json_ReportsTech3341Case1_AtMinus23Lufs()
    {
        string file = _signals.Sine("case1.wav", 1000, -23, seconds: 20);
        var (code, output, error) = CliRun.Run("analyze", file, "--json");
        Assert.True(code == 0, error);
        var j = Json(output);
        Assert.InRange(j.GetProperty("integrated_lufs").GetDouble(), -23.1, -22.9);
        // A second judge: libebur128, reading the file with the tests' own reader, finds the same loudness.
        double reference = ReferenceLevels.LufsOfFile(file);
        Assert.True(Math.Abs(j.GetProperty("integrated_lufs").GetDouble() - reference) <= ReferenceLevels.ReportToleranceLu,
            $"analyze says {j.GetProperty("integrated_lufs").GetDouble():0.00} LUFS, libebur128 {reference:0.000} LUFS");
        Assert.InRange(j.GetProperty("max_momentary_lufs").GetDouble(), -23.1, -22.9);
        Assert.InRange(j.GetProperty("max_short_term_lufs").GetDouble(), -23.1, -22.9);
        Assert.InRange(j.GetProperty("sample_peak_dbfs").GetDouble(), -23.01, -22.99);
        Assert.InRange(j.GetProperty("true_peak_dbtp").GetDouble(), -23.1, -22.9);
        Assert.InRange(j.GetProperty("loudness_range_lu").GetDouble(), 0, 0.1);
        Assert.InRange(j.GetProperty("plr_lu").GetDouble(), -0.1, 0.1);
        Assert.InRange(j.GetProperty("correlation").GetDouble(), 0.999, 1.0);
        Assert.Equal(2, j.GetProperty("per_channel").GetArrayLength());
        // RMS of a sine is 3.01 dB under its peak.
        Assert.InRange(j.GetProperty("per_channel")[0].GetProperty("rms_dbfs").GetDouble(), -26.05, -25.97);
    }

    [Fact]
    public void Analyze_AcceptsOptionsBeforeOrAfterTheFile()
    {
        string file = _signals.Sine("s.wav", 440, -12, seconds: 3);
        var before = CliRun.Run("analyze", "--json", file);
        var after = CliRun.Run("analyze", file, "--json");
        Assert.Equal(0, before.ExitCode);
        Assert.Equal(before.Out, after.Out);
    }

    [Fact]
    public void Analyze_Silence_GivesDocumentedFloors()
    {
        string file = _signals.Write("silence.wav", 44100, 2, 5, (_, _) => 0);
        var (code, output, _) = CliRun.Run("analyze", file, "--json");
        Assert.Equal(0, code);
        var j = Json(output);
        Assert.True(j.GetProperty("silent").GetBoolean());
        Assert.Equal(-70, j.GetProperty("integrated_lufs").GetDouble());
        Assert.Equal(-70, j.GetProperty("max_momentary_lufs").GetDouble());
        Assert.Equal(-140, j.GetProperty("true_peak_dbtp").GetDouble());
        Assert.Equal(-140, j.GetProperty("sample_peak_dbfs").GetDouble());
        Assert.Equal(0, j.GetProperty("loudness_range_lu").GetDouble());
    }

    [Fact]
    public void Analyze_LoudMaster_SaysHowMuchSpotifyTurnsItDown()
    {
        // Stereo 1 kHz sine at -10 dBFS peak reads -10 LUFS: Spotify normalises to -14.
        string file = _signals.Sine("loud.wav", 1000, -10, seconds: 5);
        var (code, output, _) = CliRun.Run("analyze", file);
        Assert.Equal(0, code);
        Assert.Contains("Spotify would turn this down 4.0 dB", output);
        Assert.Contains("Apple Music would turn this down 6.0 dB", output);
    }

    [Fact]
    public void Analyze_OutOfPhaseStereo_WarnsAboutMono()
    {
        string file = _signals.Write("phase.wav", 48000, 2, 3, (c, i) => (c == 0 ? 0.3 : -0.3) * Math.Sin(2 * Math.PI * 300 * i / 48000.0));
        var (_, output, _) = CliRun.Run("analyze", file, "--json");
        var j = Json(output);
        Assert.InRange(j.GetProperty("correlation").GetDouble(), -1.0, -0.999);
        Assert.Contains(j.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("phase:", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_ClippedAndOffsetInput_IsReported()
    {
        // Left: a sine driven into clipping; right: a clean sine riding on a 1 % DC offset.
        string file = _signals.Write("clip.wav", 48000, 2, 2, (c, i) =>
        {
            double x = Math.Sin(2 * Math.PI * 100 * i / 48000.0);
            return c == 0 ? Math.Clamp(1.5 * x, -1, 1) : 0.5 * x + 0.01;
        }, WavSampleFormat.Pcm16);
        var (_, output, _) = CliRun.Run("analyze", file, "--json");
        var channels = Json(output).GetProperty("per_channel");
        // 100 Hz for 2 s: 200 positive and 200 negative clipped half-cycles.
        Assert.InRange(channels[0].GetProperty("clipped_runs").GetInt64(), 399, 400);
        Assert.Equal(0, channels[1].GetProperty("clipped_runs").GetInt64());
        Assert.InRange(channels[1].GetProperty("dc_offset_percent").GetDouble(), 0.99, 1.01);
        Assert.Contains("clipping", Json(output).GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public void Analyze_MalformedFile_OneLineNamingIt_NonZeroExit()
    {
        string file = _signals.Path("broken.wav");
        File.WriteAllBytes(file, [.. "RIFF"u8, 0xFF, 0xFF, 0xFF, 0x7F, .. "WAVEfmt "u8, 16, 0, 0, 0, 1, 0, 0, 0]);
        var (code, output, error) = CliRun.Run("analyze", file);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("broken.wav", lines[0]);
    }

    [Fact]
    public void Analyze_MissingFileOrArgument_ExplainsAndFails()
    {
        Assert.Equal(1, CliRun.Run("analyze", _signals.Path("absent.wav")).ExitCode);
        var (code, _, error) = CliRun.Run("analyze");
        Assert.Equal(2, code);
        Assert.Contains("--help", error);
        Assert.Equal(2, CliRun.Run("analyze", "x.wav", "--jsn").ExitCode);
    }

    [Fact]
    public void Help_TeachesTheCommand()
    {
        var (code, output, _) = CliRun.Run("analyze", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--json", output);
        Assert.Contains("-70", output);
        Assert.Contains("Example", output);
    }
}
