using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// The key (side chain) of a one-channel dynamics processor: the input, optionally through one biquad section per side
/// (one design, a state per side), and for a linked stereo pair the louder side, sample by sample. Scratch for up to
/// <see cref="MaxFrames"/> frames is sized once.
/// </summary>
internal sealed class StereoKeyFilter
{
    /// <summary>Frames one <see cref="Key"/> call can take.</summary>
    public const int MaxFrames = 256;

    private readonly float[] _coefficients = new float[BiquadSectionKernel.Coefficients];
    private readonly float[] _left = new float[BiquadSectionKernel.States], _right = new float[BiquadSectionKernel.States];
    private readonly float[] _key = new float[MaxFrames], _keyRight = new float[MaxFrames];

    /// <summary>True to filter the key; false passes the input.</summary>
    public bool Enabled { get; set; }

    /// <summary>Retunes both sides, keeping their state.</summary>
    public void Update(in BiquadCoefficients c)
    {
        _coefficients[0] = (float)c.B0;
        _coefficients[1] = (float)c.B1;
        _coefficients[2] = (float)c.B2;
        _coefficients[3] = (float)c.A1;
        _coefficients[4] = (float)c.A2;
    }

    /// <summary>Clears both sides' state.</summary>
    public void Reset()
    {
        Array.Clear(_left);
        Array.Clear(_right);
    }

    /// <summary>The key of <paramref name="left"/> (and, when <paramref name="stereo"/>, the louder of it and <paramref name="right"/>).</summary>
    public ReadOnlySpan<float> Key(ReadOnlySpan<float> left, ReadOnlySpan<float> right, bool stereo)
    {
        int n = left.Length;
        Span<float> key = _key.AsSpan(0, n);
        left.CopyTo(key);
        if (Enabled) BiquadSectionKernel.Run<FloatLane>(_coefficients, _left, key, n);
        if (!stereo) return key;
        Span<float> keyRight = _keyRight.AsSpan(0, n);
        right.CopyTo(keyRight);
        if (Enabled) BiquadSectionKernel.Run<FloatLane>(_coefficients, _right, keyRight, n);
        for (int i = 0; i < n; i++) key[i] = MathF.Max(MathF.Abs(key[i]), MathF.Abs(keyRight[i]));
        return key;
    }
}
