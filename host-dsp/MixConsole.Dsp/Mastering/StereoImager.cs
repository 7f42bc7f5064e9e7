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
        _crossover.Split(buffer, frames, _bands);
        Span<float> left = buffer.Channel(0, frames), right = buffer.Channel(1, frames);
        left.Clear();
        right.Clear();
        double k = _powerCoefficient;
        if (SteadyPath && _bands.Length <= 4 && IsSteadyAndNotWidening())
        {
            SumSteady(left, right, frames);
            return;
        }
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

    // The same arithmetic as the general loop, band by band; then the power trackers of all bands in one pass, so
    // their serial one-poles overlap instead of each waiting on its own previous sample.
    private void SumSteady(Span<float> left, Span<float> right, int frames)
    {
        for (int b = 0; b < _bands.Length; b++)
        {
            Span<float> bl = _bands[b].Channel(0, frames), br = _bands[b].Channel(1, frames);
            double width = b == 0 && BassMono ? 0 : _widthSmoothers[b].Target;
            for (int i = 0; i < frames; i++)
            {
                float mid = 0.5f * (bl[i] + br[i]), side = 0.5f * (bl[i] - br[i]);
                float s = (float)(side * width);
                left[i] += mid + s;
                right[i] += mid - s;
            }
        }
        int last = _bands.Length - 1;
        TrackPowers(frames, Math.Min(1, last), Math.Min(2, last), Math.Min(3, last));
    }

    // Bands 0, b1, b2, b3 (a repeated band is tracked twice on copies and written back once, unchanged).
    private void TrackPowers(int frames, int b1, int b2, int b3)
    {
        double k = _powerCoefficient;
        double m0 = _midPower[0], s0 = _sidePower[0], m1 = _midPower[b1], s1 = _sidePower[b1];
        double m2 = _midPower[b2], s2 = _sidePower[b2], m3 = _midPower[b3], s3 = _sidePower[b3];
        Span<float> l0 = _bands[0].Channel(0, frames), r0 = _bands[0].Channel(1, frames);
        Span<float> l1 = _bands[b1].Channel(0, frames), r1 = _bands[b1].Channel(1, frames);
        Span<float> l2 = _bands[b2].Channel(0, frames), r2 = _bands[b2].Channel(1, frames);
        Span<float> l3 = _bands[b3].Channel(0, frames), r3 = _bands[b3].Channel(1, frames);
        for (int i = 0; i < frames; i++)
        {
            float mid = 0.5f * (l0[i] + r0[i]), side = 0.5f * (l0[i] - r0[i]);
            m0 += k * (mid * mid - m0);
            s0 += k * (side * side - s0);
            mid = 0.5f * (l1[i] + r1[i]); side = 0.5f * (l1[i] - r1[i]);
            m1 += k * (mid * mid - m1);
            s1 += k * (side * side - s1);
            mid = 0.5f * (l2[i] + r2[i]); side = 0.5f * (l2[i] - r2[i]);
            m2 += k * (mid * mid - m2);
            s2 += k * (side * side - s2);
            mid = 0.5f * (l3[i] + r3[i]); side = 0.5f * (l3[i] - r3[i]);
            m3 += k * (mid * mid - m3);
            s3 += k * (side * side - s3);
        }
        // Written highest first, so a band tracked twice keeps its one value (the copies are equal).
        StorePowers(b3, m3, s3);
        StorePowers(b2, m2, s2);
        StorePowers(b1, m1, s1);
        StorePowers(0, m0, s0);
    }

    private void StorePowers(int band, double midPower, double sidePower)
    {
        _midPower[band] = midPower < 1e-20 ? 0 : midPower;
        _sidePower[band] = sidePower < 1e-20 ? 0 : sidePower;
    }
}
