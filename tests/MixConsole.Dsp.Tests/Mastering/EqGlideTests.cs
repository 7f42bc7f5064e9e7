using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Mastering;
using Xunit;
using Xunit.Abstractions;

namespace MixConsole.Dsp.Tests.Mastering;

/// <summary>
/// The master EQ retunes by gliding. Measured as (moved - untouched twin) while a sine plays: a glide makes that
/// difference a sine whose amplitude changes slowly, so its largest sample step stays near its own sine slope; a
/// coefficient jump steps by a large part of its amplitude at once (the old EQ: 5.3x on a tilt, 1.46x on a high shelf).
/// </summary>
public class EqGlideTests(ITestOutputHelper output)
{
    private const double Rate = 48000;
    private const double StepBound = 1.25;

    private static MasterEq Eq(EqBandType type, double frequencyHz, double gainDb, double q = 0.7)
    {
        var eq = new MasterEq();
        eq.SetBand(0, type, frequencyHz, gainDb, q);
        return eq;
    }

    /// <summary>Runs a stereo sine through two EQs; at <paramref name="moveAt"/> <paramref name="move"/> retunes the first.</summary>
    private static (float[][] Moved, float[][] Reference) MoveOne(MasterEq moved, MasterEq reference, Action<MasterEq> move, double sineHz, int frames, int moveAt, int block)
    {
        float[] l = Signals.Sine(frames, sineHz, Rate, 0.3), r = Signals.Sine(frames, sineHz, Rate, 0.3, 1.0);
        var result = new List<float[][]>();
        foreach (var eq in new[] { moved, reference })
        {
            eq.Prepare(new ProcessSpec(Rate, block, 2));
            var buffer = new AudioBuffer(2, block);
            float[][] y = [new float[frames], new float[frames]];
            for (int start = 0; start < frames; start += block)
            {
                if (start == moveAt && eq == moved) move(eq);
                int n = Math.Min(block, frames - start);
                l.AsSpan(start, n).CopyTo(buffer.Channel(0, n));
                r.AsSpan(start, n).CopyTo(buffer.Channel(1, n));
                eq.Process(buffer, n);
                buffer.Channel(0, n).CopyTo(y[0].AsSpan(start, n));
                buffer.Channel(1, n).CopyTo(y[1].AsSpan(start, n));
            }
            result.Add(y);
        }
        return (result[0], result[1]);
    }

    private static double StepRatio(float[][] moved, float[][] reference, double sineHz, int from, out double largestDifference)
    {
        double omega = 2 * Math.PI * sineHz / Rate, worst = 0;
        largestDifference = 0;
        for (int c = 0; c < 2; c++)
        {
            double maxStep = 0, maxDifference = 0;
            for (int i = from; i + 1 < moved[c].Length; i++)
            {
                double d0 = (double)moved[c][i] - reference[c][i], d1 = (double)moved[c][i + 1] - reference[c][i + 1];
                maxStep = Math.Max(maxStep, Math.Abs(d1 - d0));
                maxDifference = Math.Max(maxDifference, Math.Abs(d1));
            }
            worst = Math.Max(worst, (maxStep - 1e-6) / (omega * maxDifference));
            largestDifference = Math.Max(largestDifference, maxDifference);
        }
        return worst;
    }

