using System.Numerics;
using MixConsole.Dsp.Core;

namespace MixConsole.Mastering.Analysis;

/// <summary>
/// The sample statistics a mastering engineer checks besides loudness: DC offset,
/// RMS, clipped runs per channel, and for stereo the correlation (mono
/// compatibility) overall and over its worst 400 ms. Streaming; allocates only in the constructor.
/// </summary>
public sealed class MixStatistics
{
    /// <summary>A run of this many consecutive samples at full scale counts as clipping.</summary>
    public const int ClipRunSamples = 3;

    /// <summary>|x| at or above this counts as full scale (-0.001 dBFS).</summary>
    public const float FullScale = 0.99989f;

    private readonly int _channels;
    private readonly double[] _sum;
    private readonly double[] _sumSquares;
    private readonly long[] _clippedRuns;
    private readonly int[] _runLength;
    private readonly int _windowFrames;
    private double _lr, _ll, _rr;
    private double _winLr, _winLl, _winRr;
    private int _winFill;
    private double _worstWindowCorrelation = 1;
    private bool _anyWindow;
    private long _frames;

    /// <summary>Prepares statistics for <paramref name="channels"/> channels at <paramref name="sampleRateHz"/>.</summary>
    public MixStatistics(int channels, double sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        _channels = channels;
        _sum = new double[channels];
        _sumSquares = new double[channels];
        _clippedRuns = new long[channels];
        _runLength = new int[channels];
        _windowFrames = Math.Max(1, (int)Math.Round(sampleRateHz * 0.4));
    }

    /// <summary>Frames seen so far.</summary>
    public long Frames => _frames;

    /// <summary>Adds the first <paramref name="frames"/> frames of <paramref name="buffer"/>.</summary>
    public void Process(AudioBuffer buffer, int frames)
    {
        for (int c = 0; c < _channels; c++)
        {
            var x = buffer.Channel(c, frames);
            AccumulateSums(x, out double sum, out double sumSquares);
            _sum[c] += sum;
            _sumSquares[c] += sumSquares;
            CountClipping(x, ref _runLength[c], ref _clippedRuns[c]);
        }
        if (_channels >= 2)
            AccumulateCorrelation(buffer.Channel(0, frames), buffer.Channel(1, frames));
        _frames += frames;
    }

    private static void AccumulateSums(ReadOnlySpan<float> x, out double sum, out double sumSquares)
    {
        sum = 0; sumSquares = 0;
        int i = 0;
        // Float vectors over short runs keep precision; doubles carry the long total.
        while (i < x.Length)
        {
            int end = Math.Min(x.Length, i + 4096);
            var vs = Vector<float>.Zero;
            var vq = Vector<float>.Zero;
            for (; i + Vector<float>.Count <= end; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x.Slice(i, Vector<float>.Count));
                vs += v;
                vq += v * v;
            }
            sum += Vector.Sum(vs);
            sumSquares += Vector.Sum(vq);
            for (; i < end; i++)
            {
                sum += x[i];
                sumSquares += (double)x[i] * x[i];
            }
        }
    }

    private static void CountClipping(ReadOnlySpan<float> x, ref int run, ref long runs)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (MathF.Abs(x[i]) >= FullScale)
            {
                if (++run == ClipRunSamples) runs++;
            }
            else run = 0;
        }
    }

    private void AccumulateCorrelation(ReadOnlySpan<float> l, ReadOnlySpan<float> r)
    {
        int i = 0;
        while (i < l.Length)
        {
            int take = Math.Min(l.Length - i, _windowFrames - _winFill);
            double lr = 0, ll = 0, rr = 0;
            for (int k = i; k < i + take; k++)
            {
                double a = l[k], b = r[k];
                lr += a * b; ll += a * a; rr += b * b;
            }
            _winLr += lr; _winLl += ll; _winRr += rr;
            _lr += lr; _ll += ll; _rr += rr;
            _winFill += take;
            i += take;
            if (_winFill == _windowFrames)
            {
                // Windows quieter than -60 dBFS RMS say nothing about phase.
                if (_winLl + _winRr > 2e-6 * _windowFrames)
                {
                    double c = Correlation(_winLr, _winLl, _winRr);
                    if (c < _worstWindowCorrelation) _worstWindowCorrelation = c;
                    _anyWindow = true;
                }
                _winLr = _winLl = _winRr = 0;
                _winFill = 0;
            }
        }
    }

    private static double Correlation(double lr, double ll, double rr) =>
        ll > 0 && rr > 0 ? lr / Math.Sqrt(ll * rr) : (ll > 0 || rr > 0 ? 0 : 1);

    /// <summary>Mean of channel <paramref name="channel"/> as a fraction of full scale (DC offset).</summary>
    public double DcOffset(int channel) => _frames == 0 ? 0 : _sum[channel] / _frames;

    /// <summary>RMS level of channel <paramref name="channel"/> in dBFS (-inf for digital silence).</summary>
    public double RmsDbfs(int channel) => _frames == 0 ? double.NegativeInfinity : Decibels.FromPower(_sumSquares[channel] / _frames);

    /// <summary>Runs of <see cref="ClipRunSamples"/> or more consecutive full-scale samples on channel <paramref name="channel"/>.</summary>
    public long ClippedRuns(int channel) => _clippedRuns[channel];

    /// <summary>Correlation of channels 1 and 2 over the whole file (+1 mono, 0 unrelated, -1 out of phase); 1 for mono files or silence.</summary>
    public double Correlation() => _channels < 2 ? 1 : Correlation(_lr, _ll, _rr);

    /// <summary>Lowest correlation over any 400 ms window with signal; equals <see cref="Correlation()"/> when no window had signal.</summary>
    public double WorstWindowCorrelation() => _anyWindow ? _worstWindowCorrelation : Correlation();

    /// <summary>
    /// Level change in dB when channels 1 and 2 are folded to mono as (L+R)/2, relative to
    /// the stereo power (L²+R²)/2: about 0 dB for mono material, -3 dB for unrelated channels,
    /// far below for out-of-phase content. 0 for mono files or silence.
    /// </summary>
    public double MonoFoldDownDb()
    {
        if (_channels < 2 || _ll + _rr <= 0) return 0;
        double mono = (_ll + _rr + 2 * _lr) / 4;
        double stereo = (_ll + _rr) / 2;
        return mono <= 0 ? double.NegativeInfinity : 10 * Math.Log10(mono / stereo);
    }
}
