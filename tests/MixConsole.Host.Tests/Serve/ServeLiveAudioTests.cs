using System.Text.RegularExpressions;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;

namespace MixConsole.Host.Tests.Serve;

/// <summary>mixconsole serve on the live backends: the banner tells the truth, files go through the engine, bad input fails in one line.</summary>
public sealed partial class ServeLiveAudioTests
{
    private static readonly string[] Quiet = ["--osc-port", "0", "--http-port", "0", "--rt-priority", "0", "--no-mlock"];

    private static (int ExitCode, string Out, string Err) Serve(params string[] args) => CliRun.Run(["serve", .. args, .. Quiet]);

    [Fact]
    public void AnImpulseThroughTheEngine_ComesOutExactlyThePrintedLatencyLater()
    {
        using var signals = new TestSignals();
        string input = signals.Write("in.wav", 48_000, 2, 0.5, (c, i) => c == 0 && i == 1_000 ? 0.5 : 0.0);
        string output = signals.Path("out.wav");
        var (code, stdout, stderr) = Serve("--audio", "wav", "--input", input, "--output", output, "--fast");
        Assert.True(code == 0, stderr);
        int latency = int.Parse(LatencyLine().Match(stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var reader = WavReader.Open(output);
        var block = new AudioBuffer(reader.Format.Channels, 24_000);
        int frames = reader.Read(block, 24_000);
        Assert.Equal(24_000, frames);
        var mainLeft = block.Channel(0, frames);
        int peak = 0;
        for (int i = 1; i < frames; i++) if (Math.Abs(mainLeft[i]) > Math.Abs(mainLeft[peak])) peak = i;
        Assert.Equal(1_000 + latency, peak);
        Assert.True(mainLeft[peak] > 0.2f, $"impulse came out at {mainLeft[peak]}");
        Assert.Contains("audio   24000 frames, 0 xruns", stdout);
    }

    [Fact]
    public void Record_KeepsEveryInput_ForAVirtualSoundcheck()
    {
        using var signals = new TestSignals();
        string input = signals.Write("show.wav", 48_000, 8, 1.0, (c, i) => Math.Sin(i * 0.01 * (c + 1)) * 0.25);
        string record = signals.Path("soundcheck.wav");
        var (code, stdout, stderr) = Serve("--audio", "wav", "--input", input, "--record", record, "--fast");
        Assert.True(code == 0, stderr);
        Assert.Contains("recorded 48000 frames, 0 dropped", stdout);
        using var reader = WavReader.Open(record);
        Assert.Equal(8, reader.Format.Channels);
        Assert.Equal(48_000, reader.FrameCount);
    }

    [Fact]
    public void Duration_CountsAudio_OnTheNullBackend()
    {
        var (code, stdout, stderr) = Serve("--audio", "null", "--duration", "0.5", "--period", "64");
        Assert.True(code == 0, stderr);
        Assert.Contains("null system clock: 48000 Hz", stdout);
        Assert.Contains("period 64 x 2", stdout);
        Assert.Contains("audio   24000 frames", stdout);
    }

    [Fact]
    public void State_IsSavedAtStop_AndRestoredAtTheNextStart()
    {
        using var signals = new TestSignals();
        string scene = signals.Path("scene.json");
        File.WriteAllText(scene, """{ "parameters": { "/ch/01/mix/fader": 0.5 } }""");
        string state = signals.Path("state");
        var first = Serve("--audio", "null", "--duration", "0.2", "--scene", scene, "--state", state);
        Assert.True(first.ExitCode == 0, first.Err);
        Assert.True(File.Exists(Path.Combine(state, MixConsole.Store.ConsoleStore.FileName)));
        var second = Serve("--audio", "null", "--duration", "0.2", "--state", state);
        Assert.True(second.ExitCode == 0, second.Err);
        Assert.Contains("state   restored", second.Err);
        Assert.Equal(0.5f, Restored(state, "/ch/01/mix/fader"), 3);
    }

    [Fact]
    public void State_KeepsTheSelectionAcrossARestart_AndAStartupSceneDoesNotMoveIt()
    {
        using var signals = new TestSignals();
        string state = signals.Path("state");
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, "state.json"), """{ "parameters": { "/-stat/selidx": 7, "/ch/01/mix/fader": 0.5 } }""");
        string scene = signals.Path("scene.json");
        File.WriteAllText(scene, """{ "parameters": { "/-stat/selidx": 3, "/ch/02/mix/fader": 0.25 } }""");

        var run = Serve("--audio", "null", "--duration", "0.2", "--state", state, "--scene", scene);
        Assert.True(run.ExitCode == 0, run.Err);

        Assert.Equal(7, Restored(state, "/-stat/selidx", normalized: false));
        Assert.Equal(0.25, Restored(state, "/ch/02/mix/fader"), 3);
        Assert.Equal(767.0 / 1023.0, Restored(state, "/ch/01/mix/fader"), 4); // the scene is the whole mix: unity
    }

