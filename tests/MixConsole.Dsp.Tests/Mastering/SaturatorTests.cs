using MixConsole.Dsp.Mastering;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Mastering;

public class SaturatorTests(ITestOutputHelper output)
{
    [Fact]
    public void Saturator_QuietSignal_PassesAtUnityDelayedByItsLatency()
    {
        var sat = new Saturator { DriveDb = 12, Mix = 1 };
        float[] x = Signals.Sine(9600, 1000, 48000, 0.001);
        float[] y = Signals.Run(sat, [x], 256)[0];
        int d = sat.LatencyFrames;
        Assert.InRange(d, 1, 64);
        double worst = 0;
        for (int i = 2000; i < x.Length; i++) worst = Math.Max(worst, Math.Abs(y[i] - x[i - d]));
        Assert.True(worst < 0.001 * 1e-3, $"deviation {worst}"); // within -60 dB of the signal: linear and aligned
    }

    [Fact]
    public void Saturator_Harmonics_DoNotAliasBelow20kHz()
    {
        // A loud 9 kHz tone: odd harmonics at 27, 45, 63 kHz would fold to 21, 3, 15 kHz without oversampling.
        const int n = 16384;
        // Mastering drive (6 dB into a near full-scale tone); 4x leaves the 21st harmonic's fold-back ~-80 dB at heavy drive.
        var sat = new Saturator { DriveDb = 6, Mix = 1 };
        float[] x = Signals.Sine(n + 4096, 9000, 48000, 0.9);
        float[] y = Signals.Run(sat, [x], 512)[0];
        var seg = new float[n];
        for (int i = 0; i < n; i++) seg[i] = (float)(y[4096 + i] * Math.Pow(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n), 3));
        double[] db = TestFft.MagnitudeDb(seg, n);
        double Level(double hz) { int k = (int)Math.Round(hz * n / 48000); double m = double.NegativeInfinity; for (int j = k - 3; j <= k + 3; j++) m = Math.Max(m, db[j]); return m; }
        double fundamental = Level(9000), third = Level(21000);
        double alias3k = Level(3000) - fundamental, alias15k = Level(15000) - fundamental;
        output.WriteLine($"alias at 3 kHz {alias3k:F1} dB, at 15 kHz {alias15k:F1} dB re fundamental; 21 kHz {third - fundamental:F1} dB");
        Assert.True(alias3k < -90, $"3 kHz alias {alias3k:F1} dB");
        Assert.True(alias15k < -90, $"15 kHz alias {alias15k:F1} dB");
    }

    [Fact]
    public void Saturator_LoudSignal_IsSoftlyCompressedAndMadeHarmonic()
    {
        var sat = new Saturator { DriveDb = 6, Mix = 1 };
        float[] x = Signals.Sine(9600, 100, 48000, 0.9);
        float[] y = Signals.Run(sat, [x], 256)[0];
        var (amp, residual) = Signals.FitSine(y, 100, 48000, 2400, 9600);
        Assert.True(amp < 0.9 * 0.9, $"fundamental {amp} not compressed");
        Assert.True(residual > 0.01, "no harmonics added");
        double peak = 0;
        for (int i = 2400; i < y.Length; i++) peak = Math.Max(peak, Math.Abs(y[i]));
        Assert.True(peak < 0.9 / 1.0 * 0.8, $"peak {peak}: the curve should round a 6 dB overdriven peak well under the input");
    }

    [Fact]
    public void Saturator_ZeroMix_IsTheDelayedInputExactly()
    {
        var sat = new Saturator { DriveDb = 18, Mix = 0 };
        float[] x = Signals.Noise(5000, 1, 0.9);
        float[] y = Signals.Run(sat, [x], 100)[0];
        for (int i = sat.LatencyFrames; i < x.Length; i++) Assert.Equal(x[i - sat.LatencyFrames], y[i]);
    }

    [Fact]
    public void Saturator_Output_IsIdenticalForAnyBlockSize()
    {
        float[] l = Signals.Noise(9000, 2, 0.9), r = Signals.Noise(9000, 3, 0.9);
        float[][] reference = Signals.Run(new Saturator { DriveDb = 9, Mix = 0.7 }, [l, r], 4096);
        foreach (int block in new[] { 1, 7, 32 })
            Signals.AssertIdentical(reference, Signals.Run(new Saturator { DriveDb = 9, Mix = 0.7 }, [l, r], block), $"block {block}");
    }

    [Fact]
    public void Saturator_ProcessAllocatesNothing() => Signals.AssertProcessAllocatesNothing(new Saturator());
}
