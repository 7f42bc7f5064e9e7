using MixConsole.Mastering.Album;
using MixConsole.Mastering.Presets;

namespace MixConsole.Mastering.Tests.Album;

public class AlbumTests
{
    private static float[][] Scaled(float[][] x, double db)
    {
        float g = (float)Math.Pow(10, db / 20);
        return x.Select(c => c.Select(v => v * g).ToArray()).ToArray();
    }

    [Fact]
    public void Album_LoudestSongMeetsTarget_OthersKeepTheirDistance()
    {
        using var p = new Programme();
        string[] songs =
        [
            p.Write("single.wav", Scaled(Programme.Make("dense-loud", 10), -3)),
            p.Write("ballad.wav", Scaled(Programme.Make("sparse-plucks", 10), -6)),
            p.Write("interlude.wav", Scaled(Programme.Make("quiet-pad", 10), 0)),
        ];
        var result = AlbumMaster.Run(songs, p.Path("album"), -14, -1, MasterPreset.Transparent, toneAmount: 0);
        Assert.All(result, s => Assert.True(File.Exists(s.Outcome.Request.OutputPath)));
        // Inputs and outputs alike measured by libebur128 from the files, read by the tests' own reader.
        var inputs = songs.Select(ReferenceLevels.LufsOfFile).ToArray();
        var outputs = result.Select(s => ReferenceLevels.OfFile(s.Outcome.Request.OutputPath)).ToArray();
        int loudest = Array.IndexOf(inputs, inputs.Max());
        ReferenceLevels.AssertOnTargetUnderCeiling(outputs[loudest], -14, -1, "loudest song");
        for (int i = 0; i < songs.Length; i++)
        {
            double wanted = inputs[i] - inputs[loudest], got = outputs[i].IntegratedLufs - outputs[loudest].IntegratedLufs;
            // Each song is searched to within 0.05 LU of its own target: two of them may differ by 0.1 LU.
            Assert.True(Math.Abs(got - wanted) <= 2 * 0.05,
                $"song {i}: {got:0.00} LU from the loudest by libebur128, its mix was {wanted:0.00} LU from it");
            Assert.True(outputs[i].TruePeakDbtp <= -1 + ReferenceLevels.CeilingToleranceDb, $"song {i}: {outputs[i]}");
        }
    }

    [Fact]
    public void SongTargets_KeepRelativeLoudness()
    {
        var targets = AlbumMaster.SongTargets([-10, -16, -20.5], -14);
        Assert.Equal([-14, -20, -24.5], targets);
    }

    [Fact]
    public void ConsistentTone_BringsSongsSpectraCloserToEachOther()
    {
        using var p = new Programme();
        string dark = p.Write("dark.wav", Programme.Make("dense-loud", 8));
        string bright = p.Write("bright.wav", Programme.Make("orchestral-swell", 8));
        var plain = AlbumMaster.Run([dark, bright], p.Path("plain"), -14, -1, MasterPreset.Transparent, toneAmount: 0);
        var matched = AlbumMaster.Run([dark, bright], p.Path("matched"), -14, -1, MasterPreset.Transparent, toneAmount: 1);
        static TestSpectrum Spectrum(AlbumSong song)
        {
            var written = ReferenceWav.Read(song.Outcome.Request.OutputPath);
            return TestSpectrum.Of(written.Channels, written.SampleRateHz);
        }
        double before = TestSpectrum.ShapeDistanceDb(Spectrum(plain[0]), Spectrum(plain[1]));
        double after = TestSpectrum.ShapeDistanceDb(Spectrum(matched[0]), Spectrum(matched[1]));
        Assert.True(after < 0.5 * before, $"tone distance between the written songs {before:0.00} dB -> {after:0.00} dB (test FFT)");
    }
}
