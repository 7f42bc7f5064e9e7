using MixConsole.Dsp.Core;

namespace MixConsole.Dsp.Mastering;

/// <summary>
/// Requantises float audio to a <see cref="BitDepth"/>-bit integer grid with TPDF dither (two uniform
/// variables, ±1 LSB peak) and optional first-order noise shaping. Apply once, last, only when writing
/// integers: the output lies exactly on the grid, so the writer's conversion is lossless.
/// Deterministic: the same <see cref="Seed"/> gives the same noise whatever the block size.
/// </summary>
public sealed class TpdfDither : IAudioProcessor
{
    private uint[] _rngState = [];
    private float[] _shapingError = [];
    private int _bitDepth = 16;
    private uint _seed = 0x2545F491;

    /// <summary>Target word length in bits, 8..24 (16 for CD, 24 for hi-res delivery).</summary>
    public int BitDepth
    {
        get => _bitDepth;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 8);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 24);
            _bitDepth = value;
        }
    }

    /// <summary>Noise shaping applied to the requantisation error.</summary>
    public DitherNoiseShaping NoiseShaping { get; set; } = DitherNoiseShaping.None;

    /// <summary>Seed of the noise generator; <see cref="Reset"/> restarts the sequence from it.</summary>
    public uint Seed
    {
        get => _seed;
        set { _seed = value; ResetGenerators(); }
    }

    /// <summary>One least significant bit at <see cref="BitDepth"/>, as a float full scale fraction.</summary>
    public double LsbFullScale => 1.0 / (1 << (_bitDepth - 1));

    /// <inheritdoc />
    public int LatencyFrames => 0;

    /// <inheritdoc />
    public void Prepare(in ProcessSpec spec)
    {
        spec.Validate();
        _rngState = new uint[spec.Channels];
        _shapingError = new float[spec.Channels];
        ResetGenerators();
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_shapingError);
        ResetGenerators();
    }

    /// <inheritdoc />
    public void Process(AudioBuffer buffer, int frames)
    {
        int channels = Math.Min(buffer.Channels, _rngState.Length);
        double scale = 1 << (_bitDepth - 1);
        double inverse = 1.0 / scale;
        double maxCode = scale - 1, minCode = -scale;
        bool shaped = NoiseShaping == DitherNoiseShaping.FirstOrder;
        for (int c = 0; c < channels; c++)
        {
            Span<float> x = buffer.Channel(c, frames);
            uint state = _rngState[c];
            double error = _shapingError[c];
            for (int i = 0; i < x.Length; i++)
            {
                // Two independent uniform variables in [-0.5, 0.5) sum to a triangular PDF on (-1, 1) LSB.
                double r1 = NextUniform(ref state), r2 = NextUniform(ref state);
                double wanted = x[i] * scale - (shaped ? error : 0);
                double code = Math.Round(wanted + r1 + r2, MidpointRounding.ToEven);
                if (code > maxCode) code = maxCode;
                else if (code < minCode) code = minCode;
                // Error feedback (1 - z^-1) moves the noise up the spectrum; bounded so a clipped sample cannot run away.
                error = Math.Clamp(code - wanted, -2.0, 2.0);
                x[i] = (float)(code * inverse);
            }
            _rngState[c] = state;
            _shapingError[c] = shaped ? (float)error : 0f;
        }
    }

    private void ResetGenerators()
    {
        for (int c = 0; c < _rngState.Length; c++)
        {
            uint s = _seed ^ (0x9E3779B9u * (uint)(c + 1));
            _rngState[c] = s == 0 ? 0x6D2B79F5u : s;
        }
    }

    // xorshift32: tiny, deterministic, and its 2^32 - 1 period is far beyond any master.
    private static double NextUniform(ref uint state)
    {
        uint s = state;
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        state = s;
        return (s >> 8) * (1.0 / 16777216.0) - 0.5;
    }
}
