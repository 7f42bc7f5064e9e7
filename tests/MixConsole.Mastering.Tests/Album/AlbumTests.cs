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
        var measured = result.Select(s => LibEbur128.Measure(Programme.Read(s.Outcome.Request.OutputPath).Channels, Programme.Rate).IntegratedLufs).ToArray();
        var inputs = result.Select(s => s.InputLufs).ToArray();
        int loudest = Array.IndexOf(inputs, inputs.Max());
        Assert.InRange(measured[loudest], -14.1, -13.9);
        for (int i = 0; i < songs.Length; i++)
            Assert.InRange(measured[i] - measured[loudest], inputs[i] - inputs[loudest] - 0.1, inputs[i] - inputs[loudest] + 0.1);
        Assert.All(result, s => Assert.True(File.Exists(s.Outcome.Request.OutputPath)));
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
        var plain = AlbumMaster.Run([dark, bright], p.Path("plain"), -14, -1, MasterPreset.Transparent, toneAmount: 0, collectPlots: true);
        var matched = AlbumMaster.Run([dark, bright], p.Path("matched"), -14, -1, MasterPreset.Transparent, toneAmount: 1, collectPlots: true);
        static double Distance(MixConsole.Mastering.Matching.AverageSpectrum a, MixConsole.Mastering.Matching.AverageSpectrum b)
        {
            double ta = 10 * Math.Log10(a.BandPower(a.MidPower, 100, 10000)), tb = 10 * Math.Log10(b.BandPower(b.MidPower, 100, 10000));
            double sum = 0; int n = 0;
            for (double f = 100; f <= 10000; f *= Math.Pow(2, 1.0 / 3), n++)
                sum += Math.Abs(a.SmoothedDb(false, f, 1.0 / 3) - ta - (b.SmoothedDb(false, f, 1.0 / 3) - tb));
            return sum / n;
        }
        double before = Distance(plain[0].Outcome.Spectrum!, plain[1].Outcome.Spectrum!);
        double after = Distance(matched[0].Outcome.Spectrum!, matched[1].Outcome.Spectrum!);
        Assert.True(after < 0.5 * before, $"tone distance {before:0.00} dB -> {after:0.00} dB");
    }
}
