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
}
