using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Mid/side width per band on a <see cref="LinkwitzRileyCrossover"/> (2..4 bands). Width 0 % is mono,
/// 100 % unchanged, 200 % doubles the side. <see cref="BassMono"/> makes the lowest band mono below
/// <see cref="MonoBelowHz"/> (crossover 0). Mono-compatible by construction: the mid (L+R) is never
/// changed, so a mono fold-down sounds the same at any width. Correlation-safe: widening is limited per
/// band so the side never outweighs the mid (output correlation stays at or above zero); narrowing is not limited.
/// Stereo only: other channel counts pass through.
/// </summary>
public sealed class StereoImager : IAudioProcessor
{
    private readonly LinkwitzRileyCrossover _crossover = new() { BandCount = 3 };
    private readonly double[] _widths = [1, 1, 1, 1];
    private readonly LinearSmoother[] _widthSmoothers = [new(1f), new(1f), new(1f), new(1f)];
    private readonly double[] _midPower = new double[4], _sidePower = new double[4];
    private AudioBuffer[] _bands = [];
    // The crossover's output per frame for the steady path: bands 0, 1 and bands 2, 3 as (L, R) lanes.
    private Vector128<float>[] _low = [], _high = [];
    private double _powerCoefficient;
    private bool _stereo;

    /// <summary>Creates a 3-band imager: mono below 120 Hz, crossovers 120 Hz and 4 kHz, all widths 100 %.</summary>
    public StereoImager()
    {
        _crossover.SetCrossoverHz(0, 120);
        _crossover.SetCrossoverHz(1, 4000);
        _crossover.SetCrossoverHz(2, 10000);
    }

    /// <summary>Number of bands, 2..4 (takes effect at the next <see cref="Prepare"/>).</summary>
    public int BandCount
    {
        get => _crossover.BandCount;
        set => _crossover.BandCount = value;
    }

    /// <summary>The crossover network; crossover 0 is also <see cref="MonoBelowHz"/>.</summary>
    public LinkwitzRileyCrossover Crossover => _crossover;

    /// <summary>When true the lowest band is summed to mono.</summary>
    public bool BassMono { get; set; } = true;

    /// <summary>Frequency below which the image is mono when <see cref="BassMono"/> is on (crossover 0), in Hz.</summary>
    public double MonoBelowHz
    {
        get => _crossover.GetCrossoverHz(0);
        set => _crossover.SetCrossoverHz(0, value);
    }

    /// <summary>Width of band <paramref name="band"/> in percent, 0..200 (the target: a new width glides there linearly in <see cref="WidthGlideMs"/>).</summary>
    public double GetWidthPercent(int band) => _widths[band] * 100;

    /// <summary>Sets the width of band <paramref name="band"/> in percent, 0..200.</summary>
    public void SetWidthPercent(int band, double percent)
    {
        _widths[band] = Math.Clamp(percent, 0, 200) / 100;
        _widthSmoothers[band].SetTarget((float)_widths[band]);
    }

