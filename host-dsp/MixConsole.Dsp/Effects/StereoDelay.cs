using System.Numerics;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Delay;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Smoothing;

namespace MixConsole.Dsp.Effects;

/// <summary>
/// Stereo echo for a send/return slot. Each side has its own time (milliseconds, or a
/// note value at a tempo), feedback, and a low cut and high cut inside the loop, so every
/// repeat is filtered once more (repeats get thinner and darker, as on tape). Ping-pong
/// feeds the mono sum into the left line and crosses the feedback, so echoes alternate
/// left, right, left. Delay-time changes glide (a one-pole on the time) rather than click.
/// The filters are unity-gain Butterworths and feedback is capped below 1: always stable.
/// </summary>
public sealed class StereoDelay : IAudioProcessor
{
    /// <summary>Largest feedback gain accepted.</summary>
    public const float MaxFeedback = 0.98f;

    /// <summary>Time constant of the delay-time glide, in milliseconds.</summary>
    public const double TimeGlideMs = 50;

    private readonly double _maxDelayMs;
    private readonly DelayLine _left = new();
    private readonly DelayLine _right = new();
    private readonly Biquad _lowCutLeft = new(), _lowCutRight = new(), _highCutLeft = new(), _highCutRight = new();
    private readonly OnePoleSmoother _timeLeftFrames = new(), _timeRightFrames = new();
    private readonly LinearSmoother _mix = new(1f);
    private double _sampleRateHz;
    private float[] _tapLeft = [], _tapRight = [], _pushLeft = [], _pushRight = [], _window = [];
    private float _lowCutHz = 80f, _highCutHz = 8000f;

