using System.Globalization;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Preview;
using MixConsole.Dsp.Tests.Mastering;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Preview;

public class PreviewProcessorTests(ITestOutputHelper output)
{
    private const double Rate = 48000;
    private const int FftSize = 1 << 16;

    public static TheoryData<PreviewSystem> Systems()
    {
        var data = new TheoryData<PreviewSystem>();
        foreach (PreviewCurve curve in PreviewCurves.All) data.Add(curve.System);
        return data;
    }

    // The impulse response of both outputs for an impulse of (left, right) at the input, run in blocks of 512.
    private static float[][] ImpulseResponse(PreviewSystem system, float left, float right)
    {
        var l = new float[FftSize];
        var r = new float[FftSize];
        l[0] = left;
        r[0] = right;
        return Signals.Run(new PreviewProcessor(system), [l, r], 512, Rate);
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void Curve_MeasuredMagnitude_MatchesTheDocumentedPointsWithin1Db(PreviewSystem system)
    {
        PreviewCurve curve = PreviewCurves.Of(system);
        // What the fold-down keeps: the mid (an impulse in both channels), or the side (opposite impulses) for the side system.
        float[][] h = system == PreviewSystem.Side ? ImpulseResponse(system, 1, -1) : ImpulseResponse(system, 1, 1);
        double worst = 0;
        var line = new List<string>();
        foreach (int c in new[] { 0, 1 })
        {
            double[] db = TestFft.MagnitudeDb(h[c], FftSize);
            foreach (var (frequencyHz, documentedDb) in curve.Points)
            {
                double measured = db[(int)Math.Round(frequencyHz * FftSize / Rate)];
                double error = measured - documentedDb;
                worst = Math.Max(worst, Math.Abs(error));
                Assert.True(Math.Abs(error) <= 1.0,
                    $"{curve.Name} channel {c} at {frequencyHz} Hz: measured {measured:0.00} dB, documented {documentedDb:0.0} dB");
                if (c == 0) line.Add(string.Create(CultureInfo.InvariantCulture, $"{frequencyHz:0} Hz {measured:+0.00;-0.00} ({error:+0.00;-0.00})"));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{curve.Name}: worst error {worst:0.000} dB; {string.Join(", ", line)}"));
    }

    [Fact]
    public void Mono_OneSidedSignal_IsHalfOnBothSides()
    {
        float[][] h = ImpulseResponse(PreviewSystem.Mono, 1, 0);
        Assert.Equal(0.5f, h[0][0]);
        Assert.Equal(0.5f, h[1][0]);
        for (int i = 1; i < 64; i++) Assert.True(h[0][i] == 0 && h[1][i] == 0);
    }

    [Fact]
    public void Side_CentredSignalIsSilent_OneSidedSignalIsHalfInPhase()
    {
        float[][] centred = ImpulseResponse(PreviewSystem.Side, 0.8f, 0.8f);
        Assert.True(Signals.Rms(centred[0], 0, FftSize) == 0 && Signals.Rms(centred[1], 0, FftSize) == 0, "a centred signal survives the side preview");
        float[][] left = ImpulseResponse(PreviewSystem.Side, 1, 0);
        Assert.Equal(0.5f, left[0][0]);
        Assert.Equal(0.5f, left[1][0]);
    }

    [Fact]
    public void Laptop_HalvesTheSide()
    {
        // A left-only impulse: mid 0.5, side 0.5 halved to 0.25, so left 0.75 and right 0.25 of the curve's response.
        float[][] left = ImpulseResponse(PreviewSystem.Laptop, 1, 0);
        float[][] both = ImpulseResponse(PreviewSystem.Laptop, 1, 1);
        for (int i = 0; i < 2000; i += 7)
        {
            Assert.Equal(0.75 * both[0][i], left[0][i], 5);
            Assert.Equal(0.25 * both[1][i], left[1][i], 5);
        }
    }

    [Fact]
    public void Phone_And_Club_AreMono_Earbuds_And_Car_KeepTheImage()
    {
        foreach (PreviewSystem system in new[] { PreviewSystem.Phone, PreviewSystem.Club })
        {
            float[][] h = ImpulseResponse(system, 1, 0);
            Assert.Equal(h[0], h[1]);
        }

        foreach (PreviewSystem system in new[] { PreviewSystem.Earbuds, PreviewSystem.Car })
        {
            float[][] h = ImpulseResponse(system, 1, 0);
            Assert.True(Signals.Rms(h[1], 0, FftSize) == 0, $"{system}: the left channel leaks into the right");
        }
    }

    [Fact]
    public void Off_LeavesTheAudioUntouched()
    {
        float[] l = Signals.Noise(5000, 3, 0.5), r = Signals.Noise(5000, 4, 0.5);
        float[][] y = Signals.Run(new PreviewProcessor(PreviewSystem.Off), [l, r], 256);
        Signals.AssertIdentical([l, r], y, "off");
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void Output_IsIdenticalForAnyBlockSize(PreviewSystem system)
    {
        float[] l = Signals.Noise(6000, 11, 0.5), r = Signals.Noise(6000, 12, 0.5);
        float[][] reference = Signals.Run(new PreviewProcessor(system), [l, r], 4096);
        foreach (int block in new[] { 1, 7, 32 })
            Signals.AssertIdentical(reference, Signals.Run(new PreviewProcessor(system), [l, r], block), $"{system}, block {block}");
    }

    [Fact]
    public void Process_AllocatesNothing_ForEverySystem()
    {
        foreach (PreviewCurve curve in PreviewCurves.All)
            Signals.AssertProcessAllocatesNothing(new PreviewProcessor(curve.System), curve.Name);
    }

    [Fact]
    public void Names_ParseBack_AndOffIsAName()
    {
        foreach (PreviewCurve curve in PreviewCurves.All)
        {
            Assert.True(PreviewCurves.TryParse(curve.Name.ToUpperInvariant(), out PreviewSystem parsed));
            Assert.Equal(curve.System, parsed);
            Assert.True(curve.Sections.Count <= PreviewCurve.MaxSections);
        }

        Assert.True(PreviewCurves.TryParse("off", out PreviewSystem off));
        Assert.Equal(PreviewSystem.Off, off);
        Assert.False(PreviewCurves.TryParse("radio", out _));
    }
}
