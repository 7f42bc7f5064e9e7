using MixConsole.Audio.Wav;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;

namespace MixConsole.Mastering.Tests.Pipeline;

/// <summary>
/// Targets from -23 to -9 LUFS met on varied synthesised programme, judged on the written file (read by the tests'
/// own WAV reader) by libebur128 and the 48x reference true-peak meter.
/// </summary>
public class LoudnessTargetTests
{
    private const double Ceiling = -1;

    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (string kind in Programme.Kinds)
            foreach (double target in new[] { -23.0, -16, -14, -9 })
                data.Add(kind, target);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Master_HitsTargetWithinTenthOfLu_UnderCeiling_SameLengthAndAligned(string kind, double targetLufs)
    {
        using var programme = new Programme();
        var input = Programme.Make(kind, 12);
        string inPath = programme.Write("in.wav", input, format: WavSampleFormat.Pcm24);
        using var session = new MasteringSession(inPath, MasterPreset.Transparent);
        session.Analyze(withSpectrum: false);
        session.Prepare();
        var outcome = session.Render(new MasterRequest(programme.Path("out.wav"), targetLufs, Ceiling) { MaxPasses = 8 });

        var written = ReferenceWav.Read(outcome.Request.OutputPath);
        var output = written.Channels;
        Assert.Equal((24, false), (written.BitsPerSample, written.IsFloat));
        Assert.Equal(Programme.Rate, written.SampleRateHz);
        var levels = ReferenceLevels.Of(output, written.SampleRateHz);
        ReferenceLevels.AssertOnTargetUnderCeiling(levels, targetLufs, Ceiling, $"{kind} at {targetLufs} LUFS");
        ReferenceLevels.AssertReported(outcome.After.IntegratedLufs, outcome.After.TruePeakDbtp, levels);
        Assert.Equal(input[0].Length, output[0].Length);
        // The transparent chain's only filter before the limiter is the 20 Hz subsonic high-pass: its phase
        // lead moves tonal material by a sample or two, so alignment is judged against the input through it.
        Assert.Equal(0, Programme.BestLag(Subsonic(input[0]), output[0], 200));
        Assert.InRange(outcome.Passes.Count, 1, 8);
    }

    [Theory]
    [InlineData("warm")]
    [InlineData("bright")]
    [InlineData("punchy")]
    [InlineData("tight")]
    [InlineData("wide")]
    public void EveryPreset_HitsTarget_AndStaysAligned(string presetName)
    {
        using var programme = new Programme();
        var input = Programme.Make("dense-loud", 10);
        string inPath = programme.Write("in.wav", input);
        using var session = new MasteringSession(inPath, MasterPreset.Find(presetName)!);
        session.Analyze(withSpectrum: false);
        session.Prepare();
        var outcome = session.Render(new MasterRequest(programme.Path("out.wav"), -14, Ceiling));
        var written = ReferenceWav.Read(outcome.Request.OutputPath);
        ReferenceLevels.AssertOnTargetUnderCeiling(ReferenceLevels.Of(written.Channels, written.SampleRateHz), -14, Ceiling, presetName);
        Assert.Equal(input[0].Length, written.Frames);
    }

    [Theory]
    [InlineData("transparent")]
    [InlineData("warm")]
    [InlineData("bright")]
    [InlineData("punchy")]
    [InlineData("tight")]
    [InlineData("wide")]
    public void Latency_IsCompensated_EachClickComesOutOnItsOwnSample(string presetName)
    {
        using var programme = new Programme();
        int n = 6 * Programme.Rate;
        var l = new float[n];
        var r = new float[n];
        var clicks = new List<int>();
        for (int at = Programme.Rate / 4; at < n - 4800; at += Programme.Rate / 2) { l[at] = 0.5f; r[at] = 0.5f; clicks.Add(at); }
        string inPath = programme.Write("clicks.wav", [l, r]);
        using var session = new MasteringSession(inPath, MasterPreset.Find(presetName)!);
        session.Analyze(withSpectrum: false);
        session.Prepare();
        var outcome = session.Render(new MasterRequest(programme.Path("out.wav"), -30, Ceiling));
        var output = ReferenceWav.Read(outcome.Request.OutputPath).Channels;
        Assert.Equal(n, output[0].Length);
        foreach (int at in clicks)
        {
            int peak = at - 100;
            for (int i = at - 100; i < at + 100; i++) if (Math.Abs(output[0][i]) > Math.Abs(output[0][peak])) peak = i;
            // Minimum-phase EQ and crossovers peak on the click or a sample or two after it; latency would show as hundreds.
            Assert.InRange(peak - at, 0, 2);
        }
    }

    private static float[] Subsonic(float[] x)
    {
        var filter = new MixConsole.Dsp.Mastering.SubsonicFilter { FrequencyHz = 20 };
        filter.Prepare(new MixConsole.Dsp.Core.ProcessSpec(Programme.Rate, x.Length, 1));
        var buffer = new MixConsole.Dsp.Core.AudioBuffer(1, x.Length);
        x.CopyTo(buffer.Channel(0, x.Length));
        filter.Process(buffer, x.Length);
        return buffer.Channel(0, x.Length).ToArray();
    }

    [Fact]
    public void HeavyLimiting_IsReportedAndWarned_NeverHidden()
    {
        using var programme = new Programme();
        string inPath = programme.Write("in.wav", Programme.Make("verse-chorus", 12));
        using var session = new MasteringSession(inPath, MasterPreset.Transparent);
        session.Analyze(withSpectrum: false);
        session.Prepare();
        var outcome = session.Render(new MasterRequest(programme.Path("out.wav"), -8, Ceiling) { MaxLimitingDb = 3 });
        Assert.True(outcome.MaxGainReductionDb > 3);
        Assert.Contains(outcome.Warnings, w => w.Contains("limiting", StringComparison.Ordinal) && w.Contains("--max-limiting 3", StringComparison.Ordinal));
        Assert.True(outcome.AverageGainReductionDb > 0 && outcome.AverageGainReductionDb <= outcome.MaxGainReductionDb);
    }

    [Fact]
    public void Silence_IsWrittenUnchanged_WithAWarning()
    {
        using var programme = new Programme();
        string inPath = programme.Write("in.wav", [new float[48000], new float[48000]]);
        using var session = new MasteringSession(inPath, MasterPreset.Transparent);
        session.Analyze(withSpectrum: false);
        var outcome = session.Render(new MasterRequest(programme.Path("out.wav"), -14, Ceiling));
        var output = ReferenceWav.Read(outcome.Request.OutputPath).Channels;
        Assert.All(output, channel => Assert.All(channel, v => Assert.Equal(0f, v)));
        Assert.Contains(outcome.Warnings, w => w.Contains("silent", StringComparison.Ordinal));
    }
}
