using MixConsole.Dsp.Core;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Lookahead true-peak brickwall limiter, stereo-linked, for the end of the master chain. Detection runs on
/// a short 8x interpolator (<see cref="Oversampling.DoubledRatePeakInterpolator"/>) after a near-ideal 2x
/// half-band, 16 points per sample, so peaks between samples are caught even near Nyquist. The attack is a smooth ramp over the lookahead (moving
/// minimum held for the lookahead, then a moving average as long), fully down when the peak arrives; the
/// release is separate. A second, shorter stage then re-detects the limited signal and removes what
/// interpolating a moving gain re-created (a few tenths of a dB on dense full-band material), which is
/// what makes the ceiling hold when measured by an independent 8x meter. Both stages also hold libebur128's
/// own reading (<see cref="Oversampling.Ebur128PeakInterpolator"/>) under the ceiling: it over-reads dense
/// limited material by up to a few tenths of a dB, and it is the meter most loudness tools show.
/// </summary>
public sealed class TruePeakLimiter : IAudioProcessor
{
    private readonly LimiterGainStage _main = new(0.06);
    private readonly LimiterGainStage _catcher = new(0.015); // the last word: a detector flat to 0.4925 fs
    private double _ceilingDbtp = -1, _lookaheadMs = 2, _releaseMs = 80, _safetyMarginDb = 0.1;
    private float _gainReductionDb;
    // The last conversions and what they were of: a block whose ceiling or gain product did not move reuses them.
    private double _ceilingKeyDb = double.NaN, _ceilingLinear;
    private float _reductionKey = float.NaN;

    /// <summary>Output true-peak ceiling in dBTP (e.g. -1 for streaming, -2 for ATSC A/85).</summary>
    public double CeilingDbtp
    {
        get => _ceilingDbtp;
        set => _ceilingDbtp = Math.Clamp(value, -30, 0);
    }

    /// <summary>Lookahead in ms, 1..5: attack ramp and hold of the main stage. Takes effect at the next <see cref="Prepare"/>.</summary>
    public double LookaheadMs
    {
        get => _lookaheadMs;
        set => _lookaheadMs = Math.Clamp(value, 1, 5);
    }

    /// <summary>Release time constant in ms (how fast gain recovers after a peak), 1..5000.</summary>
    public double ReleaseMs
    {
        get => _releaseMs;
        set
        {
            _releaseMs = Math.Clamp(value, 1, 5000);
            _main.ReleaseMs = _releaseMs;
            _catcher.ReleaseMs = Math.Min(_releaseMs, 20);
        }
    }

    /// <summary>How far under the ceiling the detectors aim, in dB (absorbs float rounding and residual interpolation error).</summary>
    public double SafetyMarginDb
    {
        get => _safetyMarginDb;
        set => _safetyMarginDb = Math.Clamp(value, 0, 1);
    }

    /// <summary>
    /// True (default) to skip, block by block, the detectors whose points provably stay under the ceiling (L1-norm
    /// bounds with room for float rounding): such points ask for no gain, so the output is bit for bit the same.
    /// </summary>
    internal bool SkipsProvenQuiet
    {
        get => _main.SkipsProvenQuiet;
        set => _main.SkipsProvenQuiet = _catcher.SkipsProvenQuiet = value;
    }

    /// <summary>Blocks in which either stage ran its half-band and 8x detectors.</summary>
    internal long DoubledRateBlocks => _main.DoubledRateBlocks + _catcher.DoubledRateBlocks;

    /// <summary>Deepest gain reduction during the last processed block, in dB (0 = untouched, positive = reduced). For meters.</summary>
    public float GainReductionDb => _gainReductionDb;

    /// <inheritdoc />
    public int LatencyFrames => _main.LatencyFrames + _catcher.LatencyFrames;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        int lookahead = Math.Max(1, (int)Math.Round(_lookaheadMs * 1e-3 * spec.SampleRateHz));
        _main.Prepare(spec, lookahead);
        _catcher.Prepare(spec, Math.Max(1, lookahead / 2));
        ReleaseMs = _releaseMs;
        Reset();
    }

    /// <inheritdoc />
    public void Reset()
    {
        _main.Reset();
        _catcher.Reset();
        _gainReductionDb = 0;
        _reductionKey = float.NaN;
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        double ceilingDb = _ceilingDbtp - _safetyMarginDb;
        if (ceilingDb != _ceilingKeyDb)
        {
            _ceilingKeyDb = ceilingDb;
            _ceilingLinear = Decibels.ToGain(ceilingDb);
        }
        _main.Process(buffer, frames, _ceilingLinear);
        _catcher.Process(buffer, frames, _ceilingLinear);
        float product = _main.BlockMinGain * _catcher.BlockMinGain;
        if (product != _reductionKey) // NaN never matches: recomputed
        {
            _reductionKey = product;
            _gainReductionDb = -20f * MathF.Log10(product);
        }
    }
}
