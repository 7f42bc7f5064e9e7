using MixConsole.Dsp.Core;
using MixConsole.Dsp.Spectral;

namespace MixConsole.Mastering.Matching;

/// <summary>
/// Two linear-phase FIR filters, one on the mid (L+R)/2 and one on the side (L-R)/2, by FFT convolution
/// (overlap-save, one complex transform each way per hop: mid in the real part, side in the imaginary part).
/// The reference-matching and album tone stage, placed before the master chain offline. Latency: one hop
/// plus the filters' centre, reported in <see cref="LatencyFrames"/>. Mono: only the mid filter applies.
/// </summary>
public sealed class MidSideFir : IAudioProcessor
{
    private readonly double[] _midTaps, _sideTaps;
    private readonly int _fftSize, _hop;
    private double[] _hMidRe = [], _hMidIm = [], _hSideRe = [], _hSideIm = [];
    private double[] _re = [], _im = [];
    private float[] _inMid = [], _inSide = [], _outMid = [], _outSide = [];
    private int _fill;
    private bool _stereo;

    /// <summary>Filters mid with <paramref name="midTaps"/> and side with <paramref name="sideTaps"/> (same odd length, symmetric for linear phase).</summary>
    public MidSideFir(double[] midTaps, double[] sideTaps)
    {
        ArgumentNullException.ThrowIfNull(midTaps);
        ArgumentNullException.ThrowIfNull(sideTaps);
        if (midTaps.Length != sideTaps.Length || midTaps.Length % 2 == 0)
            throw new ArgumentException("mid and side filters need the same odd length");
        _midTaps = midTaps;
        _sideTaps = sideTaps;
        int size = 2;
        while (size < 2 * midTaps.Length) size <<= 1;
        _fftSize = size;
        _hop = size - midTaps.Length + 1;
    }

    /// <summary>Taps per filter.</summary>
    public int Taps => _midTaps.Length;

    /// <inheritdoc />
    public int LatencyFrames => _hop + (_midTaps.Length - 1) / 2;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _stereo = spec.Channels >= 2;
        int n = _fftSize;
        (_hMidRe, _hMidIm) = Spectrum(_midTaps, n);
        (_hSideRe, _hSideIm) = Spectrum(_sideTaps, n);
        _re = new double[n];
        _im = new double[n];
        _inMid = new float[n];
        _inSide = new float[n];
        _outMid = new float[_hop];
        _outSide = new float[_hop];
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_inMid);
        Array.Clear(_inSide);
        Array.Clear(_outMid);
        Array.Clear(_outSide);
        _fill = 0;
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        Span<float> left = buffer.Channel(0, frames);
        Span<float> right = _stereo && buffer.Channels >= 2 ? buffer.Channel(1, frames) : left;
        int history = _fftSize - _hop;
        for (int i = 0; i < frames; i++)
        {
            float l = left[i], r = right[i];
            _inMid[history + _fill] = _stereo ? 0.5f * (l + r) : l;
            _inSide[history + _fill] = _stereo ? 0.5f * (l - r) : 0f;
            float m = _outMid[_fill], s = _outSide[_fill];
            left[i] = m + s;
            if (_stereo) right[i] = m - s;
            if (++_fill == _hop) Convolve();
        }
    }

    private void Convolve()
    {
        int n = _fftSize;
        for (int i = 0; i < n; i++) { _re[i] = _inMid[i]; _im[i] = _inSide[i]; }
        ComplexFft.Transform(_re, _im);
        for (int k = 0; k <= n / 2; k++)
        {
            int j = (n - k) & (n - 1);
            double mr = 0.5 * (_re[k] + _re[j]), mi = 0.5 * (_im[k] - _im[j]);
            double sr = 0.5 * (_im[k] + _im[j]), si = -0.5 * (_re[k] - _re[j]);
            // Y = M * Hm + j * S * Hs, written at k and (by symmetry of real signals) at n - k.
            double ymr = mr * _hMidRe[k] - mi * _hMidIm[k], ymi = mr * _hMidIm[k] + mi * _hMidRe[k];
            double ysr = sr * _hSideRe[k] - si * _hSideIm[k], ysi = sr * _hSideIm[k] + si * _hSideRe[k];
            _re[k] = ymr - ysi; _im[k] = ymi + ysr;
            if (j != k) { _re[j] = ymr + ysi; _im[j] = -ymi + ysr; }
        }
        ComplexFft.Transform(_re, _im, inverse: true);
        double scale = 1.0 / n;
        int first = n - _hop;
        for (int i = 0; i < _hop; i++)
        {
            _outMid[i] = (float)(_re[first + i] * scale);
            _outSide[i] = (float)(_im[first + i] * scale);
        }
        Array.Copy(_inMid, _hop, _inMid, 0, n - _hop);
        Array.Copy(_inSide, _hop, _inSide, 0, n - _hop);
        _fill = 0;
    }

    private static (double[] Re, double[] Im) Spectrum(double[] taps, int n)
    {
        var re = new double[n];
        var im = new double[n];
        taps.CopyTo(re, 0);
        ComplexFft.Transform(re, im);
        return (re, im);
    }
}
