using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Delay;
using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Effects;

/// <summary>
/// Algorithmic stereo reverb for a send/return slot: pre-delay, four input allpass
/// diffusers, then a feedback delay network of eight lines mixed by an orthonormal
/// 8x8 Hadamard matrix (Jot's FDN). Each line's loop gain is 10^(-3 L / (RT60 fs)) for
/// its length L, so energy decays 60 dB in <see cref="DecayTimeSeconds"/> at low
/// frequencies; a one-pole low-pass per line (<see cref="Damping"/>) shortens the decay of
/// high frequencies. Every loop gain is below 1 and the matrix is lossless, so no setting
/// can make it unstable. <see cref="Size"/> scales the line lengths; a change moves each
/// line by at most one frame per block, so the tail bends rather than clicks.
/// </summary>
public sealed class Reverb : IAudioProcessor
{
    /// <summary>Number of delay lines in the network.</summary>
    public const int LineCount = 8;

    /// <summary>Longest pre-delay, in milliseconds.</summary>
    public const double MaxPreDelayMs = 500;

    // Line lengths at full size (ms), mutually incommensurate so resonances do not pile up.
    private static readonly double[] LineMsAtFullSize = [31.13, 37.19, 41.71, 47.27, 53.91, 59.83, 67.07, 73.37];
    private static readonly double[] DiffuserMs = [4.77, 3.59, 12.73, 9.31];
    private const float DiffuserGain = 0.62f;
    private const double SmallestScale = 0.25;

    // The eight loop lines share one write position: frame-interleaved in one ring, [position * 8 + line],
    // so a frame's eight pushes are two 4-lane stores and the feedback matrix runs in SIMD lanes.
    private float[] _ring = [];
    private int _ringMask, _ringWrite;
    private readonly int[] _lineMaxFrames = new int[LineCount];
    // Loop gains at the target lengths from the last design applied (valid until a setter changes decay or size).
    private readonly float[] _targetGains = new float[LineCount];
    private bool _targetGainsDesigned;
    private float _decayTimeSeconds = 1.8f, _size = 0.7f;
    private Vector128<float> _dampLow, _dampHigh;
    private readonly DelayLine[] _diffusers = new DelayLine[4];
    private readonly DelayLine _preDelay = new();
    private readonly int[] _lengthFrames = new int[LineCount];
    private readonly int[] _targetFrames = new int[LineCount];
    private readonly float[] _loopGain = new float[LineCount];
    private readonly int[] _diffuserFrames = new int[4];
    private double _sampleRateHz;
    private float[] _diffused = [], _delayedScratch = [], _pushedScratch = [];

    /// <summary>Creates a reverb: 20 ms pre-delay, 1.8 s decay, size 0.7, damping 0.3, fully wet.</summary>
    public Reverb()
    {
        for (int i = 0; i < _diffusers.Length; i++) _diffusers[i] = new DelayLine();
    }

    /// <summary>Pre-delay before the reverb starts, in milliseconds (0..500).</summary>
    public float PreDelayMs { get; set => field = (float)Math.Clamp(value, 0, MaxPreDelayMs); } = 20f;

    /// <summary>RT60: time for the (low-frequency) energy to fall by 60 dB, in seconds, clamped to 0.05..100.</summary>
    public float DecayTimeSeconds
    {
        get => _decayTimeSeconds;
        set
        {
            _decayTimeSeconds = ClampDecay(value);
            _targetGainsDesigned = false;
            UpdateLoopGains();
        }
    }

    /// <summary>Room size 0..1: scales the network's line lengths from 25 % to 100 % (31..73 ms).</summary>
    public float Size
    {
        get => _size;
        set
        {
            _size = Math.Clamp(value, 0f, 1f);
            _targetGainsDesigned = false;
            UpdateTargetLengths();
        }
    }

    /// <summary>High-frequency damping 0..1: 0 decays all frequencies at the RT60; higher values darken the tail.</summary>
    public float Damping { get; set => field = Math.Clamp(value, 0f, 1f); } = 0.3f;

