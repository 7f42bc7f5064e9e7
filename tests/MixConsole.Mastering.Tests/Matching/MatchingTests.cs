using MixConsole.Dsp.Core;
using MixConsole.Mastering.Matching;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;

namespace MixConsole.Mastering.Tests.Matching;

public class MatchingTests
{
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

    private static (TestSpectrum Output, MasteringSession Session) MasterToward(Programme p, float[][] mix, float[][] reference, double eq, double width)
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
        var output = ReferenceWav.Read(outcome.Request.OutputPath);
        Assert.Equal(mix[0].Length, output.Frames);
        return (TestSpectrum.Of(output.Channels, output.SampleRateHz), session);
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
            var target = TestSpectrum.Of(reference, Programme.Rate);
            double before = TestSpectrum.ShapeDistanceDb(TestSpectrum.Of(mix, Programme.Rate), target);
            double after = TestSpectrum.ShapeDistanceDb(output, target);
            double moved = 1 - after / before;
            Assert.True(before > 2, $"the reference should sound different ({before:0.00} dB)");
            Assert.True(moved >= percent / 100 - 0.15 && moved <= percent / 100 + 0.1,
                $"shape distance to the reference {before:0.00} dB -> {after:0.00} dB (test FFT): moved {100 * moved:0} %, asked {percent} %");
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
            double own = TestSpectrum.Of(mix, Programme.Rate).SideToMidRatio, wanted = TestSpectrum.Of(reference, Programme.Rate).SideToMidRatio;
            double expected = own * Math.Pow(wanted / own, percent / 100);
            Assert.True(Math.Abs(output.SideToMidRatio / expected - 1) <= 0.1,
                $"side/mid {own:0.000} -> {output.SideToMidRatio:0.000} (test FFT), expected {expected:0.000} ({percent} % of the way to {wanted:0.000})");
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
        Allocations.AssertNone(() => f.Process(buffer, 256), calls: 2000, what: "MidSideFir.Process (1023 taps, stereo, 256 frames)");
    }
}
