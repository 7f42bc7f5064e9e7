using Xunit;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Tests.Filters;

public class BiquadTests
{
    private const double Fs = 48000;

    [Theory]
    [InlineData(50)]
    [InlineData(1000)]
    [InlineData(3000)]
    [InlineData(15000)]
    public void Biquad_PassesSine_AtTheAnalyticMagnitude(double f)
    {
        var coefficients = AnalogMatchedDesign.Peaking(Fs, 2500, 1.5, 9);
        var biquad = new Biquad(coefficients);
        float[] x = TestSignals.Sine(f, Fs, 48000, 0.25);
        biquad.Process(x);
        double measured = TestSignals.AmplitudeAt(x, f, Fs, 24000) / 0.25;
        Assert.Equal(coefficients.MagnitudeDb(f, Fs), TestSignals.Db(measured), 2);
    }

    [Fact]
    public void Biquad_BlockSplitAnywhere_GivesTheSameOutput()
    {
        float[] input = TestSignals.Noise(4096, 7);
        var whole = new Biquad(BiquadDesign.HighPass(Fs, 80, 0.7));
        float[] expected = (float[])input.Clone();
        whole.Process(expected);

        var split = new Biquad(BiquadDesign.HighPass(Fs, 80, 0.7));
        float[] actual = (float[])input.Clone();
        var random = new Random(3);
        for (int start = 0; start < actual.Length;)
        {
            int n = Math.Min(random.Next(1, 97), actual.Length - start);
            split.Process(actual.AsSpan(start, n));
            start += n;
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Update_KeepsState_Reset_ClearsIt()
    {
        var coefficients = BiquadDesign.LowPass(Fs, 500, 0.7);
        var filter = new Biquad(coefficients);
        float[] first = TestSignals.Noise(256, 1);
        filter.Process(first);

        // Retuning to the same coefficients mid-stream must be inaudible: state survives.
        var reference = new Biquad(coefficients);
        reference.Process((float[])TestSignals.Noise(256, 1).Clone());
        filter.Update(coefficients);
        float[] a = TestSignals.Noise(64, 2), b = (float[])a.Clone();
        filter.Process(a);
        reference.Process(b);
        Assert.Equal(b, a);
        Assert.NotEqual(0f, filter.ProcessSample(0f));

        filter.Reset();
        var fresh = new Biquad(coefficients);
        float[] c = TestSignals.Noise(64, 3), d = (float[])c.Clone();
        filter.Process(c);
        fresh.Process(d);
        Assert.Equal(d, c);
    }

    [Fact]
    public void Biquad_DecaysToExactZero_InSilence_NoDenormals()
    {
        var filter = new Biquad(BiquadDesign.LowPass(Fs, 30, 5));
        float[] block = new float[64];
        block[0] = 1;
        filter.Process(block);
        for (int i = 0; i < 2000; i++)
        {
            Array.Clear(block);
            filter.Process(block);
        }
        Assert.Equal(0f, filter.ProcessSample(0f));
    }

    [Fact]
    public void Biquad_Process_AllocatesNothing()
    {
        var filter = new Biquad(BiquadDesign.Peaking(Fs, 1000, 1, 6));
        float[] block = TestSignals.Noise(32, 4);
        Allocations.AssertNone(() => filter.Process(block), calls: 10_000, what: "Biquad.Process (32 frames)");
    }

    [Fact]
    public void ProcessCascade_GivesTheSamplesOfTwoPasses_AndKeepsBothStates()
    {
        var x = new float[4000];
        var random = new Random(3);
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        var a1 = new Biquad(BiquadDesign.HighPass(48000, 80, 0.707));
        var b1 = new Biquad(BiquadDesign.LowPass(48000, 8000, 0.707));
        var a2 = new Biquad(BiquadDesign.HighPass(48000, 80, 0.707));
        var b2 = new Biquad(BiquadDesign.LowPass(48000, 8000, 0.707));
        float[] twoPasses = (float[])x.Clone(), cascade = (float[])x.Clone();
        for (int start = 0; start < x.Length; start += 100)
        {
            a1.Process(twoPasses.AsSpan(start, 100));
            b1.Process(twoPasses.AsSpan(start, 100));
            Biquad.ProcessCascade(a2, b2, cascade.AsSpan(start, 100));
        }

        Assert.Equal(twoPasses, cascade);
    }

    [Fact]
    public void ProcessCascadePair_GivesEachChannelTheSamplesOfItsOwnCascade()
    {
        float[] left = TestSignals.Noise(4000, 5), right = TestSignals.Noise(4000, 6);
        Biquad LowCut() => new(BiquadDesign.HighPass(48000, 120, 0.707));
        Biquad HighCut() => new(BiquadDesign.LowPass(48000, 6000, 0.707));
        Biquad aL = LowCut(), bL = HighCut(), aR = LowCut(), bR = HighCut(), pL = LowCut(), qL = HighCut(), pR = LowCut(), qR = HighCut();
        float[] apartL = (float[])left.Clone(), apartR = (float[])right.Clone(), pairL = (float[])left.Clone(), pairR = (float[])right.Clone();
        for (int start = 0; start < left.Length; start += 32)
        {
            Biquad.ProcessCascade(aL, bL, apartL.AsSpan(start, 32));
            Biquad.ProcessCascade(aR, bR, apartR.AsSpan(start, 32));
            Biquad.ProcessCascadePair(pL, qL, pairL.AsSpan(start, 32), pR, qR, pairR.AsSpan(start, 32));
        }

        Assert.Equal(apartL, pairL);
        Assert.Equal(apartR, pairR);
    }
}
