using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Simd;

/// <summary>
/// Many channels of cascaded biquads, evaluated in SIMD lanes across channels: channels
/// are taken <see cref="Vector{T}.Count"/> at a time (4 with 128-bit NEON/SSE, 8 with
/// AVX2, 16 with 512-bit vectors), each lane has its own coefficients and state.
/// A block is transposed from planar into lane-interleaved scratch, filtered section by
/// section, and transposed back. <see cref="ProcessScalar(AudioBuffer, int)"/> is the reference path with
/// the same float arithmetic in the same order, so both paths give identical samples.
/// Unset sections pass audio through unchanged.
/// </summary>
public sealed class BiquadBank : IAudioProcessor
{
    private const int CoefficientsPerSection = 5;
    private const int StatesPerSection = 2;

    private readonly int _sectionsPerChannel;
    private int _channels;
    private int _groups;
    private int _maxBlockFrames;
    private Vector<float>[] _coefficients = [];
    private Vector<float>[] _state = [];
    private Vector<float>[] _scratch = [];

    /// <summary>Creates a bank where every channel runs <paramref name="sectionsPerChannel"/> sections in series.</summary>
    public BiquadBank(int sectionsPerChannel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sectionsPerChannel, 1);
        _sectionsPerChannel = sectionsPerChannel;
    }

    /// <summary>Sections each channel runs in series.</summary>
    public int SectionsPerChannel => _sectionsPerChannel;

    /// <summary>Channels prepared for.</summary>
    public int Channels => _channels;

    /// <summary>Channels filtered together in one SIMD register on this machine.</summary>
    public static int LaneCount => Vector<float>.Count;

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <summary>Sizes coefficient, state and scratch memory for <paramref name="spec"/>; every section becomes pass-through.</summary>
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _channels = spec.Channels;
        _maxBlockFrames = spec.MaxBlockFrames;
        _groups = (spec.Channels + LaneCount - 1) / LaneCount;
        _coefficients = new Vector<float>[_groups * _sectionsPerChannel * CoefficientsPerSection];
        _state = new Vector<float>[_groups * _sectionsPerChannel * StatesPerSection];
        _scratch = new Vector<float>[spec.MaxBlockFrames];
        for (int c = 0; c < _channels; c++)
            for (int s = 0; s < _sectionsPerChannel; s++)
                SetSection(c, s, BiquadCoefficients.Identity);
    }

    /// <summary>Retunes section <paramref name="section"/> of <paramref name="channel"/>, keeping its state.</summary>
    public void SetSection(int channel, int section, in BiquadCoefficients coefficients)
    {
        if ((uint)channel >= (uint)_channels) throw new ArgumentOutOfRangeException(nameof(channel));
        if ((uint)section >= (uint)_sectionsPerChannel) throw new ArgumentOutOfRangeException(nameof(section));
        Span<float> lanes = MemoryMarshal.Cast<Vector<float>, float>(_coefficients.AsSpan());
        int lane = channel % LaneCount;
        int baseVector = ((channel / LaneCount) * _sectionsPerChannel + section) * CoefficientsPerSection;
        lanes[(baseVector + 0) * LaneCount + lane] = (float)coefficients.B0;
        lanes[(baseVector + 1) * LaneCount + lane] = (float)coefficients.B1;
        lanes[(baseVector + 2) * LaneCount + lane] = (float)coefficients.B2;
        lanes[(baseVector + 3) * LaneCount + lane] = (float)coefficients.A1;
        lanes[(baseVector + 4) * LaneCount + lane] = (float)coefficients.A2;
    }

    /// <summary>Clears every filter state; tunings are kept.</summary>
    public void Reset() => Array.Clear(_state);

    /// <summary>Filters the first <see cref="Channels"/> channels of <paramref name="buffer"/> in place (SIMD path).</summary>
    public void Process(AudioBuffer buffer, int frames)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Channels < _channels) throw new ArgumentException("buffer has fewer channels than prepared", nameof(buffer));
        Process(buffer.RawData, buffer.Stride, frames);
    }

    /// <summary>
    /// Filters planar audio in place (SIMD path): channel <c>c</c> occupies
    /// <c>planar[c * stride .. c * stride + frames)</c>.
    /// </summary>
    public void Process(Span<float> planar, int stride, int frames)
    {
        CheckBlock(planar, stride, frames);
        Span<float> scratchLanes = MemoryMarshal.Cast<Vector<float>, float>(_scratch.AsSpan(0, frames));
        int lanesPerVector = LaneCount;
        for (int g = 0; g < _groups; g++)
        {
            int firstChannel = g * lanesPerVector;
            int activeLanes = Math.Min(lanesPerVector, _channels - firstChannel);
            if (activeLanes < lanesPerVector) scratchLanes.Clear();
            for (int l = 0; l < activeLanes; l++)
            {
                ReadOnlySpan<float> source = planar.Slice((firstChannel + l) * stride, frames);
                for (int t = 0; t < frames; t++) scratchLanes[t * lanesPerVector + l] = source[t];
            }

            for (int s = 0; s < _sectionsPerChannel; s++)
                FilterSection(g, s, frames);

            for (int l = 0; l < activeLanes; l++)
            {
                Span<float> destination = planar.Slice((firstChannel + l) * stride, frames);
                for (int t = 0; t < frames; t++) destination[t] = scratchLanes[t * lanesPerVector + l];
            }
        }
    }

    /// <summary>Reference path: the same filtering, one channel and one sample at a time.</summary>
    public void ProcessScalar(AudioBuffer buffer, int frames)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Channels < _channels) throw new ArgumentException("buffer has fewer channels than prepared", nameof(buffer));
        ProcessScalar(buffer.RawData, buffer.Stride, frames);
    }

    /// <summary>Reference path on planar audio laid out as for <see cref="Process(Span{float}, int, int)"/>.</summary>
    public void ProcessScalar(Span<float> planar, int stride, int frames)
    {
        CheckBlock(planar, stride, frames);
        Span<float> coefficients = MemoryMarshal.Cast<Vector<float>, float>(_coefficients.AsSpan());
        Span<float> state = MemoryMarshal.Cast<Vector<float>, float>(_state.AsSpan());
        int lanesPerVector = LaneCount;
        for (int c = 0; c < _channels; c++)
        {
            Span<float> audio = planar.Slice(c * stride, frames);
            int g = c / lanesPerVector, lane = c % lanesPerVector;
            for (int s = 0; s < _sectionsPerChannel; s++)
            {
                int cv = (g * _sectionsPerChannel + s) * CoefficientsPerSection;
                int sv = (g * _sectionsPerChannel + s) * StatesPerSection;
                float b0 = coefficients[(cv + 0) * lanesPerVector + lane];
                float b1 = coefficients[(cv + 1) * lanesPerVector + lane];
                float b2 = coefficients[(cv + 2) * lanesPerVector + lane];
                float a1 = coefficients[(cv + 3) * lanesPerVector + lane];
                float a2 = coefficients[(cv + 4) * lanesPerVector + lane];
                ref float z1Slot = ref state[(sv + 0) * lanesPerVector + lane];
                ref float z2Slot = ref state[(sv + 1) * lanesPerVector + lane];
                float z1 = z1Slot, z2 = z2Slot;
                for (int t = 0; t < audio.Length; t++)
                {
                    float x = audio[t];
                    float y = b0 * x + z1;
                    z1 = b1 * x - a1 * y + z2;
                    z2 = b2 * x - a2 * y;
                    audio[t] = y;
                }
                z1Slot = DenormalGuard.Flush(z1);
                z2Slot = DenormalGuard.Flush(z2);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FilterSection(int group, int section, int frames)
    {
        int cv = (group * _sectionsPerChannel + section) * CoefficientsPerSection;
        int sv = (group * _sectionsPerChannel + section) * StatesPerSection;
        Vector<float> b0 = _coefficients[cv], b1 = _coefficients[cv + 1], b2 = _coefficients[cv + 2];
        Vector<float> a1 = _coefficients[cv + 3], a2 = _coefficients[cv + 4];
        Vector<float> z1 = _state[sv], z2 = _state[sv + 1];
        Span<Vector<float>> block = _scratch.AsSpan(0, frames);
        for (int t = 0; t < block.Length; t++)
        {
            Vector<float> x = block[t];
            Vector<float> y = b0 * x + z1;
            z1 = b1 * x - a1 * y + z2;
            z2 = b2 * x - a2 * y;
            block[t] = y;
        }
        var threshold = new Vector<float>(DenormalGuard.Threshold);
        _state[sv] = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(z1), threshold), Vector<float>.Zero, z1);
        _state[sv + 1] = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(z2), threshold), Vector<float>.Zero, z2);
    }

    private void CheckBlock(Span<float> planar, int stride, int frames)
    {
        if (_scratch.Length == 0) throw new InvalidOperationException("Prepare before Process");
        if ((uint)frames > (uint)_maxBlockFrames) throw new ArgumentOutOfRangeException(nameof(frames), frames, "more frames than prepared");
        if (stride < frames || (long)(_channels - 1) * stride + frames > planar.Length)
            throw new ArgumentException("planar buffer too small for the prepared channels", nameof(planar));
    }
}
