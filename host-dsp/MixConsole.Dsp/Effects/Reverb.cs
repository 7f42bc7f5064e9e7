using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Runtime.InteropServices;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Delay;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Effects;

/// <summary>
/// Algorithmic stereo reverb for a send/return slot: pre-delay, four input allpass
/// diffusers, then a feedback delay network of eight lines mixed by an orthonormal
/// 8x8 Hadamard matrix (Jot's FDN). Each line's loop gain is 10^(-3 L / (RT60 fs)) for
/// its length L, so energy decays 60 dB in <see cref="DecayTimeSeconds"/> at low
/// frequencies; a one-pole low-pass per line (<see cref="Damping"/>) shortens the decay of
/// high frequencies. Every loop gain is below 1 and the matrix is lossless, so no setting
/// can make it unstable. <see cref="Size"/> scales the line lengths; a change moves each
/// line by at most one frame per block, so the tail bends rather than clicks. Once its tail has died to +0 in every
/// line, a block of +0 input only steps the line lengths and outputs +0, as running it would (an idle send effect).
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
    // A chunk's scratch (two copies of eight lines' taps) stays in the first-level cache.
    private const int MaxChunkFrames = 64;

    // The eight loop lines share one write position, each in its own stretch of one ring ([line * length + position]),
    // so a chunk's taps and pushes of a line are contiguous copies and the mixing runs over time in SIMD lanes.
    private float[] _ring = [];
    private int _ringLength, _ringMask, _ringWrite;
    // Longest chunk (frames), each line's read offset this block, and the chunk's taps by line and by frame.
    private int _chunkFrames;
    // The per-line values sit inside the object, not in arrays of their own: fewer cache lines to miss at each block.
    private ReverbLines<int> _lag;
    private float[] _lineScratch = [], _frameScratch = [];
    private ReverbLines<int> _lineMaxFrames;
    // Loop gains at the target lengths from the last design applied (valid until a setter changes decay or size).
    private ReverbLines<float> _targetGains;
    private bool _targetGainsDesigned;
    private float _decayTimeSeconds = 1.8f, _size = 0.7f;
    private Vector128<float> _dampLow, _dampHigh;
    private readonly ReverbDiffusers _diffusers = new();
    private readonly DelayLine _preDelay = new();
    private ReverbLines<int> _lengthFrames, _targetFrames;
    private ReverbLines<float> _loopGain;
    private double _sampleRateHz;
    private float[] _diffused = [];
    // Every line, the pre-delay, the diffusers and the damping hold +0 (so a block of +0 input changes nothing but the
    // write positions, which an all-zero ring cannot tell apart); and how long the input and the pushes have been +0.
    private bool _silent;
    private int _zeroInputFrames, _zeroPushFrames;

    /// <summary>Creates a reverb: 20 ms pre-delay, 1.8 s decay, size 0.7, damping 0.3, fully wet.</summary>
    public Reverb()
    {
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

    /// <summary>True while every line holds +0: a block of +0 input runs nothing.</summary>
    public bool IsSilent => _silent;

    /// <summary>Runs every block in full, silent or not: the plain path the silent one is tested against.</summary>
    internal bool RunsSilence { get; init; }

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
        if (settled) _loopGain = _targetGains;
    }

    /// <summary>Sizes all lines for the largest size and pre-delay at <paramref name="spec"/>'s rate.</summary>
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _preDelay.Prepare(_sampleRateHz, MaxPreDelayMs);
        _diffused = new float[spec.MaxBlockFrames];
        int ringLength = 1;
        _targetGainsDesigned = false;
        for (int i = 0; i < LineCount; i++)
        {
            _lineMaxFrames[i] = LineMaxFrames(_sampleRateHz, i);
            ringLength = Math.Max(ringLength, (int)BitOperations.RoundUpToPowerOf2((uint)(_lineMaxFrames[i] + 4)));
        }
        _ring = new float[ringLength * LineCount];
        _ringLength = ringLength;
        _ringMask = ringLength - 1;
        _chunkFrames = Math.Min(spec.MaxBlockFrames, MaxChunkFrames);
        _lineScratch = new float[LineCount * _chunkFrames];
        _frameScratch = new float[LineCount * _chunkFrames];
        _ringWrite = 0;
        Span<int> diffuserFrames = stackalloc int[DiffuserMs.Length];
        for (int i = 0; i < diffuserFrames.Length; i++) diffuserFrames[i] = (int)Math.Round(DiffuserMs[i] * _sampleRateHz / 1000);
        _diffusers.Prepare(diffuserFrames, DiffuserGain);
        UpdateTargetLengths();
        _lengthFrames = _targetFrames;
        UpdateLoopGains();
        Reset();
    }

    /// <summary>Silences every line; settings are kept and a pending size change completes.</summary>
    public void Reset()
    {
        _preDelay.Reset();
        Array.Clear(_ring);
        _diffusers.Reset();
        _ringWrite = 0;
        _dampLow = _dampHigh = Vector128<float>.Zero;
        _silent = true;
        _zeroInputFrames = _zeroPushFrames = 0;
        _lengthFrames = _targetFrames;
        if (_targetGainsDesigned) _loopGain = _targetGains;
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
        bool zeroInput = IsZero(inLeft) && IsZero(inRight);
        if (zeroInput && _silent && !RunsSilence)
        {
            // Every product and sum of +0 with +0 here is +0: what a run would output and push.
            outLeft[..frames].Clear();
            outRight[..frames].Clear();
            return;
        }

        _silent = false;
        _zeroInputFrames = zeroInput ? (int)Math.Min((long)_zeroInputFrames + frames, int.MaxValue) : 0;
        if (!zeroInput) _zeroPushFrames = 0;
        // Read offsets (length - 1 pushes ago is exactly length frames of loop delay), within each line's range. A chunk
        // no longer than the shortest lag + 1 reads only samples pushed before it, so it reads every tap, then writes.
        int shortest = int.MaxValue;
        for (int i = 0; i < LineCount; i++) shortest = Math.Min(shortest, _lag[i] = Lag(i));
        PrefetchTaps(frames);
        int preDelayFrames = (int)Math.Round(PreDelayMs * _sampleRateHz / 1000);
        Span<float> diffused = Diffuse(inLeft, inRight, frames, preDelayFrames);
        int chunk = Math.Min(_chunkFrames, shortest + 1);
        for (int start = 0; start < frames; start += chunk)
        {
            int n = Math.Min(chunk, frames - start);
            RunChunk(inLeft.Slice(start, n), inRight.Slice(start, n), diffused.Slice(start, n), outLeft.Slice(start, n), outRight.Slice(start, n));
        }

        if (zeroInput) _silent = TailDied();
    }

    // After a block of +0 input: the pre-delay has pushed +0 through its whole ring, every line has pushed +0 through its
    // whole stretch, and the damping and the diffusers hold +0.
    private bool TailDied()
    {
        if (_zeroInputFrames < _preDelay.Capacity || _zeroPushFrames < _ringLength) return false;
        if (_dampLow.AsInt32() != Vector128<int>.Zero || _dampHigh.AsInt32() != Vector128<int>.Zero) return false;
        return _diffusers.HoldsOnlyZeros;
    }

    private static bool IsZero(ReadOnlySpan<float> samples) => MemoryMarshal.Cast<float, int>(samples).IndexOfAnyExcept(0) < 0;

    // The block's taps were pushed up to a line length ago and have left the cache among everything else a console
    // block touches: asking for them before the diffusers run lets the misses overlap that work.
    private unsafe void PrefetchTaps(int frames)
    {
        if (!Sse.IsSupported) return;
        fixed (float* ring = _ring)
        {
            for (int i = 0; i < LineCount; i++)
            {
                float* line = ring + i * _ringLength;
                int from = _ringWrite - _lag[i];
                for (int k = 0; k < frames + 16; k += 16) Sse.Prefetch0(line + ((from + k) & _ringMask));
            }
        }
    }

    // One chunk of the network, a stage at a time over the chunk: the taps of every line, the outputs, the damping
    // (the only recursion, frame by frame with the eight lines in SIMD lanes), the Hadamard mix and the pushes. Each
    // sample takes the same operations in the same order as a frame-by-frame loop would.
    private void RunChunk(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, ReadOnlySpan<float> diffused, Span<float> outLeft, Span<float> outRight)
    {
        int n = diffused.Length, stride = _chunkFrames, write = _ringWrite;
        Span<float> lines = _lineScratch, frames = _frameScratch;
        CopyLines(write, n, push: false);
        MixOutputs(lines, stride, inLeft, inRight, outLeft, outRight, n);
        Transpose(lines, stride, frames, n, toFrames: true);
        Damp(frames, n);
        Transpose(lines, stride, frames, n, toFrames: false);
        int push = (write + 1) & _ringMask;
        if (push + n <= _ringLength)
        {
            // The pushes do not wrap round the ring: the mix writes them straight into every line's stretch.
            Span<float> ring = _ring.AsSpan(push);
            MixLines(lines, stride, diffused, n, ring, _ringLength);
            CountZeroPushes(ring, _ringLength, n);
        }
        else
        {
            MixLines(lines, stride, diffused, n, lines, stride);
            CountZeroPushes(lines, stride, n);
            CopyLines(push, n, push: true);
        }

        _ringWrite = (write + n) & _ringMask;
    }

    // While the input is +0, how many frames in a row every line has pushed +0 (the tail dying away).
    private void CountZeroPushes(ReadOnlySpan<float> lines, int stride, int n)
    {
        if (_zeroInputFrames == 0) return;
        for (int i = 0; i < LineCount; i++)
        {
            if (!IsZero(lines.Slice(i * stride, n)))
            {
                _zeroPushFrames = 0;
                return;
            }
        }

        _zeroPushFrames = (int)Math.Min((long)_zeroPushFrames + n, int.MaxValue);
    }

    // Output taps summed in line order with the signs of the outputs (left +-+-+-+-, right ++--++--), after the dry share.
    private void MixOutputs(ReadOnlySpan<float> lines, int stride, ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight,
        Span<float> outLeft, Span<float> outRight, int n)
    {
        const float outputGain = 0.35355339f; // 1/sqrt(8)
        if (lines.Length < 7 * stride + n) throw new ArgumentException("scratch shorter than the chunk");
        float dry = 1f - Mix, wet = Mix * outputGain;
        ref float t = ref MemoryMarshal.GetReference(lines);
        int k = 0, w = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> vDry = new(dry), vWet = new(wet);
            for (; k + w <= n; k += w)
            {
                nuint at = (nuint)k, s = (nuint)stride;
                var t0 = Vector.LoadUnsafe(ref t, at);
                var t1 = Vector.LoadUnsafe(ref t, at + s);
                var t2 = Vector.LoadUnsafe(ref t, at + 2 * s);
                var t3 = Vector.LoadUnsafe(ref t, at + 3 * s);
                var t4 = Vector.LoadUnsafe(ref t, at + 4 * s);
                var t5 = Vector.LoadUnsafe(ref t, at + 5 * s);
                var t6 = Vector.LoadUnsafe(ref t, at + 6 * s);
                var t7 = Vector.LoadUnsafe(ref t, at + 7 * s);
                var left = t0 - t1 + t2 - t3 + t4 - t5 + t6 - t7;
                var right = t0 + t1 - t2 - t3 + t4 + t5 - t6 - t7;
                var xl = new Vector<float>(inLeft[k..]);
                var xr = new Vector<float>(inRight[k..]);
                (vDry * xl + vWet * left).CopyTo(outLeft[k..]);
                (vDry * xr + vWet * right).CopyTo(outRight[k..]);
            }
        }

        for (; k < n; k++)
        {
            float t0 = lines[k], t1 = lines[stride + k], t2 = lines[2 * stride + k], t3 = lines[3 * stride + k];
            float t4 = lines[4 * stride + k], t5 = lines[5 * stride + k], t6 = lines[6 * stride + k], t7 = lines[7 * stride + k];
            float left = t0 - t1 + t2 - t3 + t4 - t5 + t6 - t7;
            float right = t0 + t1 - t2 - t3 + t4 + t5 - t6 - t7;
            float xl = inLeft[k], xr = inRight[k];
            outLeft[k] = dry * xl + wet * left;
            outRight[k] = dry * xr + wet * right;
        }
    }

    // The one-pole low-pass of every line, frame by frame (frame k's eight taps at k * 8), leaving each line's loop gain
    // times its damped tap in place.
    private void Damp(Span<float> frames, int n)
    {
        if (frames.Length < n * LineCount) throw new ArgumentException("scratch shorter than the chunk");
        ref float f = ref MemoryMarshal.GetReference(frames);
        Vector128<float> gainLow = Vector128.Create(_loopGain[0], _loopGain[1], _loopGain[2], _loopGain[3]);
        Vector128<float> gainHigh = Vector128.Create(_loopGain[4], _loopGain[5], _loopGain[6], _loopGain[7]);
        Vector128<float> damping = Vector128.Create(0.9f * Damping);
        Vector128<float> dampLow = _dampLow, dampHigh = _dampHigh;
        for (int k = 0; k < n; k++)
        {
            nuint at = (nuint)(k * LineCount);
            Vector128<float> tapLow = Vector128.LoadUnsafe(ref f, at), tapHigh = Vector128.LoadUnsafe(ref f, at + 4);
            dampLow = Flush(tapLow + damping * (dampLow - tapLow));
            dampHigh = Flush(tapHigh + damping * (dampHigh - tapHigh));
            (gainLow * dampLow).StoreUnsafe(ref f, at);
            (gainHigh * dampHigh).StoreUnsafe(ref f, at + 4);
        }

        _dampLow = dampLow;
        _dampHigh = dampHigh;
    }

    // Orthonormal fast Walsh-Hadamard transform of the eight damped lines (lossless mixing: butterflies a + b, a - b
    // between lines 1, 2 and 4 apart, then the 1/sqrt(8) scale), plus the diffused input spread with alternating signs at
    // 1/sqrt(8), flushed: what each line pushes, into its row of pushes (which may be the lines' own rows).
    private static void MixLines(ReadOnlySpan<float> lines, int stride, ReadOnlySpan<float> diffused, int n, Span<float> pushes, int pushStride)
    {
        const float scale = 0.35355339f, inputGain = 0.35355339f; // 1/sqrt(8): the input spreads over eight lines at unit power
        if (lines.Length < 7 * stride + n || diffused.Length < n || pushes.Length < 7 * pushStride + n) throw new ArgumentException("scratch shorter than the chunk");
        ref float a = ref MemoryMarshal.GetReference(lines);
        ref float p = ref MemoryMarshal.GetReference(pushes);
        int k = 0, w = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> vScale = new(scale), vPlus = new(inputGain), vMinus = new(-inputGain), threshold = new(DenormalGuard.Threshold);
            for (; k + w <= n; k += w)
            {
                nuint at = (nuint)k, s = (nuint)stride, ps = (nuint)pushStride;
                var a0 = Vector.LoadUnsafe(ref a, at);
                var a1 = Vector.LoadUnsafe(ref a, at + s);
                var a2 = Vector.LoadUnsafe(ref a, at + 2 * s);
                var a3 = Vector.LoadUnsafe(ref a, at + 3 * s);
                var a4 = Vector.LoadUnsafe(ref a, at + 4 * s);
                var a5 = Vector.LoadUnsafe(ref a, at + 5 * s);
                var a6 = Vector.LoadUnsafe(ref a, at + 6 * s);
                var a7 = Vector.LoadUnsafe(ref a, at + 7 * s);
                Vector<float> y0 = a0 + a1, y1 = a0 - a1, y2 = a2 + a3, y3 = a2 - a3, y4 = a4 + a5, y5 = a4 - a5, y6 = a6 + a7, y7 = a6 - a7;
                Vector<float> z0 = y0 + y2, z1 = y1 + y3, z2 = y0 - y2, z3 = y1 - y3, z4 = y4 + y6, z5 = y5 + y7, z6 = y4 - y6, z7 = y5 - y7;
                var x = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(diffused), at);
                Vector<float> plus = vPlus * x, minus = vMinus * x;
                Flush((z0 + z4) * vScale + plus, threshold).StoreUnsafe(ref p, at);
                Flush((z1 + z5) * vScale + minus, threshold).StoreUnsafe(ref p, at + ps);
                Flush((z2 + z6) * vScale + plus, threshold).StoreUnsafe(ref p, at + 2 * ps);
                Flush((z3 + z7) * vScale + minus, threshold).StoreUnsafe(ref p, at + 3 * ps);
                Flush((z0 - z4) * vScale + plus, threshold).StoreUnsafe(ref p, at + 4 * ps);
                Flush((z1 - z5) * vScale + minus, threshold).StoreUnsafe(ref p, at + 5 * ps);
                Flush((z2 - z6) * vScale + plus, threshold).StoreUnsafe(ref p, at + 6 * ps);
                Flush((z3 - z7) * vScale + minus, threshold).StoreUnsafe(ref p, at + 7 * ps);
            }
        }

        for (; k < n; k++)
        {
            float a0 = lines[k], a1 = lines[stride + k], a2 = lines[2 * stride + k], a3 = lines[3 * stride + k];
            float a4 = lines[4 * stride + k], a5 = lines[5 * stride + k], a6 = lines[6 * stride + k], a7 = lines[7 * stride + k];
            float y0 = a0 + a1, y1 = a0 - a1, y2 = a2 + a3, y3 = a2 - a3, y4 = a4 + a5, y5 = a4 - a5, y6 = a6 + a7, y7 = a6 - a7;
            float z0 = y0 + y2, z1 = y1 + y3, z2 = y0 - y2, z3 = y1 - y3, z4 = y4 + y6, z5 = y5 + y7, z6 = y4 - y6, z7 = y5 - y7;
            float plus = inputGain * diffused[k], minus = -inputGain * diffused[k];
            pushes[k] = DenormalGuard.Flush((z0 + z4) * scale + plus);
            pushes[pushStride + k] = DenormalGuard.Flush((z1 + z5) * scale + minus);
            pushes[2 * pushStride + k] = DenormalGuard.Flush((z2 + z6) * scale + plus);
            pushes[3 * pushStride + k] = DenormalGuard.Flush((z3 + z7) * scale + minus);
            pushes[4 * pushStride + k] = DenormalGuard.Flush((z0 - z4) * scale + plus);
            pushes[5 * pushStride + k] = DenormalGuard.Flush((z1 - z5) * scale + minus);
            pushes[6 * pushStride + k] = DenormalGuard.Flush((z2 - z6) * scale + plus);
            pushes[7 * pushStride + k] = DenormalGuard.Flush((z3 - z7) * scale + minus);
        }
    }

    // Between the lines' rows (line i at i * stride) and frame rows (frame k at k * 8): whole 8 x 8 tiles with AVX, the rest one by one.
    private static void Transpose(Span<float> lines, int stride, Span<float> frames, int n, bool toFrames)
    {
        int k = LaneTranspose.Tiles(lines, stride, frames, LineCount, LineCount, n, toFrames);
        for (; k < n; k++)
        {
            for (int i = 0; i < LineCount; i++)
            {
                if (toFrames) frames[k * LineCount + i] = lines[i * stride + k];
                else lines[i * stride + k] = frames[k * LineCount + i];
            }
        }
    }

    // Every line's taps into its row of the scratch (or the scratch's rows into the lines as pushes), ring position
    // at - lag (or at) on for each, wrapping round the ring; unchecked: the positions are masked and n fits the scratch.
    private void CopyLines(int at, int n, bool push)
    {
        if (n > _chunkFrames) throw new ArgumentOutOfRangeException(nameof(n));
        ref float ring = ref MemoryMarshal.GetArrayDataReference(_ring);
        ref float rows = ref MemoryMarshal.GetArrayDataReference(_lineScratch);
        int length = _ringLength;
        for (int i = 0; i < LineCount; i++)
        {
            int from = push ? at : (at - _lag[i]) & _ringMask, head = Math.Min(n, length - from);
            ref float line = ref Unsafe.Add(ref ring, i * length);
            ref float row = ref Unsafe.Add(ref rows, i * _chunkFrames);
            if (push)
            {
                BlockCopy.Unchecked(ref row, ref Unsafe.Add(ref line, from), head);
                if (head < n) BlockCopy.Unchecked(ref Unsafe.Add(ref row, head), ref line, n - head);
            }
            else
            {
                BlockCopy.Unchecked(ref Unsafe.Add(ref line, from), ref row, head);
                if (head < n) BlockCopy.Unchecked(ref line, ref Unsafe.Add(ref row, head), n - head);
            }
        }
    }

    // Mono input through the pre-delay and the four allpass diffusers, a stage at a time over the block.
    private Span<float> Diffuse(ReadOnlySpan<float> inLeft, ReadOnlySpan<float> inRight, int frames, int preDelayFrames)
    {
        Span<float> x = _diffused.AsSpan(0, frames);
        int n = 0, w = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var half = new Vector<float>(0.5f);
            for (; n + w <= frames; n += w) (half * (new Vector<float>(inLeft[n..]) + new Vector<float>(inRight[n..]))).CopyTo(x[n..]);
        }

        for (; n < frames; n++) x[n] = 0.5f * (inLeft[n] + inRight[n]);
        _preDelay.Process(x, preDelayFrames);
        _diffusers.Process(x);
        return x;
    }

    private int Lag(int line) => Math.Clamp(_lengthFrames[line] - 1, 0, _lineMaxFrames[line]);

    // DenormalGuard.Flush in every lane.
    private static Vector128<float> Flush(Vector128<float> v) =>
        Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(v), Vector128.Create(DenormalGuard.Threshold)), Vector128<float>.Zero, v);

    private static Vector<float> Flush(Vector<float> v, Vector<float> threshold) =>
        Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(v), threshold), Vector<float>.Zero, v);

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
