using MixConsole.Audio.Wav;
using MixConsole.Mastering.Delivery;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;
using MixConsole.Mastering.Targets;

namespace MixConsole.Mastering.Tests.Pipeline;

public class DeliveryTests
{
    [Fact]
    public void Cd_Is44k1Sixteen_UnderCeilingAtItsRate_OnTarget_AndAsLongAsTheMix()
    {
        using var programme = new Programme();
        var input = Programme.Make("dense-loud", 10);
        string inPath = programme.Write("mix.wav", input, format: WavSampleFormat.Pcm24);
        using var session = new MasteringSession(inPath, MasterPreset.Transparent);
        session.Analyze(withSpectrum: false);
        session.Prepare();
        var outcomes = Deliverer.Run(session, programme.Path("out"), [DeliveryTarget.Find("cd")!, DeliveryTarget.Find("spotify")!]);

        Assert.Equal(programme.Path("out/mix.cd.wav"), outcomes[0].Request.OutputPath);
        Assert.Equal(programme.Path("out/mix.spotify.wav"), outcomes[1].Request.OutputPath);
        var (cd, format) = Programme.Read(outcomes[0].Request.OutputPath);
        Assert.Equal(44100, format.SampleRateHz);
        Assert.Equal(WavSampleFormat.Pcm16, format.SampleFormat);
        Assert.Equal((long)Math.Ceiling(input[0].Length * 44100.0 / 48000), cd[0].LongLength);
        var reference = LibEbur128.Measure(cd, 44100);
        Assert.InRange(reference.IntegratedLufs, -9.1, -8.9);
        Assert.True(20 * Math.Log10(reference.TruePeak.Max()) <= -1);
        Assert.True(Programme.TruePeak8x(cd, 44100) <= -1);
        double precise = cd.Max(c => ReferenceTruePeak.Of(c));
        Assert.True(20 * Math.Log10(precise) <= -1 + 0.02, $"reference (48x sinc) true peak {20 * Math.Log10(precise):0.000} dBTP");
        // 16-bit dither: every sample sits on the 16-bit grid.
        Assert.All(cd[0].Take(20000), v => Assert.Equal(Math.Round(v * 32768.0), v * 32768.0, 6));

        var (spotify, spotifyFormat) = Programme.Read(outcomes[1].Request.OutputPath);
        Assert.Equal(48000, spotifyFormat.SampleRateHz);
        Assert.Equal(WavSampleFormat.Pcm24, spotifyFormat.SampleFormat);
        Assert.InRange(LibEbur128.Measure(spotify, 48000).IntegratedLufs, -14.1, -13.9);
    }
}
