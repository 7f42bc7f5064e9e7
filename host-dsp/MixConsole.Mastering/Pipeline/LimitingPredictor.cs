using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;

namespace MixConsole.Mastering.Pipeline;

/// <summary>
/// Predicts, from one look at the limiter's input, the integrated loudness after gain G and a limiter at
/// ceiling C, for any G and C, so the loudness search starts near the answer instead of one-for-one.
/// Model: a peak envelope (sample peak across channels, held with the limiter's release) sets the gain
/// min(1, C / (G · envelope)); the K-weighted energy of each 100 ms block is kept in a histogram over the
/// envelope (0.5 dB bins), so any (G, C) is evaluated without the audio, then gated as BS.1770 does.
/// It ignores inter-sample peaks and the attack ramp, so it is a first guess the search corrects with
/// measured passes, never the final word. Memory: one histogram per 100 ms (about 0.5 MB per minute).
/// </summary>
public sealed class LimitingPredictor
{
    private const double LowestDb = -100, BinDb = 0.5;
    private const int Bins = 240; // -100 .. +20 dBFS
    private readonly KWeightingFilter[] _filters;
    private readonly double[] _weights;
    private readonly double _release;
    private readonly int _blockFrames;
    private readonly List<float[]> _blocks = [];
    private float[] _current = new float[Bins];
    private int _fill;
    private double _envelope;

    /// <summary>Prepares for <paramref name="channels"/> channels at <paramref name="sampleRateHz"/> with a limiter release of <paramref name="releaseMs"/>.</summary>
    public LimitingPredictor(int sampleRateHz, int channels, ChannelWeights weights, double releaseMs = 80)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _filters = new KWeightingFilter[channels];
        _weights = new double[channels];
        for (int c = 0; c < channels; c++) { _filters[c] = new KWeightingFilter(sampleRateHz); _weights[c] = weights[c]; }
        _release = Math.Exp(-1 / (releaseMs * 1e-3 * sampleRateHz));
        _blockFrames = Math.Max(1, sampleRateHz / 10);
    }

    /// <summary>Adds the first <paramref name="frames"/> frames of <paramref name="buffer"/>.</summary>
    public void Process(AudioBuffer buffer, int frames)
    {
        int channels = Math.Min(buffer.Channels, _filters.Length), stride = buffer.Stride;
        float[] data = buffer.RawData;
        for (int i = 0; i < frames; i++)
        {
            double peak = 0, energy = 0;
            for (int c = 0; c < channels; c++)
            {
                double x = data[c * stride + i];
                peak = Math.Max(peak, Math.Abs(x));
                double k = _filters[c].ProcessSample(x);
                energy += _weights[c] * k * k;
            }
            _envelope = Math.Max(peak, _envelope * _release);
            if (_envelope > 1e-5 && energy > 0)
            {
                int bin = (int)((20 * Math.Log10(_envelope) - LowestDb) / BinDb);
                _current[Math.Clamp(bin, 0, Bins - 1)] += (float)energy;
            }
            if (++_fill == _blockFrames)
            {
                _blocks.Add(_current);
                _current = new float[Bins];
                _fill = 0;
            }
        }
    }

    /// <summary>Predicted integrated loudness after <paramref name="gainDb"/> and a limiter at <paramref name="ceilingDb"/>, LUFS (minus infinity if nothing passes the gates).</summary>
    public double PredictLufs(double gainDb, double ceilingDb)
    {
        int count = _blocks.Count;
        if (count == 0) return double.NegativeInfinity;
        var energy = new double[count];
        double g2 = Math.Pow(10, gainDb / 10);
        for (int b = 0; b < count; b++)
        {
            float[] h = _blocks[b];
            double sum = 0;
            for (int k = 0; k < Bins; k++)
            {
                if (h[k] == 0) continue;
                double levelDb = LowestDb + (k + 0.5) * BinDb + gainDb;
                double reduction = levelDb > ceilingDb ? Math.Pow(10, (ceilingDb - levelDb) / 10) : 1;
                sum += h[k] * reduction;
            }
            energy[b] = sum * g2 / _blockFrames;
        }
        // 400 ms gating blocks every 100 ms, then the absolute and relative gates.
        var gating = new List<double>();
        for (int b = 3; b < count; b++)
        {
            double e = (energy[b] + energy[b - 1] + energy[b - 2] + energy[b - 3]) / 4;
            if (-0.691 + 10 * Math.Log10(e + 1e-300) > -70) gating.Add(e);
        }
        if (gating.Count == 0) return double.NegativeInfinity;
        double relative = -0.691 + 10 * Math.Log10(gating.Average()) - 10;
        double sumGated = 0;
        int n = 0;
        foreach (double e in gating)
            if (-0.691 + 10 * Math.Log10(e) > relative) { sumGated += e; n++; }
        return n == 0 ? double.NegativeInfinity : -0.691 + 10 * Math.Log10(sumGated / n);
    }

    /// <summary>The gain whose predicted loudness is <paramref name="targetLufs"/> at <paramref name="ceilingDb"/>, dB (bisection over -60..+40).</summary>
    public double SolveGainDb(double targetLufs, double ceilingDb)
    {
        double lo = -60, hi = 40;
        if (PredictLufs(hi, ceilingDb) < targetLufs) return hi;
        for (int i = 0; i < 40; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (PredictLufs(mid, ceilingDb) < targetLufs) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
