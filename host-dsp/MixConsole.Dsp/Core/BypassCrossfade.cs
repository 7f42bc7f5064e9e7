using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Core;

/// <summary>How a <see cref="BypassCrossfade"/> plays the dry path and switches to it.</summary>
public enum BypassMode
{
    /// <summary>The dry path is delayed by the processor's latency and crossfaded with the wet one: constant latency, no comb.</summary>
    LatencyAligned,

    /// <summary>
    /// The dry path is the undelayed input (zero latency while bypassed); a switch is a dip: the path heard fades out
    /// (raised cosine, <see cref="BypassCrossfade.DipFadeMs"/>), the paths swap at silence, the other fades in. The two
    /// paths are never heard together, so there is no comb; the output's latency changes at the silent point.
    /// </summary>
    ZeroLatencyDip,
}

/// <summary>
/// The bypass of any processor or chain, click-free and comb-free: the dry path is delayed by the processor's
/// latency, so dry and wet line up sample for sample, and switching is a linear crossfade of
/// <see cref="FadeMs"/> (weight 0 = wet, 1 = dry; the ramp is <see cref="LinearSmoother"/>). Settled on dry, the
/// output is the input delayed by <see cref="LatencyFrames"/>, bit for bit; settled on wet it is left untouched.
/// <para>Per block, in this order: set <see cref="Bypassed"/>; <see cref="Capture"/> the input; run the wet path in
/// place (the owner may skip it while <see cref="IsDrySettled"/>, and then calls <see cref="Prime"/> before the
/// capture of the block that starts the fade back in, so the processor's lookahead holds the recent input
/// instead of stale audio); <see cref="Apply(AudioBuffer, int)"/>. The owner decides whether a bypassed processor keeps running.</para>
/// <para>With <see cref="Mode"/> = <see cref="BypassMode.ZeroLatencyDip"/> the dry path is the undelayed input and a
/// switch dips through silence instead of crossfading (see <see cref="BypassMode"/>); the same calls apply, and
/// <see cref="OutputLatencyFrames"/> says what the output's delay is.</para>
/// <para>Allocation-free after <see cref="Prepare"/>.</para>
/// </summary>
public sealed class BypassCrossfade
{
    /// <summary>Default crossfade length, in milliseconds.</summary>
    public const double DefaultFadeMs = 20;

    /// <summary>Default length of each half of a dip (fade out, then fade in), in milliseconds.</summary>
    public const double DefaultDipFadeMs = 10;

    private readonly LinearSmoother _weight = new(0f);
    private float[][] _ring = [];
    private int _ringLength, _write, _blockStart, _blockFrames;
    private int _channels, _maxBlockFrames, _latencyFrames;
    private AudioBuffer _aligned = new(1, 1), _prime = new(1, 1);
    private float[] _weights = [];
    private bool _bypassed;
    private BypassMode _mode;
    // Dip: the path heard (true = undelayed dry) and its gain, _dipGains[_dipPosition] (raised cosine, 0..1).
    private float[] _dipGains = [1f];
    private bool _dipOnDry;
    private int _dipPosition, _dipSamples;

    /// <summary>Crossfade length in milliseconds (takes effect at the next <see cref="Prepare"/>).</summary>
    public double FadeMs { get; set; } = DefaultFadeMs;

    /// <summary>Length of each half of a dip in milliseconds (takes effect at the next <see cref="Prepare"/>).</summary>
    public double DipFadeMs { get; set; } = DefaultDipFadeMs;

    /// <summary>
    /// How the dry path is played and switched to. Set it before <see cref="Prepare"/>; set later, it takes effect at
    /// once, without a fade (the state snaps to where <see cref="Bypassed"/> heads, as in <see cref="Reset"/>, the delay kept).
    /// </summary>
    public BypassMode Mode
    {
        get => _mode;
        set
        {
            _mode = value;
            SnapState();
        }
    }

    /// <summary>Delay of the (latency-aligned) dry path, in frames: the latency of the processor it bypasses, as prepared.</summary>
    public int LatencyFrames => _latencyFrames;

    /// <summary>
    /// Delay of what <see cref="Apply(AudioBuffer, int)"/> outputs, in frames: <see cref="LatencyFrames"/>, except in
    /// <see cref="BypassMode.ZeroLatencyDip"/> once the dip has swapped to the undelayed dry path (0).
    /// </summary>
    public int OutputLatencyFrames => PlaysUndelayedDry ? 0 : _latencyFrames;

    /// <summary>True in <see cref="BypassMode.ZeroLatencyDip"/> from the dip's swap to the undelayed dry path until the swap back.</summary>
    public bool PlaysUndelayedDry => _mode == BypassMode.ZeroLatencyDip && _dipOnDry;

    /// <summary>Samples in each half of a dip, as prepared.</summary>
    public int DipSamples => _dipSamples;

    /// <summary>Crossfade length in samples, as prepared.</summary>
    public int FadeSamples => _weight.RampSamples;

