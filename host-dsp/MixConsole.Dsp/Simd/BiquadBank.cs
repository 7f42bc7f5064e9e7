using System.Numerics;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Simd;

/// <summary>
/// Many channels of cascaded biquads, evaluated in SIMD lanes across channels: channels
/// are taken <see cref="Vector{T}.Count"/> at a time (4 with 128-bit NEON/SSE, 8 with
/// AVX2, 16 with 512-bit vectors), each lane has its own coefficients and state.
/// A block is transposed from planar into lane-interleaved scratch, filtered section by
/// section with <see cref="BiquadSectionKernel"/>, and transposed back. <see cref="ProcessScalar(AudioBuffer, int)"/> is
/// the reference path: the same kernel on <see cref="ScalarLane{TVector}"/> rows, so both paths give identical samples.
/// Unset sections pass audio through unchanged.
/// </summary>
public sealed class BiquadBank : IAudioProcessor
{
    private const int CoefficientsPerSection = BiquadSectionKernel.Coefficients;
    private const int StatesPerSection = BiquadSectionKernel.States;

    private readonly int _sectionsPerChannel;
    private int _channels;
    private int _groups;
    private int _maxBlockFrames;
    // Section s of group g: coefficient row k at ((g * sections + s) * 5 + k) * lanes, state rows likewise by 2.
    private float[] _coefficients = [];
    private float[] _state = [];
    private float[] _scratch = [];

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
        _coefficients = new float[_groups * _sectionsPerChannel * CoefficientsPerSection * LaneCount];
        _state = new float[_groups * _sectionsPerChannel * StatesPerSection * LaneCount];
        _scratch = new float[spec.MaxBlockFrames * LaneCount];
        for (int c = 0; c < _channels; c++)
            for (int s = 0; s < _sectionsPerChannel; s++)
                SetSection(c, s, BiquadCoefficients.Identity);
    }

    /// <summary>Retunes section <paramref name="section"/> of <paramref name="channel"/>, keeping its state.</summary>
    public void SetSection(int channel, int section, in BiquadCoefficients coefficients)
    {
        if ((uint)channel >= (uint)_channels) throw new ArgumentOutOfRangeException(nameof(channel));
        if ((uint)section >= (uint)_sectionsPerChannel) throw new ArgumentOutOfRangeException(nameof(section));
        Span<float> lanes = _coefficients;
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
    public void Process(Span<float> planar, int stride, int frames) => Run<NarrowLane>(planar, stride, frames);

    /// <summary>Reference path: the same filtering with the same kernel on scalar rows.</summary>
    public void ProcessScalar(AudioBuffer buffer, int frames)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Channels < _channels) throw new ArgumentException("buffer has fewer channels than prepared", nameof(buffer));
        ProcessScalar(buffer.RawData, buffer.Stride, frames);
    }

    /// <summary>Reference path on planar audio laid out as for <see cref="Process(Span{float}, int, int)"/>.</summary>
    public void ProcessScalar(Span<float> planar, int stride, int frames) => Run<ScalarLane<NarrowLane>>(planar, stride, frames);

    private void Run<T>(Span<float> planar, int stride, int frames) where T : struct, ILane<T>
    {
        CheckBlock(planar, stride, frames);
        int lanesPerVector = LaneCount;
        Span<float> scratchLanes = _scratch.AsSpan(0, frames * lanesPerVector);
        int c = CoefficientsPerSection * lanesPerVector, z = StatesPerSection * lanesPerVector;
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
            {
                int gs = g * _sectionsPerChannel + s;
                BiquadSectionKernel.Run<T>(_coefficients.AsSpan(gs * c, c), _state.AsSpan(gs * z, z), scratchLanes, frames);
            }

            for (int l = 0; l < activeLanes; l++)
            {
                Span<float> destination = planar.Slice((firstChannel + l) * stride, frames);
                for (int t = 0; t < frames; t++) destination[t] = scratchLanes[t * lanesPerVector + l];
            }
        }
    }

    private void CheckBlock(Span<float> planar, int stride, int frames)
    {
        if (_scratch.Length == 0) throw new InvalidOperationException("Prepare before Process");
        if ((uint)frames > (uint)_maxBlockFrames) throw new ArgumentOutOfRangeException(nameof(frames), frames, "more frames than prepared");
        if (stride < frames || (long)(_channels - 1) * stride + frames > planar.Length)
            throw new ArgumentException("planar buffer too small for the prepared channels", nameof(planar));
    }
}
