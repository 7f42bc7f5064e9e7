using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Engine.Mixer.Strips;

/// <summary>
/// The filter and dynamics part of many strips (channels or buses), evaluated
/// a row of strips at a time in SIMD lanes (<see cref="VectorLane"/>, or <see cref="NarrowLane"/> for a bank of a few): high-pass (two sections), gate
/// with key high-pass, compressor before or after the EQ with side-chain high-pass, 4-band EQ.
/// Audio arrives planar, is transposed into lane rows once per group, goes through every stage,
/// and is transposed back. Stages no lane of a group uses are skipped. The scalar reference path
/// (<see cref="UseScalarReference"/>) runs the same kernels (<see cref="BiquadSectionKernel"/>, <see cref="GateKernel"/>,
/// <see cref="CompressorKernel"/>) with <see cref="ScalarLane{TVector}"/>.
/// Linked pairs (strips 2k, 2k+1) share one detector: the louder side keys both.
/// Audible sections are retuned by interpolating coefficients over <see cref="CoefficientRampMs"/>
/// (a convex mix of two stable biquads is stable), advanced by <see cref="AdvanceCoefficientRamps"/>.
/// </summary>
internal sealed class StripBank
{
    /// <summary>Time over which a retuned filter glides to its new coefficients.</summary>
    public const double CoefficientRampMs = 20;

    /// <summary>Ramp for switching a gate or compressor in or out, and for make-up and mix.</summary>
    public const double DynamicsRampMs = 10;

    /// <summary>Fall time of the gate's peak detector (as the gate kernel).</summary>
    public const float GateDetectorReleaseMs = Gate.DetectorReleaseMs;

    /// <summary>Averaging time of the RMS compressor detector (as the compressor kernel).</summary>
    public const float RmsTimeMs = CompressorLanes.RmsTimeMs;

    private const int Coefficients = BiquadSectionKernel.Coefficients;
    private const int States = BiquadSectionKernel.States;

    private readonly int _strips;
    private readonly int _groups;
    private readonly int _width;
    private readonly int _padded;
    private readonly bool _narrow;

    // Biquads: coefficient k of section s for group g at ((g * Count + s) * 5 + k) * W + lane.
    private readonly float[] _coef;
    private readonly float[] _state;
    private readonly bool[] _sectionLive;
    // Glides, in the layout of _coef (a row of lanes per coefficient), so a gliding row advances in SIMD: where each
    // lane goes, how far it started from there (start - target, taken once), and ticks left per lane of each
    // group-section (a whole number, as a float).
    private readonly float[] _rampSpan;
    private readonly float[] _rampTo;
    private readonly float[] _rampTicksLeft;
    private readonly bool[] _rowGliding;
    private readonly int[] _activeRows;
    private int _activeRowCount;

    private readonly GateLanes _gate;
    private readonly CompressorLanes _compressor;
    private readonly float[] _compressorBeforeEq;
    private readonly float[] _link;

    private float[] _block = [];
    private float[] _key = [];
    private float[] _detected = [], _levelDb = [], _onMixes = [];
    private double _sampleRateHz = 48000;
    private int _rampTicks = 1;
    private int _tickFrames = 1;
    private int _dynamicsRampSamples = 1;

    /// <summary>Creates a bank of <paramref name="strips"/> strips, every stage off.</summary>
    public StripBank(int strips)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(strips, 1);
        _strips = strips;
        // A bank of a few strips (the main bus) uses one-register rows rather than mostly empty two-register ones.
        _narrow = strips <= NarrowLane.Width;
        _width = _narrow ? NarrowLane.Width : VectorLane.Width;
        _groups = (strips + _width - 1) / _width;
        _padded = _groups * _width;
        _coef = new float[_groups * StripSection.Count * Coefficients * _width];
        _state = new float[_groups * StripSection.Count * States * _width];
        _sectionLive = new bool[_groups * StripSection.Count];
        _rampSpan = new float[_coef.Length];
        _rampTo = new float[_coef.Length];
        _rampTicksLeft = new float[_groups * StripSection.Count * _width];
        _rowGliding = new bool[_groups * StripSection.Count];
        _activeRows = new int[_groups * StripSection.Count];
        _gate = new GateLanes(_padded);
        _compressor = new CompressorLanes(_padded);
        _compressorBeforeEq = new float[_padded];
        _link = new float[_padded];

