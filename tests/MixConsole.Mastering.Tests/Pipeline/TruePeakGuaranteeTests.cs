using MixConsole.Audio.Wav;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;

namespace MixConsole.Mastering.Tests.Pipeline;

/// <summary>
/// The true-peak ceiling holds against the meters people use, not only our own: nineteen programmes (synthesised
/// kinds, full-band material where libebur128's interpolator over-reads, and ALSA's real voice recordings) mastered
/// to -1 dBTP at 44.1, 48 and 96 kHz read at or under -1.0 by libebur128 and by the 48x reference (whose points
/// include every 16x point). The demo's master is the twentieth, in the demo command's test.
/// </summary>
public class TruePeakGuaranteeTests
{
    private const double Ceiling = -1;

    public static TheoryData<string, double, int, string> Cases()
    {
        var data = new TheoryData<string, double, int, string>();
        foreach (string kind in Programme.Kinds)
            data.Add(kind, -14, 48000, "transparent");
        foreach (string kind in Programme.Kinds)
            data.Add(kind, -9, 48000, "transparent");
        foreach (string kind in new[] { "hats-and-saw", "tone-third-of-rate", "tone-near-nyquist" })
            data.Add(kind, -10, 48000, "transparent");
        data.Add("dense-loud", -12, 44100, "transparent");
        data.Add("hats-and-saw", -12, 44100, "bright");
        data.Add("hats-and-saw", -11, 96000, "punchy");
        data.Add("voices", -14, 48000, "transparent");
        data.Add("voices", -9, 48000, "transparent");
        data.Add("voices", -11, 44100, "warm");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Master_ReadsUnderCeiling_ByLibEbur128_AndByTheReference(string kind, double targetLufs, int outputRate, string preset)
    {
        using var programme = new Programme();
        var input = Make(kind);
        string inPath = programme.Write("in.wav", input, format: WavSampleFormat.Pcm24);
        using var session = new MasteringSession(inPath, MasterPreset.Find(preset)!);
        session.Analyze(withSpectrum: false);
        session.Prepare();
        var format = outputRate == 44100 ? WavSampleFormat.Pcm16 : WavSampleFormat.Pcm24;
        var outcome = session.Render(new MasterRequest(programme.Path("out.wav"), targetLufs, Ceiling) { SampleRateHz = outputRate, Format = format });

        var written = ReferenceWav.Read(outcome.Request.OutputPath);
        Assert.Equal(outputRate, written.SampleRateHz);
        var ebur = LibEbur128.Measure(written.Channels, written.SampleRateHz);
        double eburDbtp = 20 * Math.Log10(ebur.TruePeak.Max());
        double referenceDbtp = 20 * Math.Log10(written.Channels.Max(ReferenceTruePeak.Of));
        string what = $"{kind} at {targetLufs} LUFS, {outputRate} Hz, {preset}";
        Assert.True(eburDbtp <= Ceiling, $"{what}: {eburDbtp:0.000} dBTP by libebur128 over the {Ceiling} dBTP ceiling");
        Assert.True(referenceDbtp <= Ceiling, $"{what}: {referenceDbtp:0.000} dBTP by the 48x reference over the {Ceiling} dBTP ceiling");
        Assert.True(Math.Abs(ebur.IntegratedLufs - targetLufs) <= ReferenceLevels.TargetToleranceLu, $"{what}: {ebur.IntegratedLufs:0.000} LUFS by libebur128");
    }

    private static float[][] Make(string kind) => kind switch
    {
        "hats-and-saw" => HatsAndSaw(8),
        "tone-third-of-rate" => Tone(16000, 6),
        "tone-near-nyquist" => Tone(20500, 6),
        "voices" => Voices(),
        _ => Programme.Make(kind, 8),
    };

    // Full-band material: white-noise hats on every eighth and a naive (aliased) sawtooth, the content a 4x meter misjudges.
    private static float[][] HatsAndSaw(double seconds)
    {
        int n = (int)(seconds * Programme.Rate);
        var l = new float[n];
        var r = new float[n];
        var rnd = new Random(7);
        double phase = 0;
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / Programme.Rate, eighth = t * 4 % 1;
            double hat = Math.Exp(-eighth * 40) * (rnd.NextDouble() * 2 - 1);
            phase = (phase + 110.0 * Math.Pow(2, (int)(t * 2) % 4 / 12.0) / Programme.Rate) % 1;
            double saw = 2 * phase - 1;
            l[i] = (float)(0.5 * hat + 0.25 * saw);
            r[i] = (float)(0.45 * hat - 0.2 * saw);
        }
        return [l, r];
    }

    // A steady tone with a 10 ms fade at each end: where libebur128's phases gain most (a third of the rate) or where meters under-read (near Nyquist).
    private static float[][] Tone(double hz, double seconds)
    {
        int n = (int)(seconds * Programme.Rate), fade = Programme.Rate / 100;
        var l = new float[n];
        for (int i = 0; i < n; i++)
            l[i] = (float)(0.3 * Math.Min(1, Math.Min(i, n - 1 - i) / (double)fade) * Math.Sin(2 * Math.PI * hz * i / Programme.Rate + 0.4));
        return [l, (float[])l.Clone()];
    }

    // Real recordings: ALSA's nine spoken channel names (alsa-utils, 48 kHz mono), one after another, the right channel one clip behind.
    private static float[][] Voices()
    {
        var clips = Directory.GetFiles("/usr/share/sounds/alsa", "*.wav").Order().Select(p => ReferenceWav.Read(p).Channels[0]).ToArray();
        Assert.True(clips.Length >= 2, "needs alsa-utils' recordings in /usr/share/sounds/alsa");
        float[] Join(int offset) => Enumerable.Range(0, clips.Length).SelectMany(i => clips[(i + offset) % clips.Length]).ToArray();
        float[] left = Join(0), right = Join(1);
        int n = Math.Min(left.Length, right.Length);
        return [left[..n], right[..n]];
    }
}