    /// <summary>True to fade to the delayed dry input, false to fade to the wet path; takes effect at the next <see cref="Capture"/>.</summary>
    public bool Bypassed
    {
        get => _bypassed;
        set
        {
            _bypassed = value;
            _weight.SetTarget(value ? 1f : 0f);
        }
    }

    /// <summary>
    /// The dry share after the last processed sample: 0 = wet only, 1 = dry only. In a dip, its progress: 0 = wet at
    /// full gain, 0.5 = silence, 1 = dry at full gain.
    /// </summary>
    public float Weight => _mode == BypassMode.ZeroLatencyDip
        ? (_dipOnDry ? 0.5f + 0.5f * _dipGains[_dipPosition] : 0.5f - 0.5f * _dipGains[_dipPosition])
        : _weight.Current;

    /// <summary>True while a crossfade (or dip) is under way.</summary>
    public bool IsFading => _mode == BypassMode.ZeroLatencyDip ? _dipOnDry != _bypassed || _dipPosition < _dipSamples : _weight.IsSmoothing;

    /// <summary>True when bypassed and the fade is over: the output is the dry path alone, the wet path is not heard.</summary>
    public bool IsDrySettled => _bypassed && !IsFading;

    /// <summary>True when not bypassed and the fade is over: <see cref="Apply(AudioBuffer, int)"/> leaves the wet path untouched.</summary>
    public bool IsWetSettled => !_bypassed && !IsFading;

    /// <summary>Sizes the delay for <paramref name="spec"/> and a processor latency of <paramref name="latencyFrames"/>; then <see cref="Reset"/>.</summary>
    public void Prepare(in ProcessSpec spec, int latencyFrames)
    {
        spec.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(latencyFrames);
        _channels = spec.Channels;
        _maxBlockFrames = spec.MaxBlockFrames;
        _latencyFrames = latencyFrames;
        // A whole block is written before any of it is read back, and the priming history stays in reach.
        _ringLength = PrimeFrames(latencyFrames) + spec.MaxBlockFrames;
        _ring = new float[_channels][];
        for (int c = 0; c < _channels; c++) _ring[c] = new float[_ringLength];
        _aligned = new AudioBuffer(_channels, spec.MaxBlockFrames);
        _prime = new AudioBuffer(_channels, spec.MaxBlockFrames);
        _weights = new float[spec.MaxBlockFrames];
        _weight.Prepare(spec.SampleRateHz, FadeMs);
        _dipSamples = Math.Max(1, (int)Math.Round(DipFadeMs * spec.SampleRateHz / 1000.0));
        _dipGains = new float[_dipSamples + 1];
        for (int k = 0; k <= _dipSamples; k++) _dipGains[k] = (float)(0.5 - 0.5 * Math.Cos(Math.PI * k / _dipSamples));
        _dipGains[_dipSamples] = 1f;
        Reset();
    }

    /// <summary>Clears the delay and ends any fade where it was heading (the weight jumps to 0 or 1).</summary>
    public void Reset()
    {
        foreach (var line in _ring) Array.Clear(line);
        _write = 0;
        _blockStart = 0;
        _blockFrames = 0;
        SnapState();
    }

    private void SnapState()
    {
        _weight.SnapTo(_bypassed ? 1f : 0f);
        _dipOnDry = _bypassed;
        _dipPosition = _dipSamples;
    }

    /// <summary>
    /// Resets <paramref name="processor"/> and runs it over the last 2 x <see cref="LatencyFrames"/> captured input
    /// frames, output discarded, so a processor that did not run while bypassed starts the fade back in with its
    /// lookahead holding the recent input instead of stale audio (twice the latency: a linear-phase FIR that delays by
    /// L spans 2L + 1 inputs, so its output is then exactly the always-running one). Call before <see cref="Capture"/>
    /// of the block. Costs that much processing once, in the block that starts the fade.
    /// </summary>
    public void Prime(IAudioProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        processor.Reset();
        int frames = PrimeFrames(_latencyFrames);
        int start = _write - frames;
        if (start < 0) start += _ringLength;
        for (int done = 0; done < frames;)
        {
            int n = Math.Min(_maxBlockFrames, frames - done);
            for (int c = 0; c < _channels; c++) Read(c, start, n, _prime.Channel(c, n));
            processor.Process(_prime, n);
            done += n;
            start += n;
            if (start >= _ringLength) start -= _ringLength;
        }
    }

    /// <summary>Writes the block's input (before the wet path changes it) into the dry delay.</summary>
    public void Capture(AudioBuffer input, int frames)
    {
        ArgumentNullException.ThrowIfNull(input);
        if ((uint)frames > (uint)_maxBlockFrames) throw new ArgumentOutOfRangeException(nameof(frames), frames, "more frames than prepared");
        int channels = Math.Min(input.Channels, _channels);
        int first = Math.Min(frames, _ringLength - _write);
        for (int c = 0; c < channels; c++)
        {
            Span<float> x = input.Channel(c, frames);
            x[..first].CopyTo(_ring[c].AsSpan(_write));
            x[first..].CopyTo(_ring[c]);
        }
        _blockStart = _write;
        _blockFrames = frames;
        _write = _write + frames >= _ringLength ? _write + frames - _ringLength : _write + frames;
    }

