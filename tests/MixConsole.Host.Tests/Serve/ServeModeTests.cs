using System.Globalization;
using System.Text.RegularExpressions;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using Xunit.Abstractions;

namespace MixConsole.Host.Tests.Serve;

/// <summary>serve --mode: a fresh console is transparent; the mastering box masters stereo to its ceiling and target.</summary>
public sealed partial class ServeModeTests(ITestOutputHelper log)
{
    private const int Rate = 48_000;
    private static readonly string[] Quiet = ["--osc-port", "0", "--http-port", "0", "--rt-priority", "0", "--no-mlock"];

    private static (int ExitCode, string Out, string Err) Serve(params string[] args) => CliRun.Run(["serve", .. args, .. Quiet]);

    private static float[][] ReadAll(string path)
    {
        using var reader = WavReader.Open(path);
        int channels = reader.Format.Channels;
        var all = new List<float>[channels];
        for (int c = 0; c < channels; c++) all[c] = [];
        var block = new AudioBuffer(channels, 4096);
        int n;
        while ((n = reader.Read(block, 4096)) > 0)
            for (int c = 0; c < channels; c++) all[c].AddRange(block.Channel(c, n).ToArray());
        return [.. all.Select(a => a.ToArray())];
    }

    /// <summary>A stereo programme with real crest factor: bass, decaying noise hits four times a second, a chord pad, some side noise.</summary>
    private static string WriteProgramme(TestSignals signals, string name, double seconds, double gain)
    {
        var random = new Random(11);
        var noise = new double[(int)(seconds * Rate) * 2];
        for (int i = 0; i < noise.Length; i++) noise[i] = random.NextDouble() * 2 - 1;
        return signals.Write(name, Rate, 2, seconds, (c, i) =>
        {
            double t = (double)i / Rate;
            double hit = Math.Exp(-(i % (Rate / 4)) / (0.03 * Rate)) * noise[2 * i];
            double side = 0.1 * noise[2 * i + 1] * (c == 0 ? 1 : -1);
            double pad = 0.15 * (Math.Sin(2 * Math.PI * 440 * t) + Math.Sin(2 * Math.PI * 554.37 * t + 1) + Math.Sin(2 * Math.PI * 659.25 * t + 2));
            return gain * (0.5 * Math.Sin(2 * Math.PI * 55 * t) + pad + 0.8 * hit + side);
        });
    }

