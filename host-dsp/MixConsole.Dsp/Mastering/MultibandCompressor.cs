using System.Runtime.Intrinsics;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Dynamics;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Multiband compressor on a <see cref="LinkwitzRileyCrossover"/> (2..4 bands, 3 by default): each band has
/// its own <see cref="Compressor"/> (threshold, ratio, knee, attack, release, make-up), stereo-linked so the
/// image does not wander. With every band at ratio 1 and no make-up the output is the crossover's allpass:
/// flat magnitude. Gain reduction per band is read from <see cref="GainReductionDb"/>.
/// The bands' gain computers run together, one band per SIMD lane, fused with the crossover's output and the band
/// sum (<see cref="BandCompressorLanes"/>); a band with a side-chain high-pass sends the block through the per-band
/// path (split into band buffers, each band's <see cref="Compressor"/>, sum). Both give the same samples.
/// </summary>
public sealed class MultibandCompressor : IAudioProcessor
{
    private readonly LinkwitzRileyCrossover _crossover = new();
    private readonly BandCompressorLanes _lanes = new();
    private readonly Compressor[] _bands;
    private AudioBuffer[] _bandBuffers = [];
    private readonly float[] _gainReductionDb = new float[4];
    // Crossover output of one channel pair per frame: bands 0, 1 and bands 2, 3 as (L, R) lanes.
    private Vector128<float>[] _low = [], _high = [];

    /// <summary>Creates a 3-band compressor (120 Hz / 2 kHz / 6 kHz crossovers) with gentle mastering settings.</summary>
    public MultibandCompressor()
    {
        _bands = _lanes.Bands;
        _crossover.SetCrossoverHz(0, 120);
        _crossover.SetCrossoverHz(1, 2000);
        _crossover.SetCrossoverHz(2, 6000);
        foreach (var band in _bands)
        {
            band.ThresholdDb = -18;
            band.Ratio = 2;
            band.KneeDb = 6;
            band.AttackMs = 20;
            band.ReleaseMs = 200;
        }
    }

    /// <summary>Number of bands, 2..4 (takes effect at the next <see cref="Prepare"/>).</summary>
    public int BandCount
    {
        get => _crossover.BandCount;
        set => _crossover.BandCount = value;
    }

    /// <summary>The crossover network (set frequencies with <see cref="LinkwitzRileyCrossover.SetCrossoverHz"/>).</summary>
    public LinkwitzRileyCrossover Crossover => _crossover;

    /// <summary>The compressor of band <paramref name="index"/> (0 = lowest): threshold, ratio, knee, attack, release, make-up.</summary>
    public Compressor Band(int index) => _bands[index];

    /// <summary>Deepest gain reduction of band <paramref name="index"/> during the last block, in dB (positive). For meters.</summary>
    public float GainReductionDb(int index) => _gainReductionDb[index];

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _crossover.Prepare(spec);
        _bandBuffers = new AudioBuffer[BandCount];
        for (int b = 0; b < BandCount; b++) _bandBuffers[b] = new AudioBuffer(spec.Channels, spec.MaxBlockFrames);
        foreach (var band in _bands) band.Prepare(spec.SampleRateHz);
        _low = new Vector128<float>[spec.MaxBlockFrames];
        _high = new Vector128<float>[spec.MaxBlockFrames];
        _lanes.Prepare(spec.MaxBlockFrames);
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        _crossover.Reset();
        foreach (var band in _bands) band.Reset();
        Array.Clear(_gainReductionDb);
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        int bandCount = _bandBuffers.Length;
        for (int b = 0; b < bandCount; b++)
        {
            if (_bands[b].SideChainHighPassHz > 0)
            {
                ProcessPerBand(buffer, frames);
                return;
            }
        }
        int channels = Math.Min(buffer.Channels, _bandBuffers[0].Channels);
        Span<Vector128<float>> low = _low.AsSpan(0, frames), high = _high.AsSpan(0, frames);
        for (int c = 0; c < channels; c += 2)
        {
            bool stereo = c + 1 < channels;
            _crossover.SplitLanes(buffer, frames, c, low, high);
            Span<float> left = buffer.Channel(c, frames), right = stereo ? buffer.Channel(c + 1, frames) : left;
            // Only the first pair is compressed (a mono channel alone); further channels pass the crossover's allpass.
            if (c == 0) _lanes.Process(bandCount, low, high, left, right, stereo, _gainReductionDb);
            else BandCompressorLanes.Sum(bandCount, low, high, left, right, stereo);
        }
    }

    // The reference path: band buffers, one Compressor per band (with its side-chain filter), then the sum.
    private void ProcessPerBand(AudioBuffer buffer, int frames)
    {
        int bandCount = _bandBuffers.Length;
        _crossover.Split(buffer, frames, _bandBuffers);
        int channels = Math.Min(buffer.Channels, _bandBuffers[0].Channels);
        for (int b = 0; b < bandCount; b++)
        {
            AudioBuffer band = _bandBuffers[b];
            Compressor compressor = _bands[b];
            if (channels == 1) compressor.Process(band.Channel(0, frames));
            else compressor.Process(band.Channel(0, frames), band.Channel(1, frames));
            _gainReductionDb[b] = compressor.MaxGainReductionDb;
        }
        for (int c = 0; c < channels; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            _bandBuffers[0].Channel(c, frames).CopyTo(x);
            for (int b = 1; b < bandCount; b++)
            {
                Span<float> band = _bandBuffers[b].Channel(c, frames);
                for (int i = 0; i < x.Length; i++) x[i] += band[i];
            }
        }
    }
}