    public static TheoryData<string, EqBandType, double, double, double, double, double, double> Moves => new()
    {
        // name, shape, from Hz, from dB, to Hz, to dB, Q, sine Hz
        { "tilt -6 to +6", EqBandType.Tilt, 1000, -6, 1000, 6, 0.5, 200 },
        { "high shelf gain 0 to +12", EqBandType.HighShelf, 2000, 0, 2000, 12, 0.7, 1000 },
        { "high shelf 20 kHz to 2 kHz at +12", EqBandType.HighShelf, 20000, 12, 2000, 12, 0.7, 1000 },
        { "bell 300 Hz to 3 kHz at +9", EqBandType.Bell, 300, 9, 3000, 9, 1.5, 1000 },
        { "bell +12 to -12 at 1 kHz", EqBandType.Bell, 1000, 12, 1000, -12, 2, 1000 },
        { "low shelf 0 to +12 at 100 Hz", EqBandType.LowShelf, 100, 0, 100, 12, 0.7, 100 },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Eq_RetunedInOneJump_Glides_StepsBoundedByTheDifferencesOwnSlope(string name, EqBandType type, double fromHz, double fromDb, double toHz, double toDb, double q, double sineHz)
    {
        int frames = 24000, moveAt = 9600;
        var (moved, reference) = MoveOne(Eq(type, fromHz, fromDb, q), Eq(type, fromHz, fromDb, q), eq => eq.SetBand(0, type, toHz, toDb, q), sineHz, frames, moveAt, 32);
        double ratio = StepRatio(moved, reference, sineHz, moveAt - 32, out double difference);
        output.WriteLine($"{name}: largest step {ratio:0.000} x the difference's sine slope (largest difference {difference:0.0000})");
        Assert.True(difference > 1e-3, $"{name}: the move must change the sound");
        Assert.True(ratio <= StepBound, $"{name}: {ratio:0.00} x");
    }

    [Fact]
    public void Eq_Glide_TakesGlideMs_AndLandsOnTheTargetResponse()
    {
        var eq = Eq(EqBandType.HighShelf, 2000, 0);
        eq.Prepare(new ProcessSpec(Rate, 64, 1));
        eq.SetBand(0, EqBandType.HighShelf, 2000, 12);
        float[] x = Signals.Sine(9600, 5000, Rate, 0.1);
        var buffer = new AudioBuffer(1, 64);
        int glideSamples = (int)Math.Round(MasterEq.DefaultGlideMs * Rate / 1000), processed = 0;
        for (int start = 0; start < x.Length; start += 64)
        {
            x.AsSpan(start, 64).CopyTo(buffer.Channel(0, 64));
            eq.Process(buffer, 64);
            buffer.Channel(0, 64).CopyTo(x.AsSpan(start, 64));
            processed += 64;
            Assert.Equal(processed < glideSamples, eq.IsGliding);
        }
        var (amplitude, _) = Signals.FitSine(x, 5000, Rate, 4800, 9600);
        Assert.Equal(eq.MagnitudeDb(5000), 20 * Math.Log10(amplitude / 0.1), 2);
    }

    [Fact]
    public void Eq_GlideTo_DesignedOnTheControlSide_SoundsLikeSetBand()
    {
        int frames = 12000, moveAt = 2016;
        var sections = new BiquadCoefficients[MasterEq.SectionCount];
        for (int s = 0; s < sections.Length; s++) sections[s] = BiquadCoefficients.Identity;
        MasterEq.DesignBand(EqBandType.Tilt, Rate, 800, 5, 0.5, out sections[0], out sections[1]);
        MasterEq.DesignBand(EqBandType.Bell, Rate, 3000, -4, 1.2, out sections[2], out sections[3]);
        var (bySetBand, _) = MoveOne(new MasterEq(), new MasterEq(), eq =>
        {
            eq.SetBand(0, EqBandType.Tilt, 800, 5);
            eq.SetBand(1, EqBandType.Bell, 3000, -4, 1.2);
        }, 700, frames, moveAt, 32);
        var (byGlideTo, _) = MoveOne(new MasterEq(), new MasterEq(), eq => eq.GlideTo(sections), 700, frames, moveAt, 32);
        Signals.AssertIdentical(bySetBand, byGlideTo, "GlideTo vs SetBand");
    }

    [Fact]
    public void Eq_GlidingOutput_IsIdenticalForAnyBlockSize()
    {
        // The retune lands on sample 2016, a block start for every size here; the ramps run per sample.
        float[][] x = [Signals.Noise(8000, 41, 0.5), Signals.Noise(8000, 42, 0.5)];
        float[][] Run(int block)
        {
            var eq = Eq(EqBandType.LowShelf, 150, -3);
            eq.SetBand(1, EqBandType.Bell, 5000, 6, 2);
            eq.Prepare(new ProcessSpec(Rate, block, 2));
            var buffer = new AudioBuffer(2, block);
            float[][] y = [new float[8000], new float[8000]];
            for (int start = 0; start < 8000; start += block)
            {
                if (start == 2016)
                {
                    eq.SetBand(0, EqBandType.LowShelf, 400, 6);
                    eq.SetBand(1, EqBandType.Off, 5000, 6, 2);
                    eq.SetBand(2, EqBandType.Tilt, 1000, 3);
                }
                int n = Math.Min(block, 8000 - start);
                for (int c = 0; c < 2; c++) x[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
                eq.Process(buffer, n);
                for (int c = 0; c < 2; c++) buffer.Channel(c, n).CopyTo(y[c].AsSpan(start, n));
            }
            return y;
        }
        float[][] reference = Run(224);
        foreach (int block in new[] { 1, 7, 32 }) Signals.AssertIdentical(reference, Run(block), $"block {block}");
    }

    [Fact]
    public void Eq_Gliding_AllocatesNothing()
    {
        var eq = Eq(EqBandType.Bell, 1000, 3, 1);
        var sections = new BiquadCoefficients[MasterEq.SectionCount];
        var other = new BiquadCoefficients[MasterEq.SectionCount];
        for (int s = 0; s < sections.Length; s++) sections[s] = other[s] = BiquadCoefficients.Identity;
        MasterEq.DesignBand(EqBandType.Bell, Rate, 1000, 6, 1, out sections[0], out sections[1]);
        MasterEq.DesignBand(EqBandType.HighShelf, Rate, 4000, -6, 0.7, out other[0], out other[1]);
        eq.Prepare(new ProcessSpec(Rate, 256, 2));
        var buffer = new AudioBuffer(2, 256);
        int call = 0;
        Allocations.AssertNone(() =>
        {
            if (call % 3 == 0) eq.GlideTo(call / 3 % 2 == 0 ? sections : other);
            if (call % 7 == 0) eq.SetBand(1, EqBandType.Tilt, 1000, call % 14 == 0 ? 2 : -2);
            call++;
            eq.Process(buffer, 256);
        }, calls: 2000, what: "MasterEq.Process while gliding");
    }
}