    /// <summary>Creates a delay that can reach <paramref name="maxDelayMs"/> (default 4 s: a whole note at 60 BPM).</summary>
    public StereoDelay(double maxDelayMs = 4000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelayMs, 1);
        _maxDelayMs = maxDelayMs;
    }

    /// <summary>Left delay time in milliseconds.</summary>
    public float TimeLeftMs { get; private set; } = 375f;

    /// <summary>Right delay time in milliseconds.</summary>
    public float TimeRightMs { get; private set; } = 500f;

    /// <summary>Feedback gain 0..<see cref="MaxFeedback"/> (0.5 = each repeat 6 dB quieter before filtering).</summary>
    public float Feedback { get; set => field = Math.Clamp(value, 0f, MaxFeedback); } = 0.35f;

    /// <summary>Low-cut corner in the loop, in Hz (12 dB/oct).</summary>
    public float LowCutHz
    {
        get => _lowCutHz;
        set
        {
            _lowCutHz = Math.Max(1f, value);
            UpdateFilters();
        }
    }

    /// <summary>High-cut corner in the loop, in Hz (12 dB/oct).</summary>
    public float HighCutHz
    {
        get => _highCutHz;
        set
        {
            _highCutHz = Math.Max(1f, value);
            UpdateFilters();
        }
    }

    /// <summary>True for echoes alternating left and right.</summary>
    public bool PingPong { get; set; }

    /// <summary>Wet share of the output: 1 = echoes only (for a return), 0 = dry only; ramped.</summary>
    public float Mix
    {
        get;
        set
        {
            field = Math.Clamp(value, 0f, 1f);
            _mix.SetTarget(field);
        }
    } = 1f;

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <summary>Sets both times in milliseconds (clamped to 1 ms..maximum); they glide to the new values.</summary>
    public void SetTimesMs(float leftMs, float rightMs)
    {
        TimeLeftMs = (float)Math.Clamp(leftMs, 1.0, _maxDelayMs);
        TimeRightMs = (float)Math.Clamp(rightMs, 1.0, _maxDelayMs);
        if (_sampleRateHz > 0)
        {
            _timeLeftFrames.SetTarget(TimeFrames(TimeLeftMs, _sampleRateHz));
            _timeRightFrames.SetTarget(TimeFrames(TimeRightMs, _sampleRateHz));
        }
    }

    /// <summary>
    /// Control side: designs settings for <see cref="Apply"/> at <paramref name="sampleRateHz"/> for a delay reaching
    /// <paramref name="maxDelayMs"/> (times in frames and loop filters, computed exactly as the setters would).
    /// </summary>
    public static StereoDelayDesign Design(double sampleRateHz, double maxDelayMs, float timeLeftMs, float timeRightMs,
        float feedback, float lowCutHz, float highCutHz, bool pingPong)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        var design = new StereoDelayDesign
        {
            SampleRateHz = sampleRateHz,
            TimeLeftMs = (float)Math.Clamp(timeLeftMs, 1.0, maxDelayMs),
            TimeRightMs = (float)Math.Clamp(timeRightMs, 1.0, maxDelayMs),
            Feedback = Math.Clamp(feedback, 0f, MaxFeedback),
            LowCutHz = Math.Max(1f, lowCutHz),
            HighCutHz = Math.Max(1f, highCutHz),
            PingPong = pingPong,
        };
        design.TimeLeftFrames = TimeFrames(design.TimeLeftMs, sampleRateHz);
        design.TimeRightFrames = TimeFrames(design.TimeRightMs, sampleRateHz);
        (design.LowCut, design.HighCut) = LoopFilters(sampleRateHz, design.LowCutHz, design.HighCutHz);
        return design;
    }

    /// <summary>
    /// Audio thread: takes a <see cref="Design"/> made for the prepared rate without computing (one for another rate
    /// goes through the setters); the times glide to the new values as through <see cref="SetTimesMs"/>.
    /// </summary>
    public void Apply(in StereoDelayDesign design)
    {
        Feedback = design.Feedback;
        PingPong = design.PingPong;
        if (design.SampleRateHz != _sampleRateHz)
        {
            SetTimesMs(design.TimeLeftMs, design.TimeRightMs);
            LowCutHz = design.LowCutHz;
            HighCutHz = design.HighCutHz;
            return;
        }

        TimeLeftMs = design.TimeLeftMs;
        TimeRightMs = design.TimeRightMs;
        _timeLeftFrames.SetTarget(design.TimeLeftFrames);
        _timeRightFrames.SetTarget(design.TimeRightFrames);
        _lowCutHz = design.LowCutHz;
        _highCutHz = design.HighCutHz;
        _lowCutLeft.Update(design.LowCut);
        _lowCutRight.Update(design.LowCut);
        _highCutLeft.Update(design.HighCut);
        _highCutRight.Update(design.HighCut);
    }

    /// <summary>Sets both times from note values at <paramref name="beatsPerMinute"/>.</summary>
    public void SetTempoSync(double beatsPerMinute, NoteValue left, NoteValue right) =>
        SetTimesMs((float)TempoSync.NoteMs(beatsPerMinute, left), (float)TempoSync.NoteMs(beatsPerMinute, right));

    /// <summary>Sizes the lines for the maximum time at <paramref name="spec"/>'s rate; times start at their settings.</summary>
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _left.Prepare(_sampleRateHz, _maxDelayMs + 1);
        _right.Prepare(_sampleRateHz, _maxDelayMs + 1);
        _timeLeftFrames.Prepare(_sampleRateHz, TimeGlideMs);
        _timeRightFrames.Prepare(_sampleRateHz, TimeGlideMs);
        _timeLeftFrames.SnapTo(TimeFrames(TimeLeftMs, _sampleRateHz));
        _timeRightFrames.SnapTo(TimeFrames(TimeRightMs, _sampleRateHz));
        _mix.Prepare(_sampleRateHz, 10);
        _tapLeft = new float[spec.MaxBlockFrames];
        _tapRight = new float[spec.MaxBlockFrames];
        _pushLeft = new float[spec.MaxBlockFrames];
        _pushRight = new float[spec.MaxBlockFrames];
        _window = new float[spec.MaxBlockFrames + 3];
        UpdateFilters();
        Reset();
    }

    /// <summary>Silences the lines and filters; settings are kept.</summary>
    public void Reset()
    {
        _left.Reset();
        _right.Reset();
        _lowCutLeft.Reset();
        _lowCutRight.Reset();
        _highCutLeft.Reset();
        _highCutRight.Reset();
        _timeLeftFrames.Reset();
        _timeRightFrames.Reset();
        _mix.Reset();
    }

    /// <summary>Processes channels 0 and 1 of <paramref name="buffer"/> in place (channel 0 alone if it is mono, left output only).</summary>
    public void Process(AudioBuffer buffer, int frames)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Span<float> left = buffer.Channel(0, frames);
        Span<float> right = buffer.Channels > 1 ? buffer.Channel(1, frames) : left;
        Process(left, right, left, right);
    }

    /// <summary>Processes a stereo block; outputs may be the same memory as the inputs.</summary>
    public void Process(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, Span<float> outLeft, Span<float> outRight)
    {
        if (_sampleRateHz == 0) throw new InvalidOperationException("Prepare before Process");
        int frames = inLeft.Length;
        if (inRight.Length != frames || outLeft.Length < frames || outRight.Length < frames)
            throw new ArgumentException("stereo spans differ in length");
        float feedback = Feedback;
        bool pingPong = PingPong;
        if (frames <= _tapLeft.Length && ShortestDelayFrames() >= frames + 2)
        {
            ProcessBlock(inLeft, inRight, outLeft, outRight, frames, feedback, pingPong);
            return;
        }

        for (int i = 0; i < frames; i++)
        {
            float xl = inLeft[i], xr = inRight[i];
            float tapL = _left.ReadFractional(_timeLeftFrames.Next());
            float tapR = _right.ReadFractional(_timeRightFrames.Next());
            tapL = _highCutLeft.ProcessSample(_lowCutLeft.ProcessSample(tapL));
            tapR = _highCutRight.ProcessSample(_lowCutRight.ProcessSample(tapR));
            if (pingPong)
            {
                _left.Push(DenormalGuard.Flush(0.5f * (xl + xr) + feedback * tapR));
                _right.Push(DenormalGuard.Flush(feedback * tapL));
            }
            else
            {
                _left.Push(DenormalGuard.Flush(xl + feedback * tapL));
                _right.Push(DenormalGuard.Flush(xr + feedback * tapR));
            }
            float wet = _mix.Next();
            outLeft[i] = (1f - wet) * xl + wet * tapL;
            outRight[i] = (1f - wet) * xr + wet * tapR;
        }
        _lowCutLeft.FlushDenormals();
        _lowCutRight.FlushDenormals();
        _highCutLeft.FlushDenormals();
        _highCutRight.FlushDenormals();
    }

    // A steady time reads the whole block's taps in one vectorised pass; a gliding one sample by sample.
    private void ReadTaps(DelayLine line, OnePoleSmoother time, Span<float> taps)
    {
        if (!time.IsSmoothing)
        {
            line.ReadFractionalBlock(time.Current, taps, _window);
            return;
        }

        for (int i = 0; i < taps.Length; i++) taps[i] = line.ReadFractionalAhead(i, time.Next());
    }

    // The glide only moves towards its target, so the shortest delay in this block is the smaller of the two.
    private float ShortestDelayFrames() =>
        MathF.Min(MathF.Min(_timeLeftFrames.Current, _timeLeftFrames.Target), MathF.Min(_timeRightFrames.Current, _timeRightFrames.Target));

    // When every tap of the block lies before the block, taps, filters, feedback and output run a stage at a
    // time over the block (filters and copies in tight loops); each sample sees the operations of the loop above.
    private void ProcessBlock(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, Span<float> outLeft, Span<float> outRight,
        int frames, float feedback, bool pingPong)
    {
        Span<float> tapL = _tapLeft.AsSpan(0, frames), tapR = _tapRight.AsSpan(0, frames);
        Span<float> pushL = _pushLeft.AsSpan(0, frames), pushR = _pushRight.AsSpan(0, frames);
        ReadTaps(_left, _timeLeftFrames, tapL);
        ReadTaps(_right, _timeRightFrames, tapR);

        Biquad.ProcessCascadePair(_lowCutLeft, _highCutLeft, tapL, _lowCutRight, _highCutRight, tapR);
        int v = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // The same expressions as the loop below, eight samples at a time.
            var fb = new Vector<float>(feedback);
            var threshold = new Vector<float>(DenormalGuard.Threshold);
            for (; v + Vector<float>.Count <= frames; v += Vector<float>.Count)
            {
                var xl = new Vector<float>(inLeft[v..]);
                var xr = new Vector<float>(inRight[v..]);
                var tl = new Vector<float>(tapL[v..]);
                var tr = new Vector<float>(tapR[v..]);
                Vector<float> l = pingPong ? new Vector<float>(0.5f) * (xl + xr) + fb * tr : xl + fb * tl;
                Vector<float> r = pingPong ? fb * tl : xr + fb * tr;
                Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(l), threshold), Vector<float>.Zero, l).CopyTo(pushL[v..]);
                Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(r), threshold), Vector<float>.Zero, r).CopyTo(pushR[v..]);
            }
        }

        for (int i = v; i < frames; i++)
        {
            float xl = inLeft[i], xr = inRight[i];
            if (pingPong)
            {
                pushL[i] = DenormalGuard.Flush(0.5f * (xl + xr) + feedback * tapR[i]);
                pushR[i] = DenormalGuard.Flush(feedback * tapL[i]);
            }
            else
            {
                pushL[i] = DenormalGuard.Flush(xl + feedback * tapL[i]);
                pushR[i] = DenormalGuard.Flush(xr + feedback * tapR[i]);
            }
        }

        _left.Write(pushL);
        _right.Write(pushR);
        _left.PrefetchRead(frames, _timeLeftFrames.Current);
        _right.PrefetchRead(frames, _timeRightFrames.Current);
        int o = 0;
        if (!_mix.IsSmoothing && Vector.IsHardwareAccelerated)
        {
            // Both inputs are read before either output is written: the output may alias the input.
            var wet = new Vector<float>(_mix.Current);
            var dry = new Vector<float>(1f - _mix.Current);
            for (; o + Vector<float>.Count <= frames; o += Vector<float>.Count)
            {
                var xl = new Vector<float>(inLeft[o..]);
                var xr = new Vector<float>(inRight[o..]);
                (dry * xl + wet * new Vector<float>(tapL[o..])).CopyTo(outLeft[o..]);
                (dry * xr + wet * new Vector<float>(tapR[o..])).CopyTo(outRight[o..]);
            }
        }

        for (int i = o; i < frames; i++)
        {
            float wet = _mix.Next(), xl = inLeft[i], xr = inRight[i]; // both read first: output may alias input
            outLeft[i] = (1f - wet) * xl + wet * tapL[i];
            outRight[i] = (1f - wet) * xr + wet * tapR[i];
        }
    }

    private void UpdateFilters()
    {
        if (_sampleRateHz == 0) return;
        var (lowCut, highCut) = LoopFilters(_sampleRateHz, LowCutHz, HighCutHz);
        _lowCutLeft.Update(lowCut);
        _lowCutRight.Update(lowCut);
        _highCutLeft.Update(highCut);
        _highCutRight.Update(highCut);
    }

    private static float TimeFrames(float ms, double sampleRateHz) => (float)(ms * sampleRateHz / 1000);

    private static (BiquadCoefficients LowCut, BiquadCoefficients HighCut) LoopFilters(double sampleRateHz, float lowCutHz, float highCutHz) =>
        (BiquadDesign.HighPass(sampleRateHz, lowCutHz, Math.Sqrt(0.5)), BiquadDesign.LowPass(sampleRateHz, highCutHz, Math.Sqrt(0.5)));
}
