using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Core;

/// <summary>
/// The bypass of any processor or chain, click-free and comb-free: the dry path is delayed by the processor's
/// latency, so dry and wet line up sample for sample, and switching is a linear crossfade of
/// <see cref="FadeMs"/> (weight 0 = wet, 1 = dry; the ramp is <see cref="LinearSmoother"/>). Settled on dry, the
/// output is the input delayed by <see cref="LatencyFrames"/>, bit for bit; settled on wet it is left untouched.
/// <para>Per block, in this order: set <see cref="Bypassed"/>; <see cref="Capture"/> the input; run the wet path in
/// place (the owner may skip it while <see cref="IsDrySettled"/>, and then calls <see cref="Prime"/> before the
/// capture of the block that starts the fade back in, so the processor's lookahead holds the recent input
/// instead of stale audio); <see cref="Apply(AudioBuffer, int)"/>. The owner decides whether a bypassed processor keeps running.</para>
/// <para>Allocation-free after <see cref="Prepare"/>.</para>
/// </summary>
public sealed class BypassCrossfade
{
    /// <summary>Default crossfade length, in milliseconds.</summary>
    public const double DefaultFadeMs = 20;

    private readonly LinearSmoother _weight = new(0f);
    private float[][] _ring = [];
    private int _ringLength, _write, _blockStart, _blockFrames;
    private int _channels, _maxBlockFrames, _latencyFrames;
    private AudioBuffer _aligned = new(1, 1), _prime = new(1, 1);
    private float[] _weights = [];
    private bool _bypassed;

    /// <summary>Crossfade length in milliseconds (takes effect at the next <see cref="Prepare"/>).</summary>
    public double FadeMs { get; set; } = DefaultFadeMs;

    /// <summary>Delay of the dry path, in frames: the latency of the processor it bypasses, as prepared.</summary>
    public int LatencyFrames => _latencyFrames;

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

    /// <summary>The dry share after the last processed sample: 0 = wet only, 1 = dry only.</summary>
    public float Weight => _weight.Current;

    /// <summary>True while a crossfade is under way.</summary>
    public bool IsFading => _weight.IsSmoothing;

    /// <summary>True when bypassed and the fade is over: the output is the delayed dry alone, the wet path is not heard.</summary>
    public bool IsDrySettled => _bypassed && !_weight.IsSmoothing;

    /// <summary>True when not bypassed and the fade is over: <see cref="Apply(AudioBuffer, int)"/> leaves the wet path untouched.</summary>
    public bool IsWetSettled => !_bypassed && !_weight.IsSmoothing;

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
        Reset();
    }

    /// <summary>Clears the delay and ends any fade where it was heading (the weight jumps to 0 or 1).</summary>
    public void Reset()
    {
        foreach (var line in _ring) Array.Clear(line);
        _write = 0;
        _blockStart = 0;
        _blockFrames = 0;
        _weight.SnapTo(_bypassed ? 1f : 0f);
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
                ReadOnlySpan<float> dry = AlignedDry(c);
                if (unity)
                {
                    dry.CopyTo(y);
                    continue;
                }
                for (int i = 0; i < frames; i++) y[i] = (dryGainFrom + gainStep * (i + 1)) * dry[i];
            }
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
