using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Host.Cli;
using MixConsole.Host.Commands;

namespace MixConsole.Host.Tests.Offline;

public sealed class MixCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mixconsole-mix-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteWav(string name, int rate, params float[][] channels)
    {
        string path = Path.Combine(_dir, name);
        using var writer = WavWriter.Create(path, new WavFormat(rate, channels.Length, WavSampleFormat.Float32));
        var buffer = new AudioBuffer(channels.Length, channels[0].Length);
        for (int c = 0; c < channels.Length; c++) channels[c].CopyTo(buffer.Channel(c));
        writer.Write(buffer, channels[0].Length);
        return path;
    }

    private static float[] Sine(double hz, double amplitude, int frames, int rate = 48000) =>
        Enumerable.Range(0, frames).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray();

    private static float[][] ReadWav(string path) => ReferenceWav.Read(path).Channels;

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = new CommandRunner(CommandCatalog.All).Run(args, new CommandContext(o, e, CancellationToken.None));
        return (code, o.ToString(), e.ToString());
    }

    private string Session(string json)
    {
        string path = Path.Combine(_dir, "session.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static double Rms(float[] x, int start = 0) => Math.Sqrt(x.Skip(start).Sum(v => (double)v * v) / (x.Length - start));

    [Fact]
    public void Mix_RendersAKnownGainStructure_AndTwoRunsAreBitIdentical()
    {
        WriteWav("vox.wav", 48000, Sine(440, 0.25, 48000));
        WriteWav("keys.wav", 48000, Sine(300, 0.1, 24000), Sine(500, 0.2, 24000));
        // vox on ch 5: fader wire 0.5 = -10 dB, panned hard left; keys stereo on 1-2: unity.
        string session = Session("""
            {"rate": 48000,
             "inputs": [{"file": "vox.wav", "channel": 5}, {"file": "keys.wav", "channel": 1}],
             "parameters": {"/ch/05/mix/fader": 0.5, "/ch/05/mix/pan": 0.0}}
            """);
        string a = Path.Combine(_dir, "a.wav"), b = Path.Combine(_dir, "b.wav");
        var first = Run("mix", session, "-o", a);
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(0, Run("mix", session, "-o", b).Code);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));

        var y = ReadWav(a);
        Assert.Equal(48000, y[0].Length);
        double unity = -0.0098 * 2; // channel and main faders at the X32 unity grid point
        // Second half: only the vox (keys ended): left = 0.25 * -10 dB * unity, right silent.
        double voxDb = 20 * Math.Log10(Rms(y[0], 24000) / (0.25 / Math.Sqrt(2)));
        Assert.Equal(-10 + unity, voxDb, 1);
        Assert.True(Rms(y[1], 24000) < 1e-6);
        // First half, right side: keys right (linked pair, unity balance).
        Assert.Equal(20 * Math.Log10(0.2 / Math.Sqrt(2)) + unity, 20 * Math.Log10(Rms(y[1][..24000])), 1);
        Assert.Contains("wrote", first.Out);
    }

    [Fact]
    public void Mix_WithMaster_HitsTheTargetLoudnessUnderTheCeiling()
    {
        WriteWav("drums.wav", 48000, Sine(100, 0.05, 48000 * 4));
        string session = Session("""{"inputs": [{"file": "drums.wav", "channel": 1}]}""");
        string m = Path.Combine(_dir, "m.wav");
        var run = Run("mix", session, "-o", m, "--master", "spotify");
        Assert.True(run.Code == 0, run.Err);
        var master = ReferenceWav.Read(m);
        Assert.Equal((48000, 24, false), (master.SampleRateHz, master.BitsPerSample, master.IsFloat));
        ReferenceLevels.AssertOnTargetUnderCeiling(ReferenceLevels.Of(master.Channels, master.SampleRateHz), -14, -1, "mix --master spotify");
    }

    [Fact]
    public void Mix_WithMasterCd_WritesAndSays44100Hz()
    {
        WriteWav("drums.wav", 48000, Sine(100, 0.05, 48000 * 4));
        string session = Session("""{"inputs": [{"file": "drums.wav", "channel": 1}]}""");
        string m = Path.Combine(_dir, "cd.wav");
        var run = Run("mix", session, "-o", m, "--master", "cd");
        Assert.True(run.Code == 0, run.Err);
        var master = ReferenceWav.Read(m);
        Assert.Equal((44100, 16, false), (master.SampleRateHz, master.BitsPerSample, master.IsFloat));
        Assert.Contains("(16-bit stereo, 44100 Hz)", run.Out);
        Assert.DoesNotContain("session rate", run.Err);
    }

    [Fact]
    public void Mix_RefusesARateMismatch_SayingItDoesNotResample()
    {
        WriteWav("a.wav", 48000, Sine(440, 0.1, 4800));
        WriteWav("b.wav", 44100, Sine(440, 0.1, 4410));
        var run = Run("mix", Session("""{"inputs": [{"file": "a.wav", "channel": 1}, {"file": "b.wav", "channel": 2}]}"""), "-o", Path.Combine(_dir, "x.wav"));
        Assert.Equal(1, run.Code);
        Assert.Contains("does not resample", run.Err);
        Assert.False(File.Exists(Path.Combine(_dir, "x.wav")));
    }

    [Theory]
    [InlineData("""{"inputs": [{"file": "missing.wav", "channel": 1}]}""", "file not found")]
    [InlineData("""{"inputs": [{"file": "a.wav", "channel": 40}]}""", "channels 1..32")]
    [InlineData("""{"inputs": [{"file": "a.wav", "channel": 1}], "parameters": {"/ch/01/mix/fader": 3}}""", "/ch/01/mix/fader")]
    [InlineData("""{"inputs": [{"file": "a.wav", "channel": 1}], "parameters": {"/ch/99/mix/fader": 0.5}}""", "/ch/99/mix/fader")]
    [InlineData("""{"inputs": [{"file": "st.wav", "channel": 2}]}""", "odd channel")]
    [InlineData("""{"inputs": [{"file": "a.wav", "channel": 1}, {"file": "a.wav", "channel": 1}]}""", "both use channel 1")]
    [InlineData("""{"rate": 48000, "inputs": [{"file": "a.wav", "channel": 1}], "extra": 1}""", "unknown key")]
    public void Mix_ExplainsBadSessions_InOneLine(string json, string expected)
    {
        WriteWav("a.wav", 48000, Sine(440, 0.1, 4800));
        WriteWav("st.wav", 48000, Sine(440, 0.1, 4800), Sine(440, 0.1, 4800));
        var run = Run("mix", Session(json), "-o", Path.Combine(_dir, "x.wav"));
        Assert.Equal(1, run.Code);
        Assert.Contains(expected, run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
    }
}
