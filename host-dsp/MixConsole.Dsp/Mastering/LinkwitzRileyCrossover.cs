using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Linkwitz-Riley 4th-order (24 dB/oct) crossover network for 2..4 bands, built as a tree: at each split the
/// low side is LR4 low-passed and then passed through the 2nd-order allpass of every higher split, the high
/// side goes on to the next split. Every band then carries the same phase rotation, so the bands sum to an
/// allpass: flat magnitude (Linkwitz 1976; D'Appolito's allpass compensation for multiway networks).
/// <see cref="Process"/> splits and sums (the allpass path); <see cref="Split"/> hands out the bands.
/// </summary>
public sealed class LinkwitzRileyCrossover : IAudioProcessor
{
    private const int MaxBands = 4;
    private readonly double[] _crossoversHz = [120, 1000, 6000];
    private int _bandCount = 3;
    private double _sampleRateHz = 48000;
    private int _channels;
    // [split][channel]: two low-pass and two high-pass sections per split.
    private Biquad[][] _lowA = [], _lowB = [], _highA = [], _highB = [];
    // [band][later split][channel]: the allpass compensation of each band.
    private Biquad[][][] _allpass = [];
    private AudioBuffer[] _sumBands = [];

    /// <summary>Number of bands, 2..4. Changing it takes effect at the next <see cref="Prepare"/>.</summary>
    public int BandCount
    {
        get => _bandCount;
        set => _bandCount = Math.Clamp(value, 2, MaxBands);
    }

    /// <summary>Crossover frequency <paramref name="index"/> (0 = lowest) in hertz.</summary>
    public double GetCrossoverHz(int index) => _crossoversHz[index];

    /// <summary>Retunes crossover <paramref name="index"/> (kept in ascending order, 20 Hz..0.45 fs); filter states are kept.</summary>
    public void SetCrossoverHz(int index, double frequencyHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, MaxBands - 2);
        _crossoversHz[index] = Math.Clamp(frequencyHz, 20, 0.45 * _sampleRateHz);
        if (_lowA.Length > 0) Design();
    }

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _channels = spec.Channels;
        int splits = _bandCount - 1;
        _lowA = Make(splits); _lowB = Make(splits); _highA = Make(splits); _highB = Make(splits);
        _allpass = new Biquad[_bandCount][][];
        for (int b = 0; b < _bandCount; b++) _allpass[b] = Make(splits);
        _sumBands = new AudioBuffer[_bandCount];
        for (int b = 0; b < _bandCount; b++) _sumBands[b] = new AudioBuffer(spec.Channels, spec.MaxBlockFrames);
        Design();
    }

    /// <inheritdoc />
    public void Reset()
    {
        foreach (var set in new[] { _lowA, _lowB, _highA, _highB })
            foreach (var split in set) foreach (var q in split) q.Reset();
        foreach (var band in _allpass) foreach (var split in band) foreach (var q in split) q.Reset();
    }

    /// <summary>
    /// Splits the first <paramref name="frames"/> frames of <paramref name="input"/> into <see cref="BandCount"/>
    /// buffers, lowest first (each with at least the input's channels and frames). <paramref name="input"/> is not changed.
    /// </summary>
    public void Split(AudioBuffer input, int frames, AudioBuffer[] bands)
    {
        int splits = _bandCount - 1;
        int channels = Math.Min(input.Channels, _channels);
        for (int c = 0; c < channels; c++)
        {
            Span<float> current = bands[splits].Channel(c, frames); // the top band doubles as the running high side
            input.Channel(c, frames).CopyTo(current);
            for (int k = 0; k < splits; k++)
            {
                Span<float> low = bands[k].Channel(c, frames);
                current.CopyTo(low);
                _lowA[k][c].Process(low);
                _lowB[k][c].Process(low);
                for (int j = k + 1; j < splits; j++) _allpass[k][j][c].Process(low);
                _highA[k][c].Process(current);
                _highB[k][c].Process(current);
            }
        }
    }

    /// <summary>Splits and sums back in place: the network's allpass response (flat magnitude).</summary>
    public void Process(AudioBuffer buffer, int frames)
    {
        Split(buffer, frames, _sumBands);
        int channels = Math.Min(buffer.Channels, _channels);
        for (int c = 0; c < channels; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            _sumBands[0].Channel(c, frames).CopyTo(x);
            for (int b = 1; b < _bandCount; b++)
            {
                Span<float> band = _sumBands[b].Channel(c, frames);
                for (int i = 0; i < x.Length; i++) x[i] += band[i];
            }
        }
    }

    private Biquad[][] Make(int splits)
    {
        var set = new Biquad[splits][];
        for (int k = 0; k < splits; k++)
        {
            set[k] = new Biquad[_channels];
            for (int c = 0; c < _channels; c++) set[k][c] = new Biquad();
        }
        return set;
    }

    private void Design()
    {
        int splits = _bandCount - 1;
        double q = Math.Sqrt(0.5);
        for (int k = 0; k < splits; k++)
        {
            double f = Math.Clamp(_crossoversHz[k], 20, 0.45 * _sampleRateHz);
            if (k > 0) f = Math.Max(f, _crossoversHz[k - 1]);
            BiquadCoefficients lp = BiquadDesign.LowPass(_sampleRateHz, f, q);
            BiquadCoefficients hp = BiquadDesign.HighPass(_sampleRateHz, f, q);
            // LP^2 + HP^2 of the same Butterworth pair is the allpass (a2, a1, 1) / (1, a1, a2).
            var ap = new BiquadCoefficients(lp.A2, lp.A1, 1, lp.A1, lp.A2);
            for (int c = 0; c < _channels; c++)
            {
                _lowA[k][c].Update(lp); _lowB[k][c].Update(lp);
                _highA[k][c].Update(hp); _highB[k][c].Update(hp);
                for (int b = 0; b < k; b++) _allpass[b][k][c].Update(ap);
            }
        }
    }
}