    [Fact]
    public void ConsoleMode_AtDefaults_PlaysAStereoSourceUnchanged_WithTheMasterChainBypassed()
    {
        using var signals = new TestSignals();
        // A stereo source on a linked pair (balance centre = unity each side), everything else at defaults.
        string input = signals.Write("in.wav", Rate, 2, 1.0, (c, i) => 0.5 * Math.Sin(2 * Math.PI * (c == 0 ? 997 : 1499) * i / Rate));
        string scene = signals.Path("link.json");
        File.WriteAllText(scene, """{"parameters": {"/ch/01/config/link": 1}}""");
        string output = signals.Path("out.wav");
        var (code, stdout, stderr) = Serve("--audio", "wav", "--fast", "--mode", "console", "--scene", scene, "--input", input, "--output", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("mode    console: master chain bypassed", stdout);
        int latency = int.Parse(LatencyLine().Match(stdout).Groups[1].Value, CultureInfo.InvariantCulture);

        float[][] dry = ReadAll(input), wet = ReadAll(output);
        // Channel fader and main fader each sit on the unity grid point, -0.0098 dB: at most twice that overall.
        double worstDb = 0;
        for (int c = 0; c < 2; c++)
            for (int i = 4800; i < Rate - latency; i++)
            {
                if (Math.Abs(dry[c][i]) < 0.1) continue;
                worstDb = Math.Max(worstDb, Math.Abs(20 * Math.Log10(wet[c][i + latency] / dry[c][i])));
            }
        log.WriteLine($"console mode: worst per-sample gain deviation {worstDb:0.00000} dB");
        Assert.True(worstDb <= 2 * 0.0098 + 1e-4, $"output differs from input by up to {worstDb:0.00000} dB");
    }

    [Fact]
    public void MasteringMode_HoldsTheCeiling_AndBringsShortTermLoudnessToTheTarget()
    {
        using var signals = new TestSignals();
        string input = WriteProgramme(signals, "programme.wav", 16, 0.35);
        string output = signals.Path("mastered.wav");
        // Presets set sound, not delivery: the target comes from a scene (wire value 38/48 = -11 LUFS), over the preset.
        string scene = signals.Path("loud.json");
        File.WriteAllText(scene, """{"parameters": {"/master/loudness/target": 0.7916667}}""");
        var (code, stdout, stderr) = Serve("--audio", "wav", "--fast", "--mode", "mastering", "--preset", "punchy", "--scene", scene, "--input", input, "--output", output);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"mode    mastering: inputs 1-2 -> master chain -> outputs 1-2, preset punchy, master chain adds \d+ frames", stdout);

        float[][] mastered = ReadAll(output), dry = ReadAll(input);
        var meter = new LoudnessMeter();
        int hop = Rate / 10;
        meter.Prepare(new ProcessSpec(Rate, hop, 2));
        var inMeter = new LoudnessMeter();
        inMeter.Prepare(new ProcessSpec(Rate, hop, 2));
        var block = new AudioBuffer(2, hop);
        var st = new List<double>();
        for (int start = 0; start + hop <= mastered[0].Length; start += hop)
        {
            for (int c = 0; c < 2; c++) mastered[c].AsSpan(start, hop).CopyTo(block.Channel(c, hop));
            meter.Process(block, hop);
            st.Add(meter.ShortTermLufs);
            for (int c = 0; c < 2; c++) dry[c].AsSpan(start, hop).CopyTo(block.Channel(c, hop));
            inMeter.Process(block, hop);
        }

        const double target = -11.0, ceiling = -1.0;
        double[] last = [.. st.TakeLast(30)];
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"input {inMeter.IntegratedLufs:0.00} LUFS, {inMeter.TruePeakDbtp:0.00} dBTP; output true peak {meter.TruePeakDbtp:0.000} dBTP, short-term over the last 3 s {last.Min():0.00}..{last.Max():0.00} LUFS"));
        // Raised to the target, the programme's peaks would pass the ceiling by over a dB: the limiter has work to do.
        Assert.True(inMeter.TruePeakDbtp + (target - inMeter.IntegratedLufs) > ceiling + 1, "the programme must push the limiter");
        Assert.True(meter.TruePeakDbtp <= ceiling, $"true peak {meter.TruePeakDbtp:0.000} dBTP over the {ceiling} dBTP ceiling");
        // Tolerance 1 LU: the loop settles with a 3 s time constant after a slew-limited approach; what is left is the
        // short-term window's own ripple on a programme with four hits a second and the limiter's work on them.
        foreach (double lufs in last) Assert.True(Math.Abs(lufs - target) <= 1.0, $"short-term {lufs:0.00} LUFS against the {target} LUFS target");
    }

    [Fact]
    public void ConsoleMode_WithTheMasterChainSwitchedOn_LimitsMainToTheCeiling()
    {
        using var signals = new TestSignals();
        string input = signals.Write("hot.wav", Rate, 2, 2.0, (c, i) => 0.9 * Math.Sin(2 * Math.PI * (c == 0 ? 997 : 1499) * i / Rate));
        string scene = signals.Path("on.json");
        // Scenes hold wire (normalised) values: ceiling 0.0 = -6 dBTP.
        File.WriteAllText(scene, """{"parameters": {"/ch/01/config/link": 1, "/master/bypass": 0, "/master/limiter/ceiling": 0.0}}""");
        string output = signals.Path("out.wav");
        var (code, stdout, stderr) = Serve("--audio", "wav", "--fast", "--scene", scene, "--input", input, "--output", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("mode    console: master chain active", stdout);
        float[][] wet = ReadAll(output);
        var meter = new LoudnessMeter();
        meter.Prepare(new ProcessSpec(Rate, wet[0].Length, 2));
        var buffer = new AudioBuffer(2, wet[0].Length);
        for (int c = 0; c < 2; c++) wet[c].CopyTo(buffer.Channel(c, wet[0].Length));
        meter.Process(buffer, wet[0].Length);
        log.WriteLine($"console mode, chain on: main true peak {meter.TruePeakDbtp:0.000} dBTP (input -0.9 dBFS)");
        Assert.True(meter.TruePeakDbtp <= -6.0, $"main peaked at {meter.TruePeakDbtp:0.000} dBTP with a -6 dBTP ceiling");
        Assert.True(meter.TruePeakDbtp > -9.0, "the chain must pass the sound, not mute it");
    }

    [Fact]
    public void AnUnknownModeOrPreset_IsAUsageError()
    {
        var (mode, _, modeErr) = Serve("--audio", "null", "--mode", "karaoke", "--duration", "0.1");
        Assert.NotEqual(0, mode);
        Assert.Contains("--mode must be console or mastering, got 'karaoke'", modeErr);
        var (preset, _, presetErr) = Serve("--audio", "null", "--mode", "mastering", "--preset", "loud", "--duration", "0.1");
        Assert.NotEqual(0, preset);
        Assert.Contains("available: transparent, warm, bright, punchy, tight, wide", presetErr);
    }

    [Fact]
    public void MasteringMode_RefusesAnythingButStereo_InOneLine()
    {
        using var signals = new TestSignals();
        string input = signals.Write("six.wav", Rate, 6, 0.1, (_, _) => 0);
        var (code, _, stderr) = Serve("--audio", "wav", "--fast", "--mode", "mastering", "--input", input, "--output", signals.Path("o.wav"));
        Assert.Equal(1, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("--mode mastering is stereo in, stereo out; the audio has 6 in and 2 out", stderr);
    }

    [GeneratedRegex(@"latency: .* = (\d+) frames")]
    private static partial Regex LatencyLine();
}
