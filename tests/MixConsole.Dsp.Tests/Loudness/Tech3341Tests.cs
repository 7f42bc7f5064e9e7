using System.Runtime.CompilerServices;
using Xunit;
using MixConsole.Dsp.Loudness;
using static MixConsole.Dsp.Tests.Loudness.TestSignals;

namespace MixConsole.Dsp.Tests.Loudness;

/// <summary>EBU Tech 3341 minimum-requirement signals, synthesised at 44.1, 48 and 96 kHz.</summary>
public class Tech3341Tests
{
    private const double Tolerance = 0.1;
    private static readonly double Silence = double.NegativeInfinity;
    private static readonly LoudnessMeterOptions NoTruePeak = LoudnessMeterOptions.LoudnessOnly;

    public static TheoryData<int> AllRates => new(Rates);

    [Theory, MemberData(nameof(AllRates))]
    public void Case1_Minus23DbfsSine_ReadsMinus23OnEveryScale(int fs)
    {
        var m = Measure(fs, Stereo(Tone(fs, 1000, (20, -23))), options: NoTruePeak);
        Assert.InRange(m.MomentaryLufs, -23 - Tolerance, -23 + Tolerance);
        Assert.InRange(m.ShortTermLufs, -23 - Tolerance, -23 + Tolerance);
        Assert.InRange(m.IntegratedLufs, -23 - Tolerance, -23 + Tolerance);
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case2_Minus33DbfsSine_ReadsMinus33OnEveryScale(int fs)
    {
        var m = Measure(fs, Stereo(Tone(fs, 1000, (20, -33))), options: NoTruePeak);
        Assert.InRange(m.MomentaryLufs, -33 - Tolerance, -33 + Tolerance);
        Assert.InRange(m.ShortTermLufs, -33 - Tolerance, -33 + Tolerance);
        Assert.InRange(m.IntegratedLufs, -33 - Tolerance, -33 + Tolerance);
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case3_RelativeGateIgnoresQuietEdges(int fs)
    {
        var m = Measure(fs, Stereo(Tone(fs, 1000, (10, -36), (60, -23), (10, -36))), options: NoTruePeak);
        Assert.InRange(m.IntegratedLufs, -23 - Tolerance, -23 + Tolerance);
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case4_AbsoluteAndRelativeGatesTogether(int fs)
    {
        var m = Measure(fs, Stereo(Tone(fs, 1000, (10, -72), (10, -36), (60, -23), (10, -36), (10, -72))), options: NoTruePeak);
        Assert.InRange(m.IntegratedLufs, -23 - Tolerance, -23 + Tolerance);
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case5_LoudMiddleAveragesToMinus23(int fs)
    {
        var m = Measure(fs, Stereo(Tone(fs, 1000, (20, -26), (20.1, -20), (20, -26))), options: NoTruePeak);
        Assert.InRange(m.IntegratedLufs, -23 - Tolerance, -23 + Tolerance);
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case6_FiveChannelsWeighSurroundsByOnePointFourOne(int fs)
    {
        float[] front = Tone(fs, 1000, (20, -28)), centre = Tone(fs, 1000, (20, -24)), surround = Tone(fs, 1000, (20, -30));
        float[][] ch = [front, front, centre, surround, surround];
        var byCount = Measure(fs, ch, options: NoTruePeak);
        var byMask = Measure(fs, ch, options: NoTruePeak, weights: ChannelWeights.FromChannelMask(
            WaveChannelMask.FrontLeft | WaveChannelMask.FrontRight | WaveChannelMask.FrontCenter
            | WaveChannelMask.SideLeft | WaveChannelMask.SideRight, 5));
        Assert.InRange(byCount.IntegratedLufs, -23 - Tolerance, -23 + Tolerance);
        Assert.Equal(byCount.IntegratedLufs, byMask.IntegratedLufs);
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case9_ShortTermIsSteadyAfterThreeSeconds(int fs)
    {
        var x = Tone(fs, 1000, Repeat(5, (1.34, -20), (1.66, -30)));
        int checkedReadings = 0;
        Measure(fs, Stereo(x), blockFrames: fs / 100, options: NoTruePeak, afterBlock: (m, frames) =>
        {
            if (frames >= 3 * fs)
            {
                Assert.InRange(m.ShortTermLufs, -23 - Tolerance, -23 + Tolerance);
                checkedReadings++;
            }
        });
        Assert.True(checkedReadings > 1000);
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case10_MaxShortTermCatchesEveryBurstOffset(int fs)
    {
        for (int i = 0; i < 20; i++)
        {
            var m = Measure(fs, Stereo(Tone(fs, 1000, (i * 0.15, Silence), (3, -23), (1, Silence))),
                blockFrames: fs / 100, options: NoTruePeak);
            Assert.InRange(m.MaxShortTermLufs, -23 - Tolerance, -23 + Tolerance);
        }
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case12_MomentaryIsSteadyAfterOneSecond(int fs)
    {
        var x = Tone(fs, 1000, Repeat(25, (0.18, -20), (0.22, -30)));
        int checkedReadings = 0;
        Measure(fs, Stereo(x), blockFrames: fs / 100, options: NoTruePeak, afterBlock: (m, frames) =>
        {
            if (frames >= fs)
            {
                Assert.InRange(m.MomentaryLufs, -23 - Tolerance, -23 + Tolerance);
                checkedReadings++;
            }
        });
        Assert.True(checkedReadings > 800);
    }

    [Theory, MemberData(nameof(AllRates))]
    public void Case13_MomentaryReadEvery10msCatchesEveryBurstOffset(int fs)
    {
        for (int i = 0; i < 20; i++)
        {
            double maxRead = double.NegativeInfinity;
            Measure(fs, Stereo(Tone(fs, 1000, (i * 0.02, Silence), (0.4, -23), (1, Silence))),
                blockFrames: fs / 100, options: NoTruePeak,
                afterBlock: (m, _) => maxRead = Math.Max(maxRead, m.MomentaryLufs));
            Assert.InRange(maxRead, -23 - Tolerance, -23 + Tolerance);
        }
    }

    public static TheoryData<int, double, double, double, double> TruePeakCases()
    {
        var data = new TheoryData<int, double, double, double, double>();
        foreach (int fs in Rates)
        {
            data.Add(fs, 4, 0.5, 0, -6.0);     // #15
            data.Add(fs, 4, 0.5, 45, -6.0);    // #16
            data.Add(fs, 6, 0.5, 60, -6.0);    // #17
            data.Add(fs, 8, 0.5, 67.5, -6.0);  // #18
            data.Add(fs, 4, 1.41, 45, 3.0);    // #19
        }
        return data;
    }

    [Theory, MemberData(nameof(TruePeakCases))]
    public void Cases15To19_TruePeakOfSinesBetweenSamples(int fs, double divisor, double amplitude, double phaseDeg, double expectedDbtp)
    {
        var x = FadedSine(fs, fs / divisor, amplitude, phaseDeg, 1.0);
        var m = Measure(fs, Stereo(x));
        Assert.InRange(m.TruePeakDbtp, expectedDbtp - 0.4, expectedDbtp + 0.2);
    }

    public static TheoryData<int, int> InterSamplePeakCases()
    {
        var data = new TheoryData<int, int>();
        foreach (int fs in Rates)
            for (int offset = 0; offset < 4; offset++)
                data.Add(fs, offset);
        return data;
    }

    [Theory, MemberData(nameof(InterSamplePeakCases))]
    public void Cases20To23_BurstBetweenSamplesReadsZeroDbtp(int fs, int offset)
    {
        float[] x = InterSamplePeakSignal(fs, offset, out double samplePeakDbfs);
        var m = Measure(fs, Stereo(x));
        Assert.InRange(m.TruePeakDbtp, -0.4, 0.2);
        // The signal is discriminating: with the burst's crest halfway between samples, the samples
        // alone under-read by more than the tolerance.
        if (offset == 2)
            Assert.True(samplePeakDbfs < -0.5, $"sample peak {samplePeakDbfs} dBFS");
    }

    /// <summary>
    /// Tech 3341 #20-23: at 4 fs an fs/6 sine at 0.5 FS holds one phase-continuous period of fs/4 at
    /// 1.0 FS; low-passed below the target Nyquist and decimated by 4 at <paramref name="offset"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float[] InterSamplePeakSignal(int fs, int offset, out double samplePeakDbfs)
    {
        int r = 4 * fs, len = r; // one second at 4 fs
        var hi = new double[len];
        // fs/6 is exactly 24 samples at 4 fs and fs/4 exactly 16: the burst starts on a period
        // boundary and lasts one period, so the phase runs on without a jump.
        int burstStart = len / 2 / 24 * 24, burstEnd = burstStart + 16;
        double phase = 0, fade = 0.01 * r;
        for (int n = 0; n < len; n++)
        {
            bool burst = n >= burstStart && n < burstEnd;
            double f = burst ? fs / 4.0 : fs / 6.0, a = burst ? 1.0 : 0.5;
            double g = Math.Min(1, Math.Min(n / fade, (len - 1 - n) / fade));
            hi[n] = g * a * Math.Sin(phase);
            phase += 2 * Math.PI * f / r;
        }
        // Low-pass: Kaiser-windowed sinc at 0.47 fs (target rate), 255 taps at 4 fs.
        const int Taps = 255;
        double cutoff = 0.47 * fs / r;
        var h = new double[Taps];
        for (int i = 0; i < Taps; i++)
        {
            double t = i - (Taps - 1) / 2.0;
            double sinc = t == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double u = 2.0 * i / (Taps - 1) - 1;
            h[i] = sinc * I0(9 * Math.Sqrt(1 - u * u)) / I0(9);
        }
        var x = new float[len / 4 - Taps / 4 - 1];
        double sp = 0;
        for (int m = 0; m < x.Length; m++)
        {
            int centre = 4 * m + offset + Taps;
            double acc = 0;
            for (int i = 0; i < Taps; i++)
                acc += h[i] * hi[centre - i];
            x[m] = (float)acc;
            sp = Math.Max(sp, Math.Abs(acc));
        }
        samplePeakDbfs = 20 * Math.Log10(sp);
        return x;
    }

    private static double I0(double x)
    {
        double sum = 1, term = 1;
        for (int k = 1; k < 50; k++)
        {
            term *= x / 2 / k;
            sum += term * term;
        }
        return sum;
    }
}