    // What the store in DIR brings back: the wire value (normalised for floats) of one parameter.
    private static float Restored(string dir, string path, bool normalized = true)
    {
        var console = new MixConsole.Engine.Parameters.ParameterStore(MixConsole.Engine.Parameters.ParameterTable.Create(MixConsole.Engine.Configuration.ConsoleConfig.Default));
        using var store = MixConsole.Store.ConsoleStore.Open(dir, recover: false);
        new MixConsole.Store.LiveJournal(store, console, _ => { }).Restore();
        int index = console.Table.IndexOf(path);
        return normalized ? console.GetNormalized(index) : console.GetReal(index);
    }

    [Fact]
    public void AWavWithTheWrongChannelCount_IsOneLine_AndExit1()
    {
        using var signals = new TestSignals();
        string input = signals.Write("six.wav", 48_000, 6, 0.1, (_, _) => 0);
        var (code, _, stderr) = Serve("--audio", "wav", "--input", input, "--channels-in", "16");
        Assert.Equal(1, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("6 channel(s), but the console has 16 inputs", stderr);
    }

    [Fact]
    public void AMissingAlsaDevice_IsOneLine_AndExit1()
    {
        var (code, _, stderr) = Serve("--audio", "alsa", "--device", "hw:CARD=NoSuchCard,DEV=0", "--channels-in", "2", "--channels-out", "2");
        Assert.Equal(1, code);
        Assert.StartsWith("mixconsole serve: ALSA device 'hw:CARD=NoSuchCard,DEV=0' cannot be opened", stderr.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void AnUnsupportedRate_IsOneLine()
    {
        var (code, _, stderr) = Serve("--audio", "null", "--rate", "22050", "--duration", "0.1");
        Assert.Equal(1, code);
        Assert.Contains("sample rate must be 44100-192000 Hz, got 22050", stderr);
    }

    [Fact]
    public void AnUnknownBackend_IsAUsageError()
    {
        var (code, _, stderr) = Serve("--audio", "coreaudio");
        Assert.Equal(2, code);
        Assert.Contains("available: alsa, jack, wav, null", stderr);
    }

    [Fact]
    public void AHardwareProfile_SetsDevicesChannelsAndPeriod()
    {
        // No CS42448 here: start-up stops in one line naming the card, its device and the config.txt line that makes it.
        var (code, _, stderr) = Serve("--audio", "alsa", "--profile", "pi4-cs42448");
        Assert.Equal(1, code);
        Assert.Contains("profile pi4-cs42448: no sound card 'audioinjectoroc' for 'hw:CARD=audioinjectoroc,DEV=0'", stderr);
        Assert.Contains("dtoverlay=audioinjector-addons,non-stop-clocks", stderr);
        var (nullCode, stdout, nullErr) = Serve("--audio", "null", "--profile", "pi4-cs42448", "--duration", "0.1");
        Assert.True(nullCode == 0, nullErr);
        Assert.Contains("6 in / 8 out, period 64 x 2", stdout);
    }

    [GeneratedRegex(@"latency: .* = (\d+) frames")]
    private static partial Regex LatencyLine();
}