        for (int strip = 0; strip < _padded; strip++)
            for (int s = 0; s < StripSection.Count; s++)
                WriteSection(strip, s, BiquadCoefficients.Identity);
    }

    /// <summary>Strips in the bank.</summary>
    public int Strips => _strips;

    /// <summary>True to run the scalar reference kernels instead of SIMD (same results, slower).</summary>
    public bool UseScalarReference { get; set; }

    /// <summary>Sizes scratch for blocks of up to <paramref name="maxFrames"/> and sets time constants for <paramref name="sampleRateHz"/>.</summary>
    public void Prepare(double sampleRateHz, int maxFrames, int coefficientTickFrames)
    {
        _sampleRateHz = sampleRateHz;
        _block = new float[maxFrames * _width];
        _key = new float[maxFrames * _width];
        _levelDb = new float[maxFrames * _width];
        _detected = new float[maxFrames * _width];
        _onMixes = new float[maxFrames * _width];
        _tickFrames = Math.Max(1, coefficientTickFrames);
        _rampTicks = Math.Max(1, (int)Math.Round(CoefficientRampMs * sampleRateHz / 1000.0 / coefficientTickFrames));
        _dynamicsRampSamples = Math.Max(1, (int)Math.Round(DynamicsRampMs * sampleRateHz / 1000.0));
        _gate.Prepare(sampleRateHz);
        _compressor.Prepare(sampleRateHz);
    }

    /// <summary>Clears filter states, detectors and gain reduction; settings and ramps' targets are kept.</summary>
    public void Reset()
    {
        Array.Clear(_state);
        _gate.Reset();
        _compressor.Reset();
        FinishRamps();
    }

    /// <summary>Ends every ramp at its target (for the first settings, before any audio).</summary>
    public void FinishRamps()
    {
        while (_activeRowCount > 0) AdvanceCoefficientRamps();
        for (int p = 0; p < _padded; p++) _gate.On.Snap(p, _gate.On.Target[p]);
        _compressor.FinishRamps();
    }

    /// <summary>True while any filter is still gliding to new coefficients.</summary>
    public bool HasCoefficientRamps => _activeRowCount > 0;

    /// <summary>Sets section <paramref name="section"/> of <paramref name="strip"/>; audible sections glide unless <paramref name="glide"/> is false.</summary>
    public void SetSection(int strip, int section, in BiquadCoefficients coefficients, bool glide)
    {
        CheckStrip(strip);
        int g = strip / _width, lane = strip % _width, gs = g * StripSection.Count + section;
        int ticks = gs * _width + lane;
        if (!glide || !StripSection.IsAudible(section))
        {
            _rampTicksLeft[ticks] = 0; // a gliding row drops the lane from its next advance
            WriteSection(strip, section, coefficients);
            UpdateLiveness(g, section);
            return;
        }

        int baseIndex = gs * Coefficients * _width + lane;
        ReadOnlySpan<float> target = [(float)coefficients.B0, (float)coefficients.B1, (float)coefficients.B2, (float)coefficients.A1, (float)coefficients.A2];
        bool same = true;
        for (int k = 0; k < Coefficients; k++)
        {
            int at = baseIndex + k * _width;
            float to = target[k];
            _rampSpan[at] = _coef[at] - to;
            _rampTo[at] = to;
            same &= _coef[at] == to;
        }

        if (same && _rampTicksLeft[ticks] == 0) return;
        _rampTicksLeft[ticks] = _rampTicks;
        if (!_rowGliding[gs])
        {
            _rowGliding[gs] = true;
            _activeRows[_activeRowCount++] = gs;
        }

        _sectionLive[gs] = true;
    }

    /// <summary>
    /// Moves every gliding filter one tick towards its target coefficients: a row of lanes at a time, each gliding
    /// lane to <c>to + (from - to) × left / ticks</c>, the others untouched.
    /// </summary>
    public void AdvanceCoefficientRamps()
    {
        int kept = 0;
        int w = _width, v = Vector<float>.Count;
        var ticks = new Vector<float>(_rampTicks);
        // Rows and lanes come from SetSection's checked strips, and a row is whole vectors: unchecked loads and stores.
        ref float ticksLeft = ref MemoryMarshal.GetArrayDataReference(_rampTicksLeft);
        ref float coef = ref MemoryMarshal.GetArrayDataReference(_coef);
        ref float span = ref MemoryMarshal.GetArrayDataReference(_rampSpan);
        ref float to = ref MemoryMarshal.GetArrayDataReference(_rampTo);
        for (int i = 0; i < _activeRowCount; i++)
        {
            int gs = _activeRows[i];
            bool gliding = false;
            for (int lane = 0; lane < w; lane += v)
            {
                nuint at = (nuint)(gs * w + lane);
                Vector<float> left = Vector.LoadUnsafe(ref ticksLeft, at);
                Vector<float> moving = Vector.GreaterThan(left, Vector<float>.Zero).As<int, float>();
                left = Vector.ConditionalSelect(moving, left - Vector<float>.One, left);
                left.StoreUnsafe(ref ticksLeft, at);
                gliding |= Vector.GreaterThanAny(left, Vector<float>.Zero);
                Vector<float> fraction = left / ticks;
                for (int k = 0; k < Coefficients; k++)
                {
                    nuint c = (nuint)((gs * Coefficients + k) * w + lane);
                    Vector<float> target = Vector.LoadUnsafe(ref to, c);
                    Vector<float> glided = target + Vector.LoadUnsafe(ref span, c) * fraction;
                    Vector.ConditionalSelect(moving, glided, Vector.LoadUnsafe(ref coef, c)).StoreUnsafe(ref coef, c);
                }
            }

            if (gliding)
            {
                _activeRows[kept++] = gs;
                continue;
            }

            _rowGliding[gs] = false;
            UpdateLiveness(gs / StripSection.Count, gs % StripSection.Count);
        }

        _activeRowCount = kept;
    }

    /// <summary>Sample rate the bank was prepared for (what its settings must be designed at).</summary>
    public double SampleRateHz => _sampleRateHz;

    /// <summary>Designs and sets a gate (a convenience for tools; the console designs on the control side and calls <see cref="SetGate(int, in GateSettings)"/>).</summary>
    public void SetGate(int strip, bool on, float thresholdDb, float rangeDb, float expanderRatio, float attackMs, float holdMs, float releaseMs) =>
        SetGate(strip, GateSettings.Design(_sampleRateHz, on, thresholdDb, rangeDb, expanderRatio, attackMs, holdMs, releaseMs));

    /// <summary>Gate settings of <paramref name="strip"/>, designed at this bank's rate; the on switch ramps.</summary>
    public void SetGate(int strip, in GateSettings gate)
    {
        CheckStrip(strip);
        _gate.ThresholdDb[strip] = gate.ThresholdDb;
        _gate.ThresholdGain[strip] = gate.ThresholdGain;
        _gate.Expander[strip] = gate.Expander;
        _gate.RangeDb[strip] = gate.RangeDb;
        _gate.Expansion[strip] = gate.Expansion;
        _gate.Attack[strip] = gate.Attack;
        _gate.Release[strip] = gate.Release;
        _gate.HoldSamples[strip] = gate.HoldSamples;
        _gate.On.SetTarget(strip, gate.On, _dynamicsRampSamples);
    }

    /// <summary>Designs and sets a compressor (a convenience for tools; the console designs on the control side).</summary>
    public void SetCompressor(int strip, bool on, bool rms, float thresholdDb, float ratio, float kneeDb, float attackMs, float releaseMs,
        float makeupDb, float mix, bool beforeEq) =>
        SetCompressor(strip, CompressorSettings.Design(_sampleRateHz, on, rms, thresholdDb, ratio, kneeDb, attackMs, releaseMs, makeupDb, mix, beforeEq));

    /// <summary>Compressor settings of <paramref name="strip"/>, designed at this bank's rate; on, mix and make-up ramp.</summary>
    public void SetCompressor(int strip, in CompressorSettings compressor)
    {
        CheckStrip(strip);
        _compressor.ThresholdDb[strip] = compressor.ThresholdDb;
        _compressor.KneeStartPower[strip] = compressor.KneeStartPower;
        _compressor.Slope[strip] = compressor.Slope;
        _compressor.KneeDb[strip] = compressor.KneeDb;
        _compressor.InverseTwoKnee[strip] = compressor.InverseTwoKnee;
        _compressor.Attack[strip] = compressor.Attack;
        _compressor.Release[strip] = compressor.Release;
        _compressor.Rms[strip] = compressor.Rms;
        _compressorBeforeEq[strip] = compressor.BeforeEq;
        _compressor.On.SetTarget(strip, compressor.On, _dynamicsRampSamples);
        _compressor.Mix.SetTarget(strip, compressor.Mix, _dynamicsRampSamples);
        _compressor.MakeupDb.SetTarget(strip, compressor.MakeupDb, _dynamicsRampSamples);
    }

    /// <summary>Links or unlinks the pair that <paramref name="strip"/> belongs to (strips 2k and 2k+1).</summary>
    public void SetLinked(int strip, bool linked)
    {
        CheckStrip(strip);
        int first = strip & ~1;
        _link[first] = linked ? 1f : 0f;
        if (first + 1 < _padded) _link[first + 1] = linked ? 1f : 0f;
    }

    /// <summary>Largest gate attenuation (dB, positive) of <paramref name="strip"/> since the last <see cref="ClearGainReductionMeters"/>.</summary>
    public float GateGainReductionDb(int strip) => _gate.MaxGainReductionDb[strip];

    /// <summary>Largest compressor gain reduction (dB, positive) of <paramref name="strip"/> since the last <see cref="ClearGainReductionMeters"/>.</summary>
    public float CompressorGainReductionDb(int strip) => _compressor.MaxGainReductionDb[strip];

    /// <summary>Starts a new meter window for gain reduction.</summary>
    public void ClearGainReductionMeters()
    {
        Array.Clear(_gate.MaxGainReductionDb);
        Array.Clear(_compressor.MaxGainReductionDb);
    }

    /// <summary>
    /// Processes <paramref name="frames"/> frames of every strip in place: strip <c>i</c> occupies
    /// <c>planar[i * stride + offset ..]</c>. When <paramref name="preEqTap"/> is not empty, the signal
    /// after the high-pass and before gate, compressor and EQ is written there (same layout).
    /// </summary>
    public void Process(Span<float> planar, int stride, int offset, int frames, Span<float> preEqTap)
    {
        if (_narrow)
        {
            if (UseScalarReference) Run<ScalarLane<NarrowLane>>(planar, stride, offset, frames, preEqTap);
            else Run<NarrowLane>(planar, stride, offset, frames, preEqTap);
        }
        else if (UseScalarReference) Run<ScalarLane<VectorLane>>(planar, stride, offset, frames, preEqTap);
        else Run<VectorLane>(planar, stride, offset, frames, preEqTap);
    }

    /// <summary>
    /// As <see cref="Process(Span{float}, int, int, int, Span{float})"/> for the frames starting at stream position
    /// <paramref name="position"/>, advancing the coefficient ramps at every tick boundary (a multiple of the prepared
    /// tick) it crosses while a filter glides: only this bank runs in tick-sized pieces then, not the whole graph.
    /// </summary>
    public void Process(Span<float> planar, int stride, int offset, int frames, Span<float> preEqTap, long position)
    {
        for (int done = 0; done < frames;)
        {
            int n = frames - done;
            bool gliding = HasCoefficientRamps;
            if (gliding) n = Math.Min(n, _tickFrames - (int)((position + done) % _tickFrames));
            Process(planar, stride, offset + done, n, preEqTap);
            done += n;
            if (gliding && (position + done) % _tickFrames == 0) AdvanceCoefficientRamps();
        }
    }

    private void Run<T>(Span<float> planar, int stride, int offset, int frames, Span<float> preEqTap) where T : struct, ILane<T>
    {
        if (frames == 0) return;
        int w = _width;
        Span<float> block = _block.AsSpan(0, frames * w);
        Span<float> key = _key.AsSpan(0, frames * w);
        for (int g = 0; g < _groups; g++)
        {
            int first = g * w;
            int lanes = Math.Min(w, _strips - first);
            TransposeIn(planar, stride, offset, frames, first, lanes, block);

            bool gate = AnyLive(_gate.On, first, T.Splat(1f));
            RunHighPassAndGateKey<T>(g, gate, block, key, frames);
            if (!preEqTap.IsEmpty) TransposeOut(block, frames, first, lanes, preEqTap, stride, offset);
            if (gate) GateKernel.Process<T>(_gate, first, _link, block, key, _detected, _levelDb, frames);

            RunCompressorAt<T>(g, first, beforeEq: true, block, frames);
            RunEq<T>(g, block, frames);
            RunCompressorAt<T>(g, first, beforeEq: false, block, frames);

            TransposeOut(block, frames, first, lanes, planar, stride, offset);
        }
    }

    private void RunCompressorAt<T>(int g, int first, bool beforeEq, Span<float> block, int frames) where T : struct, ILane<T>
    {
        // Lanes whose compressor sits here: 1, else 0.
        T zero = T.Splat(0f), one = T.Splat(1f), position = T.Load(_compressorBeforeEq, first);
        T mask = beforeEq ? T.SelectGreater(position, zero, one, zero) : T.SelectGreater(position, zero, zero, one);
        if (!AnyLive(_compressor.On, first, mask)) return;
        // The side-chain filter runs in the detector's pass; a flat one leaves the block itself as the key.
        int gs = g * StripSection.Count + (beforeEq ? StripSection.CompressorKey : StripSection.CompressorKeyPostEq);
        if (_sectionLive[gs])
            CompressorKernel.Process(_compressor, first, _link, block, SectionCoefficients(gs), SectionState(gs), _detected, _levelDb, _onMixes, frames, mask);
        else
            CompressorKernel.Process(_compressor, first, _link, block, block, _detected, _levelDb, _onMixes, frames, mask);
    }

    // LaneRamps.IsLive for a row at once (a non-zero target or samples left), among the lanes of mask. Inlined: a call
    // per stage and group cost more than the test.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnyLive<T>(LaneRamps ramps, int first, T mask) where T : struct, ILane<T> =>
        T.AnyNonZero(mask * (T.Abs(T.Load(ramps.Target, first)) + T.Load(ramps.Remaining, first)));

    private void RunSection<T>(int g, int section, Span<float> block, int frames) where T : struct, ILane<T>
    {
        int gs = g * StripSection.Count + section;
        if (!_sectionLive[gs]) return;
        BiquadSectionKernel.Run<T>(SectionCoefficients(gs), SectionState(gs), block, frames);
    }

    // The high-pass, and the gate's key from its output when a gate works: one pass when all three sections filter.
    private void RunHighPassAndGateKey<T>(int g, bool gate, Span<float> block, Span<float> key, int frames) where T : struct, ILane<T>
    {
        int hp = g * StripSection.Count + StripSection.HighPass0, gk = g * StripSection.Count + StripSection.GateKey;
        if (gate && _sectionLive[hp] && _sectionLive[hp + 1] && _sectionLive[gk])
        {
            BiquadSectionKernel.RunPairAndKey<T>(SectionCoefficients(hp), SectionState(hp), SectionCoefficients(hp + 1), SectionState(hp + 1),
                SectionCoefficients(gk), SectionState(gk), block, key, frames);
            return;
        }

        RunSectionPair<T>(g, StripSection.HighPass0, block, frames);
        if (gate) RunKey<T>(g, StripSection.GateKey, block, key, frames);
    }

    // The gate's key: the block through its key section, or a copy of the block when that section passes audio unchanged.
    private void RunKey<T>(int g, int section, ReadOnlySpan<float> block, Span<float> key, int frames) where T : struct, ILane<T>
    {
        int gs = g * StripSection.Count + section;
        if (_sectionLive[gs]) BiquadSectionKernel.Run<T>(SectionCoefficients(gs), SectionState(gs), block, key, frames);
        else block.CopyTo(key);
    }

    // The EQ's working bands in signal order, two to a pass: bands with flat ones between them still share a pass
    // (a pair gives the bits of its two sections one after the other).
    private void RunEq<T>(int g, Span<float> block, int frames) where T : struct, ILane<T>
    {
        int pending = -1;
        for (int band = 0; band < StripSection.EqBands; band++)
        {
            int gs = g * StripSection.Count + StripSection.Eq(band);
            if (!_sectionLive[gs]) continue;
            if (pending < 0)
            {
                pending = gs;
                continue;
            }

            BiquadSectionKernel.RunPair<T>(SectionCoefficients(pending), SectionState(pending), SectionCoefficients(gs), SectionState(gs), block, frames);
            pending = -1;
        }

        if (pending >= 0) BiquadSectionKernel.Run<T>(SectionCoefficients(pending), SectionState(pending), block, frames);
    }

    /// <summary>Sections <paramref name="first"/> and the next in series; both in one pass when both work, so their arithmetic overlaps.</summary>
    private void RunSectionPair<T>(int g, int first, Span<float> block, int frames) where T : struct, ILane<T>
    {
        int gs = g * StripSection.Count + first;
        if (!_sectionLive[gs] || !_sectionLive[gs + 1])
        {
            RunSection<T>(g, first, block, frames);
            RunSection<T>(g, first + 1, block, frames);
            return;
        }

        BiquadSectionKernel.RunPair<T>(SectionCoefficients(gs), SectionState(gs), SectionCoefficients(gs + 1), SectionState(gs + 1), block, frames);
    }

    private ReadOnlySpan<float> SectionCoefficients(int groupSection) => _coef.AsSpan(groupSection * Coefficients * _width, Coefficients * _width);

    private Span<float> SectionState(int groupSection) => _state.AsSpan(groupSection * States * _width, States * _width);

    private void TransposeIn(Span<float> planar, int stride, int offset, int frames, int first, int lanes, Span<float> block)
    {
        int w = _width;
        if (lanes < w) block.Clear();
        int tiled = LaneTranspose.Tiles(planar.Slice(first * stride + offset), stride, block, w, lanes, frames, toLanes: true);
        if (tiled == frames) return;
        for (int l = 0; l < lanes; l++)
        {
            ReadOnlySpan<float> source = planar.Slice((first + l) * stride + offset, frames);
            for (int t = tiled, i = tiled * w + l; t < source.Length; t++, i += w) block[i] = source[t];
        }
    }

    private void TransposeOut(Span<float> block, int frames, int first, int lanes, Span<float> planar, int stride, int offset)
    {
        int w = _width;
        int tiled = LaneTranspose.Tiles(planar.Slice(first * stride + offset), stride, block, w, lanes, frames, toLanes: false);
        if (tiled == frames) return;
        for (int l = 0; l < lanes; l++)
        {
            Span<float> destination = planar.Slice((first + l) * stride + offset, frames);
            for (int t = tiled, i = tiled * w + l; t < destination.Length; t++, i += w) destination[t] = block[i];
        }
    }

    private void WriteSection(int strip, int section, in BiquadCoefficients c)
    {
        int g = strip / _width, lane = strip % _width;
        int baseIndex = (g * StripSection.Count + section) * Coefficients * _width + lane;
        _coef[baseIndex] = (float)c.B0;
        _coef[baseIndex + _width] = (float)c.B1;
        _coef[baseIndex + 2 * _width] = (float)c.B2;
        _coef[baseIndex + 3 * _width] = (float)c.A1;
        _coef[baseIndex + 4 * _width] = (float)c.A2;
    }

    private void UpdateLiveness(int g, int section)
    {
        bool live = false;
        int baseIndex = (g * StripSection.Count + section) * Coefficients * _width;
        for (int lane = 0; lane < _width; lane++)
        {
            live |= _coef[baseIndex + lane] != 1f || _coef[baseIndex + _width + lane] != 0f || _coef[baseIndex + 2 * _width + lane] != 0f
                || _coef[baseIndex + 3 * _width + lane] != 0f || _coef[baseIndex + 4 * _width + lane] != 0f;
            live |= _rampTicksLeft[(g * StripSection.Count + section) * _width + lane] > 0;
        }

        _sectionLive[g * StripSection.Count + section] = live;
        if (!live)
        {
            // A section that passes audio unchanged forgets its history, so re-enabling it starts clean.
            _state.AsSpan((g * StripSection.Count + section) * States * _width, States * _width).Clear();
        }
    }

    private void CheckStrip(int strip)
    {
        if ((uint)strip >= (uint)_strips) throw new ArgumentOutOfRangeException(nameof(strip));
    }
}
