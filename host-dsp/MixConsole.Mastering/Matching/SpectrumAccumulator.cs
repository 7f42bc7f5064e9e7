using MixConsole.Dsp.Core;
using MixConsole.Dsp.Spectral;

namespace MixConsole.Mastering.Matching;

/// <summary>
/// Streams audio into an <see cref="AverageSpectrum"/>: mid and side go through one complex FFT per hop
/// (mid as the real part, side as the imaginary part, separated by conjugate symmetry), Hann window, 50 % overlap.
/// Memory is one window, whatever the length of the audio.
/// </summary>
public sealed class SpectrumAccumulator
{
    private readonly int _size, _hop, _channels;
    private readonly double[] _window, _re, _im, _midPower, _sidePower;
    private readonly float[] _mid, _side;
    private int _fill;
    private long _segments;

    /// <summary>Prepares for <paramref name="channels"/> channels at <paramref name="sampleRateHz"/>.</summary>
    /// <param name="sampleRateHz">Sample rate, Hz.</param>
    /// <param name="channels">Channel count; the first two make mid and side, mono has no side.</param>
    /// <param name="fftSize">Power-of-two window; default: about 170 ms (8192 at 48 kHz), so bins are ~6 Hz apart.</param>
    public SpectrumAccumulator(int sampleRateHz, int channels, int fftSize = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (fftSize == 0) fftSize = FftSizeFor(sampleRateHz);
        if (fftSize < 64 || (fftSize & (fftSize - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(fftSize), fftSize, "a power of two, at least 64");
        SampleRateHz = sampleRateHz;
        _channels = channels;
        _size = fftSize;
        _hop = fftSize / 2;
        _window = new double[fftSize];
        double norm = 0;
        for (int i = 0; i < fftSize; i++)
        {
            _window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / fftSize);
            norm += _window[i] * _window[i];
        }
        // Scaled so a bin's power sums (over bins) to the mean square of the signal.
        double scale = 1 / Math.Sqrt(norm * fftSize);
        for (int i = 0; i < fftSize; i++) _window[i] *= scale;
        _re = new double[fftSize];
        _im = new double[fftSize];
        _mid = new float[fftSize];
        _side = new float[fftSize];
        _midPower = new double[fftSize / 2 + 1];
        _sidePower = new double[fftSize / 2 + 1];
    }

    /// <summary>The default window for a rate: the power of two nearest 170 ms.</summary>
    public static int FftSizeFor(int sampleRateHz)
    {
        int size = 1024;
        while (size * 2 <= 0.17 * sampleRateHz * 1.5) size *= 2;
        return size;
    }

    /// <summary>Sample rate, Hz.</summary>
    public int SampleRateHz { get; }

    /// <summary>Adds the first <paramref name="frames"/> frames of <paramref name="buffer"/>.</summary>
    public void Process(AudioBuffer buffer, int frames)
    {
        bool stereo = _channels >= 2 && buffer.Channels >= 2;
        ReadOnlySpan<float> left = buffer.Channel(0, frames);
        ReadOnlySpan<float> right = stereo ? buffer.Channel(1, frames) : left;
        for (int i = 0; i < frames;)
        {
            int n = Math.Min(frames - i, _size - _fill);
            for (int k = 0; k < n; k++)
            {
                float l = left[i + k], r = right[i + k];
                _mid[_fill + k] = stereo ? 0.5f * (l + r) : l;
                _side[_fill + k] = stereo ? 0.5f * (l - r) : 0f;
            }
            _fill += n;
            i += n;
            if (_fill == _size)
            {
                Transform();
                Array.Copy(_mid, _hop, _mid, 0, _size - _hop);
                Array.Copy(_side, _hop, _side, 0, _size - _hop);
                _fill = _size - _hop;
            }
        }
    }

    /// <summary>The average so far.</summary>
    public AverageSpectrum Result()
    {
        double inv = _segments > 0 ? 1.0 / _segments : 0;
        var mid = new double[_midPower.Length];
        var side = new double[_sidePower.Length];
        for (int k = 0; k < mid.Length; k++) { mid[k] = _midPower[k] * inv; side[k] = _sidePower[k] * inv; }
        return new AverageSpectrum(SampleRateHz, _size, mid, side, _segments);
    }

    private void Transform()
    {
        int n = _size;
        for (int i = 0; i < n; i++) { _re[i] = _mid[i] * _window[i]; _im[i] = _side[i] * _window[i]; }
        ComplexFft.Transform(_re, _im);
        for (int k = 0; k <= n / 2; k++)
        {
            int j = (n - k) & (n - 1);
            // Mid = (X[k] + conj X[n-k]) / 2, side = (X[k] - conj X[n-k]) / 2j.
            double mr = 0.5 * (_re[k] + _re[j]), mi = 0.5 * (_im[k] - _im[j]);
            double sr = 0.5 * (_im[k] + _im[j]), si = -0.5 * (_re[k] - _re[j]);
            double twoSided = k == 0 || k == n / 2 ? 1 : 2;
            _midPower[k] += twoSided * (mr * mr + mi * mi);
            _sidePower[k] += twoSided * (sr * sr + si * si);
        }
        _segments++;
    }
}
