using MixConsole.Dsp.Core;
using MixConsole.Mastering.Matching;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;

namespace MixConsole.Mastering.Tests.Matching;

public class MatchingTests
{
    private static AverageSpectrum SpectrumOf(float[][] channels, int rate = Programme.Rate)
    {
        var acc = new SpectrumAccumulator(rate, channels.Length);
        var buffer = new AudioBuffer(channels.Length, 4096);
        for (int start = 0; start < channels[0].Length; start += 4096)
        {
            int n = Math.Min(4096, channels[0].Length - start);
            for (int c = 0; c < channels.Length; c++) channels[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
            acc.Process(buffer, n);
        }
        return acc.Result();
    }

    // Mean |difference| of the two mid spectra's shapes over 1/3-octave bands from 100 Hz to 10 kHz, dB.
    private static double ShapeDistanceDb(AverageSpectrum a, AverageSpectrum b)
    {
        double ta = 10 * Math.Log10(a.BandPower(a.MidPower, 100, 10000)), tb = 10 * Math.Log10(b.BandPower(b.MidPower, 100, 10000));
        double sum = 0;
        int count = 0;
        for (double f = 100; f <= 10000; f *= Math.Pow(2, 1.0 / 3), count++)
            sum += Math.Abs((a.SmoothedDb(false, f, 1.0 / 3) - ta) - (b.SmoothedDb(false, f, 1.0 / 3) - tb));
        return sum / count;
    }

    private static float[][] Tilted(float[][] x, double shelfDb, double widthScale)
    {
        var eq = new MixConsole.Dsp.Mastering.MasterEq();
        eq.SetBand(0, MixConsole.Dsp.Mastering.EqBandType.HighShelf, 2000, shelfDb, 0.7);
        eq.SetBand(1, MixConsole.Dsp.Mastering.EqBandType.LowShelf, 150, -shelfDb / 2, 0.7);
        int n = x[0].Length;
        eq.Prepare(new ProcessSpec(Programme.Rate, n, 2));
        var buffer = new AudioBuffer(2, n);
        for (int c = 0; c < 2; c++) x[c].CopyTo(buffer.Channel(c, n));
        eq.Process(buffer, n);
        var l = buffer.Channel(0, n).ToArray();
        var r = buffer.Channel(1, n).ToArray();
        for (int i = 0; i < n; i++)
        {
            float m = 0.5f * (l[i] + r[i]), s = 0.5f * (l[i] - r[i]) * (float)widthScale;
            l[i] = m + s; r[i] = m - s;
        }
        return [l, r];
    }

    private static (AverageSpectrum Output, MasteringSession Session) MasterToward(Programme p, float[][] mix, float[][] reference, double eq, double width)
    {
        string mixPath = p.Write("mix.wav", mix), refPath = p.Write("ref.wav", reference);
        var refSession = new MasteringSession(refPath, MasterPreset.Transparent);
        refSession.Analyze(withSpectrum: true);
        var session = new MasteringSession(mixPath, MasterPreset.Transparent);
        session.Analyze(withSpectrum: true);
        session.MatchToward(refSession.Spectrum!, eq, width);
        session.Prepare();
        var outcome = session.Render(new MasterRequest(p.Path("out.wav"), session.Before.IntegratedLufs, -1));
        refSession.Dispose();
        var (output, _) = Programme.Read(outcome.Request.OutputPath);
        Assert.Equal(mix[0].Length, output[0].Length);
        return (SpectrumOf(output), session);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(50)]
    public void EqMatching_MovesTheSpectrumTowardTheReference_ByTheAmount(double percent)
    {
        using var p = new Programme();
        var mix = Programme.Make("dense-loud", 12);
        var reference = Tilted(Programme.Make("dense-loud", 12, seed: 7), 8, 1);
        var (output, session) = MasterToward(p, mix, reference, percent / 100, 0);
        using (session)
        {
            double before = ShapeDistanceDb(SpectrumOf(mix), SpectrumOf(reference));
            double after = ShapeDistanceDb(output, SpectrumOf(reference));
            double moved = 1 - after / before;
            Assert.True(before > 2, $"the reference should sound different ({before:0.00} dB)");
            Assert.InRange(moved, percent / 100 - 0.15, percent / 100 + 0.1);
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(50)]
    public void WidthMatching_MovesSideToMidTowardTheReference_ByTheAmount(double percent)
    {
        using var p = new Programme();
        var mix = Programme.Make("dense-loud", 12);
        var reference = Tilted(Programme.Make("dense-loud", 12, seed: 7), 0, 0.5);
        var (output, session) = MasterToward(p, mix, reference, 0, percent / 100);
        using (session)
        {
            double own = SpectrumOf(mix).SideToMidRatio, wanted = SpectrumOf(reference).SideToMidRatio;
            double expected = own * Math.Pow(wanted / own, percent / 100);
            Assert.InRange(output.SideToMidRatio / expected, 0.9, 1.1);
            Assert.InRange(session.WidthPercent, 100 * Math.Pow(0.5, percent / 100) - 5, 100 * Math.Pow(0.5, percent / 100) + 5);
        }
    }

    [Fact]
    public void MidSideFir_RealisesItsCurve_WithItsReportedLatency_WhateverTheBlockSize()
    {
        var curve = new MatchCurve([20, 200, 1000, 5000, 20000], [0, -4, 6, 2, 0]);
        int taps = MatchCurve.TapsFor(48000);
        double[] fir = curve.DesignFir(48000, taps);
        int n = 32768;
        float[] Run(int block, bool side)
        {
            var f = new MidSideFir(fir, side ? fir : new double[taps].Select((_, i) => i == taps / 2 ? 1.0 : 0).ToArray());
            f.Prepare(new ProcessSpec(48000, block, 2));
            var buffer = new AudioBuffer(2, block);
            var result = new float[n];
            for (int start = 0; start < n; start += block)
            {
                int m = Math.Min(block, n - start);
                buffer.Clear(m);
                if (start <= 100 && 100 < start + m) { buffer.Channel(0, m)[100 - start] = 1; buffer.Channel(1, m)[100 - start] = 1; }
                f.Process(buffer, m);
                buffer.Channel(0, m).CopyTo(result.AsSpan(start));
            }
            return result;
        }
        var response = Run(4096, side: false);
        var probe = new MidSideFir(fir, fir);
        int latency = probe.LatencyFrames;
        // Linear phase: the impulse response is symmetric about the click plus the latency.
        int centre = 100 + latency;
        Assert.True(Math.Abs(response[centre]) >= response.Max(Math.Abs) - 1e-6f);
        for (int k = 1; k < 200; k++) Assert.Equal(response[centre - k], response[centre + k], 5);
        // Magnitude at chosen frequencies against the curve.
        foreach (double f in new[] { 200.0, 1000, 5000 })
        {
            double re = 0, im = 0;
            for (int t = -taps / 2; t <= taps / 2; t++)
            {
                re += response[centre + t] * Math.Cos(2 * Math.PI * f * t / 48000);
                im += response[centre + t] * Math.Sin(2 * Math.PI * f * t / 48000);
            }
            Assert.InRange(20 * Math.Log10(Math.Sqrt(re * re + im * im)), curve.GainDb(f) - 0.2, curve.GainDb(f) + 0.2);
        }
        Assert.Equal(response, Run(1, side: false));
        Assert.Equal(response, Run(37, side: false));
    }

    [Fact]
    public void MidSideFir_AllocatesNothingPerBlock()
    {
        double[] fir = MatchCurve.Flat.DesignFir(48000, 1023);
        var f = new MidSideFir(fir, fir);
        f.Prepare(new ProcessSpec(48000, 256, 2));
        var buffer = new AudioBuffer(2, 256);
        for (int i = 0; i < 64; i++) f.Process(buffer, 256);
        // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
        // collection started by another thread can bill to it as "allocated" on a busy machine.
        GC.Collect(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++) f.Process(buffer, 256);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
