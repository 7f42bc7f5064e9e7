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
        var cdFile = ReferenceWav.Read(outcomes[0].Request.OutputPath);
        var cd = cdFile.Channels;
        Assert.Equal((44100, 16, false), (cdFile.SampleRateHz, cdFile.BitsPerSample, cdFile.IsFloat));
        Assert.Equal((long)Math.Ceiling(input[0].Length * 44100.0 / 48000), cd[0].LongLength);
        // The ceiling is checked at the delivery rate, after resampling and dither.
        var cdLevels = ReferenceLevels.Of(cd, 44100);
        ReferenceLevels.AssertOnTargetUnderCeiling(cdLevels, -9, -1, "cd");
        ReferenceLevels.AssertReported(outcomes[0].After.IntegratedLufs, outcomes[0].After.TruePeakDbtp, cdLevels, "cd");
        // 16-bit dither: every sample sits on the 16-bit grid.
        Assert.All(cd[0].Take(20000), v => Assert.Equal(Math.Round(v * 32768.0), v * 32768.0, 6));

        var spotifyFile = ReferenceWav.Read(outcomes[1].Request.OutputPath);
        Assert.Equal((48000, 24, false), (spotifyFile.SampleRateHz, spotifyFile.BitsPerSample, spotifyFile.IsFloat));
        var spotifyLevels = ReferenceLevels.Of(spotifyFile.Channels, 48000);
        ReferenceLevels.AssertOnTargetUnderCeiling(spotifyLevels, -14, -1, "spotify");
        ReferenceLevels.AssertReported(outcomes[1].After.IntegratedLufs, outcomes[1].After.TruePeakDbtp, spotifyLevels, "spotify");
    }
}