    /// <summary>Wet share of the output: 1 = reverb only (for a return), 0 = dry only.</summary>
    public float Mix { get; set => field = Math.Clamp(value, 0f, 1f); } = 1f;

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <summary>
    /// Control side: designs settings for <see cref="Apply"/> at <paramref name="sampleRateHz"/> (line lengths and loop
    /// gains, computed exactly as the setters would). Allocates nothing.
    /// </summary>
    public static ReverbDesign Design(double sampleRateHz, float preDelayMs, float decayTimeSeconds, float size, float damping)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        var design = new ReverbDesign
        {
            SampleRateHz = sampleRateHz,
            PreDelayMs = (float)Math.Clamp(preDelayMs, 0, MaxPreDelayMs),
            DecayTimeSeconds = ClampDecay(decayTimeSeconds),
            Size = Math.Clamp(size, 0f, 1f),
            Damping = Math.Clamp(damping, 0f, 1f),
        };
        for (int i = 0; i < LineCount; i++)
        {
            design.TargetFrames[i] = TargetFrames(sampleRateHz, design.Size, i);
            design.LoopGains[i] = LoopGain(design.TargetFrames[i], design.DecayTimeSeconds, sampleRateHz);
        }

        return design;
    }

    /// <summary>
    /// Audio thread: takes a <see cref="Design"/> made for the prepared rate without computing (one for another rate
    /// goes through the setters). A size change still moves each line a frame per block, as through <see cref="Size"/>.
    /// </summary>
    public void Apply(in ReverbDesign design)
    {
        if (design.SampleRateHz != _sampleRateHz)
        {
            PreDelayMs = design.PreDelayMs;
            DecayTimeSeconds = design.DecayTimeSeconds;
            Size = design.Size;
            Damping = design.Damping;
            return;
        }

        PreDelayMs = design.PreDelayMs;
        Damping = design.Damping;
        _decayTimeSeconds = design.DecayTimeSeconds;
        _size = design.Size;
        bool settled = true;
        for (int i = 0; i < LineCount; i++)
        {
            _targetFrames[i] = design.TargetFrames[i];
            _targetGains[i] = design.LoopGains[i];
            settled &= _lengthFrames[i] == _targetFrames[i];
        }

        _targetGainsDesigned = true;
        // Lines still moving get their gains as they step, in Process.
        if (settled) _targetGains.AsSpan().CopyTo(_loopGain);
    }

    /// <summary>Sizes all lines for the largest size and pre-delay at <paramref name="spec"/>'s rate.</summary>
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _preDelay.Prepare(_sampleRateHz, MaxPreDelayMs);
        _diffused = new float[spec.MaxBlockFrames];
        _delayedScratch = new float[spec.MaxBlockFrames];
        _pushedScratch = new float[spec.MaxBlockFrames];
        int ringLength = 1;
        _targetGainsDesigned = false;
        for (int i = 0; i < LineCount; i++)
        {
            _lineMaxFrames[i] = LineMaxFrames(_sampleRateHz, i);
            ringLength = Math.Max(ringLength, (int)BitOperations.RoundUpToPowerOf2((uint)(_lineMaxFrames[i] + 4)));
        }
        _ring = new float[ringLength * LineCount];
        _ringMask = ringLength - 1;
        _ringWrite = 0;
        for (int i = 0; i < _diffusers.Length; i++)
        {
            _diffusers[i].Prepare(_sampleRateHz, DiffuserMs[i] + 1);
            _diffuserFrames[i] = (int)Math.Round(DiffuserMs[i] * _sampleRateHz / 1000);
        }
        UpdateTargetLengths();
        Array.Copy(_targetFrames, _lengthFrames, LineCount);
        UpdateLoopGains();
        Reset();
    }

    /// <summary>Silences every line; settings are kept and a pending size change completes.</summary>
    public void Reset()
    {
        _preDelay.Reset();
        Array.Clear(_ring);
        foreach (var diffuser in _diffusers) diffuser.Reset();
        _dampLow = _dampHigh = Vector128<float>.Zero;
        Array.Copy(_targetFrames, _lengthFrames, LineCount);
        if (_targetGainsDesigned) _targetGains.AsSpan().CopyTo(_loopGain);
        else UpdateLoopGains();
    }

    /// <summary>Processes channels 0 and 1 of <paramref name="buffer"/> in place (mono buffers get the left output).</summary>
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

        if (frames > _diffused.Length)
        {
            // Longer than prepared for: in prepared-size pieces (while settings hold, the split does not change the result).
            for (int start = 0; start < frames; start += _diffused.Length)
            {
                int n = Math.Min(_diffused.Length, frames - start);
                Process(inLeft.Slice(start, n), inRight.Slice(start, n), outLeft.Slice(start, n), outRight.Slice(start, n));
            }

            return;
        }

        if (StepLengthsTowardsTargets()) UpdateLoopGains();
        int preDelayFrames = (int)Math.Round(PreDelayMs * _sampleRateHz / 1000);
        float damping = 0.9f * Damping, wet = Mix, dry = 1f - Mix;
        const float inputGain = 0.35355339f; // 1/sqrt(8): the input spreads over eight lines at unit power
        const float outputGain = 0.35355339f;
        ref float taps = ref MemoryMarshal.GetArrayDataReference(_ring);
        int mask = _ringMask, write = _ringWrite;
        // Read offsets (length - 1 pushes ago is exactly length frames of loop delay), within each line's range.
        int d0 = Lag(0), d1 = Lag(1), d2 = Lag(2), d3 = Lag(3), d4 = Lag(4), d5 = Lag(5), d6 = Lag(6), d7 = Lag(7);
        Vector128<float> gainLow = Vector128.Create(_loopGain[0], _loopGain[1], _loopGain[2], _loopGain[3]);
        Vector128<float> gainHigh = Vector128.Create(_loopGain[4], _loopGain[5], _loopGain[6], _loopGain[7]);
        Vector128<float> dampingV = Vector128.Create(damping);
        Vector128<float> inputSigns = Vector128.Create(inputGain, -inputGain, inputGain, -inputGain);
        Vector128<float> dampLow = _dampLow, dampHigh = _dampHigh;
        Span<float> diffused = Diffuse(inLeft, inRight, frames, preDelayFrames);
        for (int n = 0; n < frames; n++)
        {
            float xl = inLeft[n], xr = inRight[n];
            float x = diffused[n];

            // Unchecked: a masked position times eight plus a line number lies inside the ring.
            float t0 = Unsafe.Add(ref taps, (((write - d0) & mask) << 3) + 0), t1 = Unsafe.Add(ref taps, (((write - d1) & mask) << 3) + 1);
            float t2 = Unsafe.Add(ref taps, (((write - d2) & mask) << 3) + 2), t3 = Unsafe.Add(ref taps, (((write - d3) & mask) << 3) + 3);
            float t4 = Unsafe.Add(ref taps, (((write - d4) & mask) << 3) + 4), t5 = Unsafe.Add(ref taps, (((write - d5) & mask) << 3) + 5);
            float t6 = Unsafe.Add(ref taps, (((write - d6) & mask) << 3) + 6), t7 = Unsafe.Add(ref taps, (((write - d7) & mask) << 3) + 7);
            // Output taps summed in line order with the signs of OutputSignsLeft/Right.
            float outL = t0 - t1 + t2 - t3 + t4 - t5 + t6 - t7;
            float outR = t0 + t1 - t2 - t3 + t4 + t5 - t6 - t7;

            Vector128<float> tapLow = Vector128.Create(t0, t1, t2, t3), tapHigh = Vector128.Create(t4, t5, t6, t7);
            dampLow = Flush(tapLow + dampingV * (dampLow - tapLow));
            dampHigh = Flush(tapHigh + dampingV * (dampHigh - tapHigh));
            Hadamard8(gainLow * dampLow, gainHigh * dampHigh, out Vector128<float> low, out Vector128<float> high);
            Vector128<float> xv = Vector128.Create(x);
            write = (write + 1) & mask;
            int at = write << 3;
            Flush(low + inputSigns * xv).StoreUnsafe(ref taps, (nuint)at);
            Flush(high + inputSigns * xv).StoreUnsafe(ref taps, (nuint)(at + 4));

            outLeft[n] = dry * xl + wet * outputGain * outL;
            outRight[n] = dry * xr + wet * outputGain * outR;
        }
        _ringWrite = write;
        _dampLow = dampLow;
        _dampHigh = dampHigh;
    }

    // Mono input through the pre-delay and the four allpass diffusers, a stage at a time over the block. The
    // diffusers are longer than any block, so each stage reads its delayed samples before it writes; the
    // per-sample loop remains for blocks longer than a diffuser.
    private Span<float> Diffuse(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, int frames, int preDelayFrames)
    {
        Span<float> x = _diffused.AsSpan(0, frames), delayed = _delayedScratch.AsSpan(0, frames), pushed = _pushedScratch.AsSpan(0, frames);
        for (int n = 0; n < frames; n++) x[n] = 0.5f * (inLeft[n] + inRight[n]);
        _preDelay.Process(x, preDelayFrames);
        var gain = new Vector<float>(DiffuserGain);
        var threshold = new Vector<float>(DenormalGuard.Threshold);
        for (int d = 0; d < _diffusers.Length; d++)
        {
            // Schroeder allpass: flat magnitude, smears the attack into many small echoes.
            DelayLine line = _diffusers[d];
            int length = _diffuserFrames[d];
            if (length < frames)
            {
                for (int n = 0; n < frames; n++)
                {
                    float held = line.Read(length);
                    float v = x[n] + DiffuserGain * held;
                    line.Push(DenormalGuard.Flush(v));
                    x[n] = held - DiffuserGain * v;
                }

                continue;
            }

            line.ReadAhead(length, delayed);
            int i = 0;
            for (; i + Vector<float>.Count <= frames; i += Vector<float>.Count)
            {
                var h = new Vector<float>(delayed[i..]);
                var v = new Vector<float>(x[i..]) + gain * h;
                Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(v), threshold), Vector<float>.Zero, v).CopyTo(pushed[i..]);
                (h - gain * v).CopyTo(x[i..]);
            }

            for (; i < frames; i++)
            {
                float v = x[i] + DiffuserGain * delayed[i];
                pushed[i] = DenormalGuard.Flush(v);
                x[i] = delayed[i] - DiffuserGain * v;
            }

            line.Write(pushed);
        }

        return x;
    }

    private int Lag(int line) => Math.Clamp(_lengthFrames[line] - 1, 0, _lineMaxFrames[line]);

    // DenormalGuard.Flush in every lane.
    private static Vector128<float> Flush(Vector128<float> v) =>
        Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(v), Vector128.Create(DenormalGuard.Threshold)), Vector128<float>.Zero, v);

    // Orthonormal fast Walsh-Hadamard transform of eight values (lossless mixing), lines 0-3 and 4-7 in two vectors:
    // butterflies a + b, a - b at widths 1, 2, 4, then the 1/sqrt(8) scale.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per frame in the loop: a call there costs as much as the butterflies
    private static void Hadamard8(Vector128<float> lowIn, Vector128<float> highIn, out Vector128<float> low, out Vector128<float> high)
    {
        Vector128<float> firstOfPair = Vector128.Create(-1, 0, -1, 0).AsSingle(), firstHalf = Vector128.Create(-1, -1, 0, 0).AsSingle();
        Vector128<int> swap1 = Vector128.Create(1, 0, 3, 2), swap2 = Vector128.Create(2, 3, 0, 1);
        Vector128<float> s = Vector128.Shuffle(lowIn, swap1);
        lowIn = Vector128.ConditionalSelect(firstOfPair, lowIn + s, s - lowIn);
        s = Vector128.Shuffle(highIn, swap1);
        highIn = Vector128.ConditionalSelect(firstOfPair, highIn + s, s - highIn);
        s = Vector128.Shuffle(lowIn, swap2);
        lowIn = Vector128.ConditionalSelect(firstHalf, lowIn + s, s - lowIn);
        s = Vector128.Shuffle(highIn, swap2);
        highIn = Vector128.ConditionalSelect(firstHalf, highIn + s, s - highIn);
        Vector128<float> scale = Vector128.Create(0.35355339f);
        low = (lowIn + highIn) * scale;
        high = (lowIn - highIn) * scale;
    }

    private bool StepLengthsTowardsTargets()
    {
        bool changed = false;
        for (int i = 0; i < LineCount; i++)
        {
            int step = Math.Sign(_targetFrames[i] - _lengthFrames[i]);
            if (step == 0) continue;
            _lengthFrames[i] += step;
            changed = true;
        }
        return changed;
    }

    private void UpdateTargetLengths()
    {
        if (_sampleRateHz == 0) return;
        for (int i = 0; i < LineCount; i++) _targetFrames[i] = TargetFrames(_sampleRateHz, Size, i);
    }

    private void UpdateLoopGains()
    {
        if (_sampleRateHz == 0) return;
        for (int i = 0; i < LineCount; i++) _loopGain[i] = LoopGain(_lengthFrames[i], DecayTimeSeconds, _sampleRateHz);
    }

    private static float ClampDecay(float seconds) => Math.Clamp(seconds, 0.05f, 100f);

    private static int LineMaxFrames(double sampleRateHz, int line) => (int)Math.Ceiling(sampleRateHz * (LineMsAtFullSize[line] + 1) / 1000.0);

    private static int TargetFrames(double sampleRateHz, float size, int line)
    {
        double scale = SmallestScale + (1 - SmallestScale) * size;
        return Math.Min(LineMaxFrames(sampleRateHz, line), Math.Max(2, (int)Math.Round(LineMsAtFullSize[line] * scale * sampleRateHz / 1000)));
    }

    // 60 dB of decay in the RT60 at low frequencies: 10^(-3 L / (RT60 fs)) per pass of a line L frames long.
    private static float LoopGain(int lengthFrames, float decayTimeSeconds, double sampleRateHz) =>
        (float)Math.Pow(10, -3.0 * lengthFrames / (decayTimeSeconds * sampleRateHz));
}