    /// <summary>Time a width change takes, in milliseconds.</summary>
    public const double WidthGlideMs = 20;

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <summary>True (default) to sum steady widths of at most 100 % on the path whose power trackers run apart; false keeps the general loop (tests compare the two).</summary>
    internal bool SteadyPath { get; set; } = true;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _stereo = spec.Channels == 2;
        _crossover.Prepare(spec);
        _bands = new AudioBuffer[BandCount];
        for (int b = 0; b < BandCount; b++) _bands[b] = new AudioBuffer(spec.Channels, spec.MaxBlockFrames);
        _low = new Vector128<float>[spec.MaxBlockFrames];
        _high = new Vector128<float>[spec.MaxBlockFrames];
        foreach (var s in _widthSmoothers) s.Prepare(spec.SampleRateHz, WidthGlideMs);
        _powerCoefficient = 1 - Math.Exp(-1 / (0.05 * spec.SampleRateHz));
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        _crossover.Reset();
        for (int b = 0; b < _widthSmoothers.Length; b++) _widthSmoothers[b].SnapTo((float)_widths[b]);
        Array.Clear(_midPower);
        Array.Clear(_sidePower);
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        if (!_stereo || buffer.Channels < 2) return;
        if (SteadyPath && IsSteadyAndNotWidening())
        {
            ProcessSteady(buffer, frames);
            return;
        }
        _crossover.Split(buffer, frames, _bands);
        Span<float> left = buffer.Channel(0, frames), right = buffer.Channel(1, frames);
        left.Clear();
        right.Clear();
        double k = _powerCoefficient;
        for (int b = 0; b < _bands.Length; b++)
        {
            Span<float> bl = _bands[b].Channel(0, frames), br = _bands[b].Channel(1, frames);
            LinearSmoother smoother = _widthSmoothers[b];
            bool mono = b == 0 && BassMono;
            double midPower = _midPower[b], sidePower = _sidePower[b];
            for (int i = 0; i < frames; i++)
            {
                float mid = 0.5f * (bl[i] + br[i]), side = 0.5f * (bl[i] - br[i]);
                midPower += k * (mid * mid - midPower);
                sidePower += k * (side * side - sidePower);
                double width = smoother.Next();
                if (mono) width = 0;
                else if (width > 1)
                {
                    // Side may grow only until it matches the mid: correlation of the result stays >= 0.
                    double limit = sidePower > 1e-12 ? Math.Sqrt(midPower / sidePower) : width;
                    width = Math.Min(width, Math.Max(1, limit));
                }
                float s = (float)(side * width);
                left[i] += mid + s;
                right[i] += mid - s;
            }
            _midPower[b] = midPower < 1e-20 ? 0 : midPower;
            _sidePower[b] = sidePower < 1e-20 ? 0 : sidePower;
        }
    }

    // No width glides and none over 100 %: the output needs no power, so the sum runs free of the trackers' chains.
    private bool IsSteadyAndNotWidening()
    {
        for (int b = 0; b < _bands.Length; b++)
            if (_widthSmoothers[b].IsSmoothing || (!(b == 0 && BassMono) && !(_widthSmoothers[b].Target <= 1))) return false;
        return true;
    }

    // The general loop's arithmetic on the crossover's lanes, without band buffers: per frame and band mid, side and
    // side x width in float (a float width times a float side rounds once, as the double product cast back does), the
    // bands added to zero lowest first, and the power trackers (mid, side of two bands per 256-bit lane group) in double.
    private void ProcessSteady(AudioBuffer buffer, int frames)
    {
        int bands = _bands.Length;
        Span<Vector128<float>> low = _low.AsSpan(0, frames), high = _high.AsSpan(0, frames);
        _crossover.SplitLanes(buffer, frames, 0, low, high);
        Span<float> left = buffer.Channel(0, frames), right = buffer.Channel(1, frames);
        Vector128<float> widthLow = Vector128.Create(Width(0), Width(0), Width(1), Width(1));
        Vector128<float> widthHigh = Vector128.Create(Width(Math.Min(2, bands - 1)), Width(Math.Min(2, bands - 1)), Width(Math.Min(3, bands - 1)), Width(Math.Min(3, bands - 1)));
        var k = Vector256.Create(_powerCoefficient);
        // (mid, side) of bands 0, 1 and of bands 2, 3.
        Vector256<double> powerLow = Vector256.Create(_midPower[0], _sidePower[0], _midPower[1], _sidePower[1]);
        Vector256<double> powerHigh = bands > 2 ? Vector256.Create(_midPower[2], _sidePower[2], _midPower[Math.Min(3, bands - 1)], _sidePower[Math.Min(3, bands - 1)]) : default;
        var half = Vector128.Create(0.5f);
        Vector128<float> leftLanes = Vector128.Create(-1, 0, -1, 0).AsSingle();
        for (int i = 0; i < frames; i++)
        {
            Vector128<float> contribLow = BandPair(low[i], widthLow, half, leftLanes, k, ref powerLow);
            // Lanes 0, 1 (left, right): ((0 + band 0) + band 1) + band 2) + band 3.
            Vector128<float> sum = (Vector128<float>.Zero + contribLow) + Vector128.Shuffle(contribLow, Vector128.Create(2, 3, 2, 3));
            if (bands > 2)
            {
                Vector128<float> contribHigh = BandPair(high[i], widthHigh, half, leftLanes, k, ref powerHigh);
                sum += contribHigh;
                if (bands == 4) sum += Vector128.Shuffle(contribHigh, Vector128.Create(2, 3, 2, 3));
            }
            right[i] = sum.GetElement(1);
            left[i] = sum.GetElement(0);
        }
        StorePowers(0, powerLow.GetElement(0), powerLow.GetElement(1));
        StorePowers(1, powerLow.GetElement(2), powerLow.GetElement(3));
        if (bands > 2) StorePowers(2, powerHigh.GetElement(0), powerHigh.GetElement(1));
        if (bands > 3) StorePowers(3, powerHigh.GetElement(2), powerHigh.GetElement(3));
    }

    private float Width(int band) => band == 0 && BassMono ? 0f : _widthSmoothers[band].Target;

    // Lanes (band a L, band a R, band b L, band b R) in; each band's (mid + s, mid - s) out, its powers tracked.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> BandPair(Vector128<float> x, Vector128<float> width, Vector128<float> half, Vector128<float> leftLanes,
        Vector256<double> k, ref Vector256<double> power)
    {
        Vector128<float> swapped = Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2));
        Vector128<float> mid = half * (x + swapped); // L + R in both lanes of a band (addition commutes exactly)
        Vector128<float> side = Vector128.Shuffle(half * (x - swapped), Vector128.Create(0, 0, 2, 2));
        Vector128<float> squares = Vector128.ConditionalSelect(leftLanes, mid * mid, side * side); // mid², side², mid², side²
        power += k * (Vector256.WidenLower(squares.ToVector256Unsafe()) - power);
        Vector128<float> s = side * width;
        return Vector128.ConditionalSelect(leftLanes, mid + s, mid - s);
    }

    // Inlined: a tracker live across a call would be kept in memory, inside the steady loop too.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StorePowers(int band, double midPower, double sidePower)
    {
        _midPower[band] = midPower < 1e-20 ? 0 : midPower;
        _sidePower[band] = sidePower < 1e-20 ? 0 : sidePower;
    }
}
