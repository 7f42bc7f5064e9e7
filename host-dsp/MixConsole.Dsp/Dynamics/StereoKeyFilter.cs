using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// The key (side-chain) filter of a linked stereo pair: one design, a state per side. The sample loop copies
/// <see cref="Left"/> and <see cref="Right"/> into locals (so they stay in registers) and hands them back with <see cref="Keep"/>.
/// </summary>
internal struct StereoKeyFilter
{
    /// <summary>The left (or mono) side's filter.</summary>
    public BiquadSection Left;

    /// <summary>The right side's filter.</summary>
    public BiquadSection Right;

    /// <summary>A filter that passes the key unchanged until <see cref="Update"/>.</summary>
    public StereoKeyFilter()
    {
        Left = new(BiquadCoefficients.Identity);
        Right = new(BiquadCoefficients.Identity);
    }

    /// <summary>Retunes both sides, keeping their state.</summary>
    public void Update(in BiquadCoefficients coefficients)
    {
        Left.Update(coefficients);
        Right.Update(coefficients);
    }

    /// <summary>Clears both sides' state.</summary>
    public void Reset()
    {
        Left.Reset();
        Right.Reset();
    }

    /// <summary>Stores the states a sample loop ran on, with denormals flushed.</summary>
    public void Keep(BiquadSection left, BiquadSection right)
    {
        left.FlushDenormals();
        right.FlushDenormals();
        Left = left;
        Right = right;
    }
}
