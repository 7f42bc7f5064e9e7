using System.Runtime.CompilerServices;
using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Filters;
using MixConsole.Engine.Mixer.Lanes;

namespace MixConsole.Engine.Mixer.Strips;

/// <summary>
/// The filter and dynamics part of many strips (channels or buses), evaluated
/// a row of strips at a time in SIMD lanes (<see cref="VectorLane"/>, or <see cref="NarrowLane"/> for a bank of a few): high-pass (two sections), gate
/// with key high-pass, compressor before or after the EQ with side-chain high-pass, 4-band EQ.
/// Audio arrives planar, is transposed into lane rows once per group, goes through every stage,
/// and is transposed back. Stages no lane of a group uses are skipped. The scalar reference path
/// (<see cref="UseScalarReference"/>) runs the same generic kernels with <see cref="ScalarLane{TVector}"/>.
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
    public const float RmsTimeMs = 10f;

    private const int Coefficients = 5;
    private const float DbPerOctave = 6.020599913f; // 20 log10(2)
    private const int States = 2;

    private readonly int _strips;
    private readonly int _groups;
    private readonly int _width;
    private readonly int _padded;
    private readonly bool _narrow;

    // Biquads: coefficient k of section s for group g at ((g * Count + s) * 5 + k) * W + lane.
    private readonly float[] _coef;
    private readonly float[] _state;
    private readonly bool[] _sectionLive;
    private readonly float[] _rampFrom;
    private readonly float[] _rampTo;
    private readonly int[] _rampTicksLeft;
    private readonly int[] _activeRamps;
    private int _activeRampCount;

    // Gate, per strip.
    private readonly float[] _gThreshold, _gThresholdGain, _gExpander, _gRange, _gExpansion, _gAttack, _gRelease, _gHoldSamples;
    private readonly float[] _gDetector, _gHold, _gGr;
    private readonly LaneRamps _gOn;

    // Compressor, per strip.
    private readonly float[] _cThreshold, _cKneeStartPower, _cSlope, _cKnee, _cInvTwoKnee, _cAttack, _cRelease, _cRms, _cPre;
    private readonly float[] _cMeanSquare, _cGr;
    private readonly LaneRamps _cOn, _cMix, _cMakeup;

    private readonly float[] _link;
    private readonly float[] _gateGrMax;
    private readonly float[] _compGrMax;

    private float[] _block = [];
    private float[] _key = [];
    private float[] _detected = [], _levelDb = [], _onMixes = [];
    private float[] _masks = [];
    private double _sampleRateHz = 48000;
    private int _rampTicks = 1;
    private int _dynamicsRampSamples = 1;
    private float _detectorFall;
    private float _rmsUpdate;

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
        _rampFrom = new float[_padded * StripSection.Count * Coefficients];
        _rampTo = new float[_padded * StripSection.Count * Coefficients];
        _rampTicksLeft = new int[_padded * StripSection.Count];
        _activeRamps = new int[_padded * StripSection.Count];
        _gThreshold = new float[_padded]; _gThresholdGain = new float[_padded]; _gExpander = new float[_padded]; _gRange = new float[_padded]; _gExpansion = new float[_padded];
        _gAttack = new float[_padded]; _gRelease = new float[_padded]; _gHoldSamples = new float[_padded];
        _gDetector = new float[_padded]; _gHold = new float[_padded]; _gGr = new float[_padded];
        _gOn = new LaneRamps(_padded);
        _cThreshold = new float[_padded]; _cKneeStartPower = new float[_padded]; _cSlope = new float[_padded]; _cKnee = new float[_padded];
        _cInvTwoKnee = new float[_padded]; _cAttack = new float[_padded]; _cRelease = new float[_padded];
        _cRms = new float[_padded]; _cPre = new float[_padded];
        _cMeanSquare = new float[_padded]; _cGr = new float[_padded];
        _cOn = new LaneRamps(_padded); _cMix = new LaneRamps(_padded); _cMakeup = new LaneRamps(_padded);
        _link = new float[_padded];
        _gateGrMax = new float[_padded];
        _compGrMax = new float[_padded];
        for (int p = 0; p < _padded; p++)
        {
            _cMix.Snap(p, 1f);
            _gRange[p] = 60f;
            _gExpansion[p] = 1e30f;
            _gThreshold[p] = -80f;
            _gThresholdGain[p] = 1e-4f;
            _cSlope[p] = 0.75f;
        }

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
        _masks = new float[_width];
        _rampTicks = Math.Max(1, (int)Math.Round(CoefficientRampMs * sampleRateHz / 1000.0 / coefficientTickFrames));
        _dynamicsRampSamples = Math.Max(1, (int)Math.Round(DynamicsRampMs * sampleRateHz / 1000.0));
        _detectorFall = TimeConstant.Coefficient(GateDetectorReleaseMs, sampleRateHz);
        _rmsUpdate = 1f - TimeConstant.Coefficient(RmsTimeMs, sampleRateHz);
    }

    /// <summary>Clears filter states, detectors and gain reduction; settings and ramps' targets are kept.</summary>
    public void Reset()
    {
        Array.Clear(_state);
        Array.Clear(_gDetector); Array.Clear(_gHold); Array.Clear(_gGr);
        Array.Clear(_cMeanSquare); Array.Clear(_cGr);
        Array.Clear(_gateGrMax); Array.Clear(_compGrMax);
        FinishRamps();
    }

    /// <summary>Ends every ramp at its target (for the first settings, before any audio).</summary>
    public void FinishRamps()
    {
        while (_activeRampCount > 0) AdvanceCoefficientRamps();
        for (int p = 0; p < _padded; p++)
        {
            _gOn.Snap(p, _gOn.Target[p]);
            _cOn.Snap(p, _cOn.Target[p]);
            _cMix.Snap(p, _cMix.Target[p]);
            _cMakeup.Snap(p, _cMakeup.Target[p]);
        }
    }

    /// <summary>True while any filter is still gliding to new coefficients.</summary>
    public bool HasCoefficientRamps => _activeRampCount > 0;

    /// <summary>Sets section <paramref name="section"/> of <paramref name="strip"/>; audible sections glide unless <paramref name="glide"/> is false.</summary>
    public void SetSection(int strip, int section, in BiquadCoefficients coefficients, bool glide)
    {
        CheckStrip(strip);
        int slot = strip * StripSection.Count + section;
        if (!glide || !StripSection.IsAudible(section))
        {
            if (_rampTicksLeft[slot] > 0) _rampTicksLeft[slot] = 0; // dropped from the active list on the next advance
            WriteSection(strip, section, coefficients);
            UpdateLiveness(strip / _width, section);
            return;
        }

        int baseIndex = slot * Coefficients;
        ReadSection(strip, section, _rampFrom.AsSpan(baseIndex, Coefficients));
        _rampTo[baseIndex] = (float)coefficients.B0;
        _rampTo[baseIndex + 1] = (float)coefficients.B1;
        _rampTo[baseIndex + 2] = (float)coefficients.B2;
        _rampTo[baseIndex + 3] = (float)coefficients.A1;
        _rampTo[baseIndex + 4] = (float)coefficients.A2;
        bool same = true;
        for (int k = 0; k < Coefficients; k++) same &= _rampFrom[baseIndex + k] == _rampTo[baseIndex + k];
        if (same && _rampTicksLeft[slot] == 0) return;
        if (_rampTicksLeft[slot] == 0) _activeRamps[_activeRampCount++] = slot;
        _rampTicksLeft[slot] = _rampTicks;
        _sectionLive[(strip / _width) * StripSection.Count + section] = true;
    }

    /// <summary>Moves every gliding filter one tick towards its target coefficients.</summary>
    public void AdvanceCoefficientRamps()
    {
        int kept = 0;
        for (int i = 0; i < _activeRampCount; i++)
        {
            int slot = _activeRamps[i];
            int left = _rampTicksLeft[slot];
            if (left <= 0) continue;
            left--;
            _rampTicksLeft[slot] = left;
            int strip = slot / StripSection.Count, section = slot % StripSection.Count;
            int baseIndex = slot * Coefficients;
            float fraction = (float)left / _rampTicks;
            int g = strip / _width, lane = strip % _width;
            for (int k = 0; k < Coefficients; k++)
            {
                float to = _rampTo[baseIndex + k];
                _coef[((g * StripSection.Count + section) * Coefficients + k) * _width + lane] = to + (_rampFrom[baseIndex + k] - to) * fraction;
            }

            if (left > 0) _activeRamps[kept++] = slot;
            else UpdateLiveness(g, section);
        }

        _activeRampCount = kept;
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
        _gThreshold[strip] = gate.ThresholdDb;
        _gThresholdGain[strip] = gate.ThresholdGain;
        _gExpander[strip] = gate.Expander;
        _gRange[strip] = gate.RangeDb;
        _gExpansion[strip] = gate.Expansion;
        _gAttack[strip] = gate.Attack;
        _gRelease[strip] = gate.Release;
        _gHoldSamples[strip] = gate.HoldSamples;
        _gOn.SetTarget(strip, gate.On, _dynamicsRampSamples);
    }

    /// <summary>Designs and sets a compressor (a convenience for tools; the console designs on the control side).</summary>
    public void SetCompressor(int strip, bool on, bool rms, float thresholdDb, float ratio, float kneeDb, float attackMs, float releaseMs,
        float makeupDb, float mix, bool beforeEq) =>
        SetCompressor(strip, CompressorSettings.Design(_sampleRateHz, on, rms, thresholdDb, ratio, kneeDb, attackMs, releaseMs, makeupDb, mix, beforeEq));

    /// <summary>Compressor settings of <paramref name="strip"/>, designed at this bank's rate; on, mix and make-up ramp.</summary>
    public void SetCompressor(int strip, in CompressorSettings compressor)
    {
        CheckStrip(strip);
        _cThreshold[strip] = compressor.ThresholdDb;
        _cKneeStartPower[strip] = compressor.KneeStartPower;
        _cSlope[strip] = compressor.Slope;
        _cKnee[strip] = compressor.KneeDb;
        _cInvTwoKnee[strip] = compressor.InverseTwoKnee;
        _cAttack[strip] = compressor.Attack;
        _cRelease[strip] = compressor.Release;
        _cRms[strip] = compressor.Rms;
        _cPre[strip] = compressor.BeforeEq;
        _cOn.SetTarget(strip, compressor.On, _dynamicsRampSamples);
        _cMix.SetTarget(strip, compressor.Mix, _dynamicsRampSamples);
        _cMakeup.SetTarget(strip, compressor.MakeupDb, _dynamicsRampSamples);
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
    public float GateGainReductionDb(int strip) => _gateGrMax[strip];

    /// <summary>Largest compressor gain reduction (dB, positive) of <paramref name="strip"/> since the last <see cref="ClearGainReductionMeters"/>.</summary>
    public float CompressorGainReductionDb(int strip) => _compGrMax[strip];

    /// <summary>Starts a new meter window for gain reduction.</summary>
    public void ClearGainReductionMeters()
    {
        Array.Clear(_gateGrMax);
        Array.Clear(_compGrMax);
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

            RunSectionPair<T>(g, StripSection.HighPass0, block, frames);
            if (!preEqTap.IsEmpty) TransposeOut(block, frames, first, lanes, preEqTap, stride, offset);

            if (AnyLive(_gOn, first))
            {
                block.CopyTo(key);
                RunSection<T>(g, StripSection.GateKey, key, frames);
                GateKernel<T>(first, block, key, frames);
            }

            RunCompressorAt<T>(g, first, beforeEq: true, block, key, frames);
            RunSectionPair<T>(g, StripSection.Eq0, block, frames);
            RunSectionPair<T>(g, StripSection.Eq0 + 2, block, frames);
            RunCompressorAt<T>(g, first, beforeEq: false, block, key, frames);

            TransposeOut(block, frames, first, lanes, planar, stride, offset);
        }
    }

    private void RunCompressorAt<T>(int g, int first, bool beforeEq, Span<float> block, Span<float> key, int frames) where T : struct, ILane<T>
    {
        bool any = false;
        Span<float> mask = _masks;
        for (int l = 0; l < _width; l++)
        {
            int p = first + l;
            bool here = (_cPre[p] > 0) == beforeEq;
            mask[l] = here ? 1f : 0f;
            any |= here && _cOn.IsLive(p);
        }

        if (!any) return;
        block.CopyTo(key);
        RunSection<T>(g, beforeEq ? StripSection.CompressorKey : StripSection.CompressorKeyPostEq, key, frames);
        CompressorKernel<T>(first, block, key, frames, T.Load(mask, 0));
    }

    private bool AnyLive(LaneRamps ramps, int first)
    {
        for (int l = 0; l < _width; l++)
            if (ramps.IsLive(first + l)) return true;
        return false;
    }

    private void RunSection<T>(int g, int section, Span<float> block, int frames) where T : struct, ILane<T>
    {
        int gs = g * StripSection.Count + section;
        if (!_sectionLive[gs]) return;
        int w = _width;
        int c = gs * Coefficients * w, s = gs * States * w;
        LoadSection(c, out T b0, out T b1, out T b2, out T na1, out T na2);
        T z1 = T.Load(_state, s), z2 = T.Load(_state, s + w);
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            // Transposed direct form II in fused multiply-adds: two roundings on the path from one output to the next.
            T x = T.Load(block, i);
            T y = T.MultiplyAdd(b0, x, z1);
            z1 = T.MultiplyAdd(na1, y, T.MultiplyAdd(b1, x, z2));
            z2 = T.MultiplyAdd(na2, y, b2 * x);
            T.Store(y, block, i);
        }

        StoreState(s, z1, z2);
    }

    // A section's coefficients for the row, feedback terms negated so the loop is all multiply-adds.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LoadSection<T>(int c, out T b0, out T b1, out T b2, out T na1, out T na2) where T : struct, ILane<T>
    {
        int w = _width;
        T zero = T.Splat(0f);
        b0 = T.Load(_coef, c);
        b1 = T.Load(_coef, c + w);
        b2 = T.Load(_coef, c + 2 * w);
        na1 = zero - T.Load(_coef, c + 3 * w);
        na2 = zero - T.Load(_coef, c + 4 * w);
    }

    // Tiny states are flushed so silence never turns denormal (as the biquad bank does).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StoreState<T>(int s, T z1, T z2) where T : struct, ILane<T>
    {
        T threshold = T.Splat(DenormalGuard.Threshold), zero = T.Splat(0f);
        T.Store(T.SelectGreaterOrEqual(T.Abs(z1), threshold, z1, zero), _state, s);
        T.Store(T.SelectGreaterOrEqual(T.Abs(z2), threshold, z2, zero), _state, s + _width);
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

        int w = _width;
        int c = gs * Coefficients * w, s = gs * States * w;
        int c2 = c + Coefficients * w, s2 = s + States * w;
        LoadSection(c, out T b0, out T b1, out T b2, out T na1, out T na2);
        LoadSection(c2, out T d0, out T d1, out T d2, out T ne1, out T ne2);
        T z1 = T.Load(_state, s), z2 = T.Load(_state, s + w);
        T u1 = T.Load(_state, s2), u2 = T.Load(_state, s2 + w);
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T x = T.Load(block, i);
            T y = T.MultiplyAdd(b0, x, z1);
            z1 = T.MultiplyAdd(na1, y, T.MultiplyAdd(b1, x, z2));
            z2 = T.MultiplyAdd(na2, y, b2 * x);
            T v = T.MultiplyAdd(d0, y, u1);
            u1 = T.MultiplyAdd(ne1, v, T.MultiplyAdd(d1, y, u2));
            u2 = T.MultiplyAdd(ne2, v, d2 * y);
            T.Store(v, block, i);
        }

        StoreState(s, z1, z2);
        StoreState(s2, u1, u2);
    }

    // Dynamics run in three passes over the block: the detector with its decibel conversion, the gain
    // smoothing (the only long recurrence), then the gain itself. Each pass keeps its loop-carried chain
    // short, so the logs and exponentials of many samples overlap in the pipeline instead of queueing
    // behind one another; every sample still sees exactly the operations of a fused loop.
    private void GateKernel<T>(int first, Span<float> block, Span<float> key, int frames) where T : struct, ILane<T>
    {
        int w = _width;
        Span<float> detected = _detected.AsSpan(0, frames * w);
        Span<float> level = _levelDb.AsSpan(0, frames * w);
        T zero = T.Splat(0f), one = T.Splat(1f), floor = T.Splat(1e-6f), fall = T.Splat(_detectorFall);
        T detector = T.Load(_gDetector, first), link = T.Load(_link, first), lowest = T.Splat(float.MaxValue);
        bool linked = T.AnyNonZero(link);
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T a = T.Abs(T.Load(key, i));
            if (linked) a = T.SelectGreater(link, zero, T.Max(a, T.SwapPairs(a)), a);
            detector = T.SelectGreater(a, detector, a, a + fall * (detector - a));
            lowest = T.Min(lowest, detector);
            T.Store(detector, detected, i);
        }

        T.Store(T.SelectGreaterOrEqual(detector, T.Splat(1e-15f), detector, zero), _gDetector, first);

        // Open or closed is decided on the linear level; only an expander below its threshold needs the level in dB.
        T thresholdGain = T.Load(_gThresholdGain, first);
        bool needDb = T.AnyNonZero(T.SelectGreater(thresholdGain, lowest, T.Load(_gExpander, first), zero));
        if (needDb)
            for (int i = 0; i < frames * w; i += w) T.Store(T.GainToDb(T.Load(detected, i)), level, i);

        T threshold = T.Load(_gThreshold, first), range = T.Load(_gRange, first), expansion = T.Load(_gExpansion, first);
        T attack = T.Load(_gAttack, first), release = T.Load(_gRelease, first), holdSamples = T.Load(_gHoldSamples, first);
        T hold = T.Load(_gHold, first), gr = T.Load(_gGr, first);
        T onTarget = T.Load(_gOn.Target, first), onStep = T.Load(_gOn.Step, first), onLeft = T.Load(_gOn.Remaining, first);
        T grMax = T.Load(_gateGrMax, first), floorDb = T.Splat(FastDecibels.FloorDb), deepest = zero;
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T d = T.Load(detected, i);
            T levelDb = needDb ? T.Load(level, i) : floorDb;
            hold = T.SelectGreaterOrEqual(d, thresholdGain, holdSamples, T.Max(hold - one, zero));
            T target = T.SelectGreaterOrEqual(d, thresholdGain, zero, T.Min(range, (threshold - levelDb) * expansion));
            T opened = target + attack * (gr - target);
            T released = target + release * (gr - target);
            gr = T.SelectGreater(gr, target, opened, T.SelectGreater(hold, zero, gr, released));
            gr = T.SelectGreater(floor, gr, zero, gr);
            onLeft = T.Max(onLeft - one, zero);
            T appliedDb = gr * (onTarget - onStep * onLeft);
            grMax = T.Max(grMax, appliedDb);
            deepest = T.Max(deepest, appliedDb);
            T.Store(zero - appliedDb, level, i);
        }

        T.Store(hold, _gHold, first);
        T.Store(gr, _gGr, first);
        T.Store(onLeft, _gOn.Remaining, first);
        T.Store(grMax, _gateGrMax, first);

        // A row whose gates stayed wide open (0 dB all block) would multiply every sample by exactly 1.
        if (!T.AnyNonZero(deepest)) return;
        for (int i = 0; i < frames * w; i += w) T.Store(T.Load(block, i) * T.DbToGain(T.Load(level, i)), block, i);
    }

    private void CompressorKernel<T>(int first, Span<float> block, Span<float> key, int frames, T mask) where T : struct, ILane<T>
    {
        int w = _width;
        Span<float> level = _levelDb.AsSpan(0, frames * w);
        Span<float> onMixes = _onMixes.AsSpan(0, frames * w);
        T zero = T.Splat(0f), one = T.Splat(1f), half = T.Splat(0.5f), floor = T.Splat(1e-6f);
        T rmsUpdate = T.Splat(_rmsUpdate);
        T threshold = T.Load(_cThreshold, first), slope = T.Load(_cSlope, first), halfKnee = half * T.Load(_cKnee, first);
        T kneeSlope = slope * T.Load(_cInvTwoKnee, first);
        T rms = T.Load(_cRms, first), negativeHalfKnee = zero - halfKnee;
        T meanSquare = T.Load(_cMeanSquare, first), link = T.Load(_link, first), loudest = zero;
        Span<float> detected = _detected.AsSpan(0, frames * w);
        bool linked = T.AnyNonZero(link);
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T k = T.Load(key, i);
            T square = k * k;
            if (linked) square = T.SelectGreater(link, zero, T.Max(square, T.SwapPairs(square)), square);
            meanSquare = T.SelectGreater(mask, zero, meanSquare + rmsUpdate * (square - meanSquare), meanSquare);
            T power = T.SelectGreater(rms, zero, meanSquare, square);
            loudest = T.Max(loudest, power);
            T.Store(power, detected, i);
        }

        T.Store(T.SelectGreaterOrEqual(meanSquare, T.Splat(1e-20f), meanSquare, zero), _cMeanSquare, first);

        // Below the knee the curve asks for nothing: a block that never reaches it in any lane skips the logarithms.
        T kneeStart = T.Load(_cKneeStartPower, first);
        if (T.AnyNonZero(T.SelectGreaterOrEqual(loudest, kneeStart, mask, zero)))
        {
            // Static curve with a quadratic knee (Giannoulis, Massberg and Reiss 2012). Powers under the knee give 0
            // whatever the logarithm says, so it needs no floor for silence.
            T dbPerOctave = T.Splat(0.5f * DbPerOctave), negativeThreshold = zero - threshold;
            for (int i = 0; i < frames * w; i += w)
            {
                T power = T.Load(detected, i);
                T over = T.MultiplyAdd(T.Log2(power), dbPerOctave, negativeThreshold);
                T d = over + halfKnee;
                T curve = T.SelectGreater(over, negativeHalfKnee, T.SelectGreater(halfKnee, over, kneeSlope * d * d, slope * over), zero);
                T.Store(T.SelectGreaterOrEqual(power, kneeStart, curve, zero), level, i);
            }
        }
        else
        {
            level.Clear();
        }

        T attack = T.Load(_cAttack, first), release = T.Load(_cRelease, first), gr = T.Load(_cGr, first);
        T onTarget = T.Load(_cOn.Target, first), onStep = T.Load(_cOn.Step, first), onLeft = T.Load(_cOn.Remaining, first);
        T mixTarget = T.Load(_cMix.Target, first), mixStep = T.Load(_cMix.Step, first), mixLeft = T.Load(_cMix.Remaining, first);
        T makeupTarget = T.Load(_cMakeup.Target, first), makeupStep = T.Load(_cMakeup.Step, first), makeupLeft = T.Load(_cMakeup.Remaining, first);
        T grMax = T.Load(_compGrMax, first);
        // At rest (no switch, mix or make-up ramp in the row) the ramps are constants: the same values, fewer operations.
        bool moving = T.AnyNonZero(onLeft) || T.AnyNonZero(mixLeft) || T.AnyNonZero(makeupLeft);
        T restOn = (onTarget - onStep * onLeft) * mask, restMix = mixTarget - mixStep * mixLeft, restMakeup = makeupTarget - makeupStep * makeupLeft;
        T restOnMix = restOn * restMix;
        for (int t = 0, i = 0; t < frames; t++, i += w)
        {
            T target = T.Load(level, i);
            T next = target + T.SelectGreater(target, gr, attack, release) * (gr - target);
            next = T.SelectGreater(floor, next, zero, next);
            gr = T.SelectGreater(mask, zero, next, gr);
            if (!moving)
            {
                grMax = T.Max(grMax, gr * restOn);
                T.Store(restMakeup - gr, level, i);
                continue;
            }

            onLeft = T.SelectGreater(mask, zero, T.Max(onLeft - one, zero), onLeft);
            mixLeft = T.SelectGreater(mask, zero, T.Max(mixLeft - one, zero), mixLeft);
            makeupLeft = T.SelectGreater(mask, zero, T.Max(makeupLeft - one, zero), makeupLeft);
            T on = (onTarget - onStep * onLeft) * mask;
            grMax = T.Max(grMax, gr * on);
            T.Store(makeupTarget - makeupStep * makeupLeft - gr, level, i);
            T.Store(on * (mixTarget - mixStep * mixLeft), onMixes, i);
        }

        T.Store(gr, _cGr, first);
        T.Store(onLeft, _cOn.Remaining, first);
        T.Store(mixLeft, _cMix.Remaining, first);
        T.Store(makeupLeft, _cMakeup.Remaining, first);
        T.Store(grMax, _compGrMax, first);

        // Dry/wet mix and the on/off crossfade in one step: 1 + on mix (g - 1) = (1 - on mix) + on mix g.
        for (int i = 0; i < frames * w; i += w)
        {
            T onMix = moving ? T.Load(onMixes, i) : restOnMix;
            T.Store(T.Load(block, i) * T.MultiplyAdd(onMix, T.DbToGain(T.Load(level, i)) - one, one), block, i);
        }
    }

    private void TransposeIn(Span<float> planar, int stride, int offset, int frames, int first, int lanes, Span<float> block)
    {
        int w = _width;
        if (lanes < w) block.Clear();
        int tiled = LaneTranspose.Tiles(planar.Slice(first * stride + offset), stride, block, w, lanes, frames, toLanes: true);
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

    private void ReadSection(int strip, int section, Span<float> destination)
    {
        int g = strip / _width, lane = strip % _width;
        int baseIndex = (g * StripSection.Count + section) * Coefficients * _width + lane;
        for (int k = 0; k < Coefficients; k++) destination[k] = _coef[baseIndex + k * _width];
    }

    private void UpdateLiveness(int g, int section)
    {
        bool live = false;
        int baseIndex = (g * StripSection.Count + section) * Coefficients * _width;
        for (int lane = 0; lane < _width; lane++)
        {
            live |= _coef[baseIndex + lane] != 1f || _coef[baseIndex + _width + lane] != 0f || _coef[baseIndex + 2 * _width + lane] != 0f
                || _coef[baseIndex + 3 * _width + lane] != 0f || _coef[baseIndex + 4 * _width + lane] != 0f;
            live |= _rampTicksLeft[(g * _width + lane) * StripSection.Count + section] > 0;
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
