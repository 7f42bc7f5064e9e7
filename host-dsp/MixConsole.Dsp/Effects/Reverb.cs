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
    private static readonly float[] OutputSignsLeft = [1, -1, 1, -1, 1, -1, 1, -1];
    private static readonly float[] OutputSignsRight = [1, 1, -1, -1, 1, 1, -1, -1];

    private readonly DelayLine[] _lines = new DelayLine[LineCount];
    private readonly DelayLine[] _diffusers = new DelayLine[4];
    private readonly DelayLine _preDelay = new();
    private readonly int[] _lengthFrames = new int[LineCount];
    private readonly int[] _targetFrames = new int[LineCount];
    private readonly float[] _loopGain = new float[LineCount];
    private readonly float[] _dampState = new float[LineCount];
    private readonly int[] _diffuserFrames = new int[4];
    private readonly float[] _taps = new float[LineCount];
    private double _sampleRateHz;

    /// <summary>Creates a reverb: 20 ms pre-delay, 1.8 s decay, size 0.7, damping 0.3, fully wet.</summary>
    public Reverb()
    {
        for (int i = 0; i < LineCount; i++) _lines[i] = new DelayLine();
        for (int i = 0; i < _diffusers.Length; i++) _diffusers[i] = new DelayLine();
    }

    /// <summary>Pre-delay before the reverb starts, in milliseconds (0..500).</summary>
    public float PreDelayMs { get; set => field = (float)Math.Clamp(value, 0, MaxPreDelayMs); } = 20f;

    /// <summary>RT60: time for the (low-frequency) energy to fall by 60 dB, in seconds, clamped to 0.05..100.</summary>
    public float DecayTimeSeconds
    {
        get;
        set
        {
            field = Math.Clamp(value, 0.05f, 100f);
            UpdateLoopGains();
        }
    } = 1.8f;

    /// <summary>Room size 0..1: scales the network's line lengths from 25 % to 100 % (31..73 ms).</summary>
    public float Size
    {
        get;
        set
        {
            field = Math.Clamp(value, 0f, 1f);
            UpdateTargetLengths();
        }
    } = 0.7f;

    /// <summary>High-frequency damping 0..1: 0 decays all frequencies at the RT60; higher values darken the tail.</summary>
    public float Damping { get; set => field = Math.Clamp(value, 0f, 1f); } = 0.3f;

    /// <summary>Wet share of the output: 1 = reverb only (for a return), 0 = dry only.</summary>
    public float Mix { get; set => field = Math.Clamp(value, 0f, 1f); } = 1f;

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <summary>Sizes all lines for the largest size and pre-delay at <paramref name="spec"/>'s rate.</summary>
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _sampleRateHz = spec.SampleRateHz;
        _preDelay.Prepare(_sampleRateHz, MaxPreDelayMs);
        for (int i = 0; i < LineCount; i++) _lines[i].Prepare(_sampleRateHz, LineMsAtFullSize[i] + 1);
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
        foreach (var line in _lines) line.Reset();
        foreach (var diffuser in _diffusers) diffuser.Reset();
        Array.Clear(_dampState);
        Array.Copy(_targetFrames, _lengthFrames, LineCount);
        UpdateLoopGains();
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

        if (StepLengthsTowardsTargets()) UpdateLoopGains();
        int preDelayFrames = (int)Math.Round(PreDelayMs * _sampleRateHz / 1000);
        float damping = 0.9f * Damping, wet = Mix, dry = 1f - Mix;
        const float inputGain = 0.35355339f; // 1/sqrt(8): the input spreads over eight lines at unit power
        const float outputGain = 0.35355339f;
        Span<float> taps = _taps;
        ReadOnlySpan<int> lengths = _lengthFrames;
        ReadOnlySpan<float> loopGain = _loopGain;
        Span<float> damp = _dampState;
        for (int n = 0; n < frames; n++)
        {
            float xl = inLeft[n], xr = inRight[n];
            _preDelay.Push(0.5f * (xl + xr));
            float x = _preDelay.Read(preDelayFrames);
            for (int d = 0; d < _diffusers.Length; d++)
            {
                // Schroeder allpass: flat magnitude, smears the attack into many small echoes.
                float delayed = _diffusers[d].Read(_diffuserFrames[d]);
                float v = x + DiffuserGain * delayed;
                _diffusers[d].Push(DenormalGuard.Flush(v));
                x = delayed - DiffuserGain * v;
            }

            float outL = 0f, outR = 0f;
            for (int i = 0; i < LineCount; i++)
            {
                // Read before this frame's push: length - 1 pushes ago is exactly length frames of loop delay.
                float tap = _lines[i].Read(lengths[i] - 1);
                outL += OutputSignsLeft[i] * tap;
                outR += OutputSignsRight[i] * tap;
                damp[i] = DenormalGuard.Flush(tap + damping * (damp[i] - tap));
                taps[i] = loopGain[i] * damp[i];
            }
            Hadamard8(taps);
            for (int i = 0; i < LineCount; i++)
                _lines[i].Push(DenormalGuard.Flush(taps[i] + ((i & 1) == 0 ? inputGain : -inputGain) * x));

            outLeft[n] = dry * xl + wet * outputGain * outL;
            outRight[n] = dry * xr + wet * outputGain * outR;
        }
    }

    // Orthonormal fast Walsh-Hadamard transform of eight values (lossless mixing).
    private static void Hadamard8(Span<float> v)
    {
        for (int width = 1; width < LineCount; width <<= 1)
            for (int i = 0; i < LineCount; i += width << 1)
                for (int j = i; j < i + width; j++)
                {
                    float a = v[j], b = v[j + width];
                    v[j] = a + b;
                    v[j + width] = a - b;
                }
        const float scale = 0.35355339f;
        for (int i = 0; i < LineCount; i++) v[i] *= scale;
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
        double scale = SmallestScale + (1 - SmallestScale) * Size;
        for (int i = 0; i < LineCount; i++)
            _targetFrames[i] = Math.Min(_lines[i].MaxDelayFrames, Math.Max(2, (int)Math.Round(LineMsAtFullSize[i] * scale * _sampleRateHz / 1000)));
    }

    private void UpdateLoopGains()
    {
        if (_sampleRateHz == 0) return;
        for (int i = 0; i < LineCount; i++)
            _loopGain[i] = (float)Math.Pow(10, -3.0 * _lengthFrames[i] / (DecayTimeSeconds * _sampleRateHz));
    }
}