    /// <summary>The captured block's input delayed by <see cref="LatencyFrames"/> (valid until the next <see cref="Capture"/>).</summary>
    public ReadOnlySpan<float> AlignedDry(int channel)
    {
        Span<float> dry = _aligned.Channel(channel, _blockFrames);
        Read(channel, AlignedStart(), _blockFrames, dry);
        return dry;
    }

    /// <summary>Crossfades the processed block in <paramref name="wet"/> with the latency-aligned dry input, in place.</summary>
    public void Apply(AudioBuffer wet, int frames) => Apply(wet, frames, 1f, 1f);

    /// <summary>
    /// Crossfades the processed block in <paramref name="wet"/> with the latency-aligned dry input scaled by a gain that
    /// moves linearly from <paramref name="dryGainFrom"/> to <paramref name="dryGainTo"/> over the block (a loudness
    /// match): out = wet + weight (gain dry - wet), the weight advancing once per frame for every channel alike.
    /// </summary>
    public void Apply(AudioBuffer wet, int frames, float dryGainFrom, float dryGainTo)
    {
        ArgumentNullException.ThrowIfNull(wet);
        if (frames != _blockFrames) throw new ArgumentException("apply the block that was captured", nameof(frames));
        if (IsWetSettled) return;
        int channels = Math.Min(wet.Channels, _channels);
        float gainStep = (dryGainTo - dryGainFrom) / frames;
        bool unity = dryGainFrom == 1f && dryGainTo == 1f;
        if (IsDrySettled)
        {
            for (int c = 0; c < channels; c++)
            {
                Span<float> y = wet.Channel(c, frames);
                ReadOnlySpan<float> dry = DryPath(c);
                if (unity)
                {
                    dry.CopyTo(y);
                    continue;
                }
                for (int i = 0; i < frames; i++) y[i] = (dryGainFrom + gainStep * (i + 1)) * dry[i];
            }
            return;
        }

        if (_mode == BypassMode.ZeroLatencyDip)
        {
            ApplyDip(wet, frames, channels, dryGainFrom, gainStep, unity);
            return;
        }

        Span<float> weights = _weights.AsSpan(0, frames);
        _weight.Fill(weights);
        for (int c = 0; c < channels; c++)
        {
            Span<float> y = wet.Channel(c, frames);
            ReadOnlySpan<float> dry = AlignedDry(c);
            for (int i = 0; i < frames; i++)
            {
                float g = unity ? 1f : dryGainFrom + gainStep * (i + 1);
                y[i] += weights[i] * (g * dry[i] - y[i]);
            }
        }
    }

    // The dip: the path heard fades out, swaps at silence (gain 0), the other fades in. Bypassed changes only between
    // blocks, so a block holds at most one swap: frames before `swap` play the path the block started on.
    private void ApplyDip(AudioBuffer wet, int frames, int channels, float dryGainFrom, float gainStep, bool unity)
    {
        Span<float> gains = _weights.AsSpan(0, frames);
        bool startOnDry = _dipOnDry;
        int swap = frames;
        for (int i = 0; i < frames; i++)
        {
            if (_dipOnDry != _bypassed)
            {
                if (--_dipPosition <= 0)
                {
                    _dipPosition = 0;
                    _dipOnDry = _bypassed;
                    swap = i + 1;
                }
            }
            else if (_dipPosition < _dipSamples)
            {
                _dipPosition++;
            }
            gains[i] = _dipGains[_dipPosition];
        }

        for (int c = 0; c < channels; c++)
        {
            Span<float> y = wet.Channel(c, frames);
            ReadOnlySpan<float> dry = DryPath(c);
            for (int i = 0; i < frames; i++)
            {
                bool onDry = i < swap ? startOnDry : !startOnDry;
                float source = onDry ? (unity ? dry[i] : (dryGainFrom + gainStep * (i + 1)) * dry[i]) : y[i];
                y[i] = gains[i] * source;
            }
        }
    }

    // The dry path this mode plays: latency-aligned, or the undelayed input in a dip.
    private ReadOnlySpan<float> DryPath(int channel)
    {
        if (_mode != BypassMode.ZeroLatencyDip) return AlignedDry(channel);
        Span<float> dry = _aligned.Channel(channel, _blockFrames);
        Read(channel, _blockStart, _blockFrames, dry);
        return dry;
    }

    private static int PrimeFrames(int latencyFrames) => 2 * latencyFrames;

    private int AlignedStart()
    {
        int start = _blockStart - _latencyFrames;
        return start < 0 ? start + _ringLength : start;
    }

    private void Read(int channel, int start, int frames, Span<float> destination)
    {
        float[] line = _ring[channel];
        int first = Math.Min(frames, _ringLength - start);
        line.AsSpan(start, first).CopyTo(destination);
        line.AsSpan(0, frames - first).CopyTo(destination[first..]);
    }
}
