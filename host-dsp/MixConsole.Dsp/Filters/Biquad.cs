using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Filters;

/// <summary>
/// One second-order section for one channel, transposed direct form II in float: a
/// <see cref="BiquadSection"/> with span processing around it.
/// <see cref="Update"/> retunes and keeps the state (no click on a sweep);
/// <see cref="Reset"/> clears the state and keeps the tuning.
/// </summary>
public sealed class Biquad
{
    private BiquadSection _section = new(BiquadCoefficients.Identity);

    /// <summary>Creates a pass-through section.</summary>
    public Biquad()
    {
    }

    /// <summary>Creates a section tuned to <paramref name="coefficients"/>.</summary>
    public Biquad(in BiquadCoefficients coefficients) => Update(coefficients);

    /// <summary>Retunes to <paramref name="coefficients"/>, keeping the filter state.</summary>
    public void Update(in BiquadCoefficients coefficients) => _section.Update(coefficients);

    /// <summary>Clears the filter state; the tuning is kept.</summary>
    public void Reset() => _section.Reset();

    /// <summary>Filters one sample. Denormal state is flushed only by <see cref="Process(Span{float})"/>; call <see cref="FlushDenormals"/> after a run of single samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ProcessSample(float input) => _section.Next(input);

    /// <summary>Sets state values too small to hear (below 1e-15) to zero, so silence never decays into denormals.</summary>
    public void FlushDenormals() => _section.FlushDenormals();

    /// <summary>Filters <paramref name="audio"/> in place.</summary>
    public void Process(Span<float> audio) => Process(audio, audio);

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (same length; may be the same memory).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length) throw new ArgumentException("output shorter than input", nameof(output));
        // A local copy keeps coefficients and state in registers for the loop.
        var section = _section;
        for (int i = 0; i < input.Length; i++)
            output[i] = section.Next(input[i]);
        section.FlushDenormals();
        _section = section;
    }

    /// <summary>
    /// Filters <paramref name="audio"/> in place through <paramref name="first"/> then <paramref name="second"/> in one
    /// pass: the same samples as two <see cref="Process(Span{float})"/> calls, with the two recurrences overlapping.
    /// </summary>
    public static void ProcessCascade(Biquad first, Biquad second, Span<float> audio)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = first._section;
        var b = second._section;
        for (int i = 0; i < audio.Length; i++)
            audio[i] = b.Next(a.Next(audio[i]));
        a.FlushDenormals();
        b.FlushDenormals();
        first._section = a;
        second._section = b;
    }

    /// <summary>
    /// <see cref="ProcessCascade"/> on two channels of one length in one pass (a stereo pair): the same samples as two
    /// calls, with four recurrences overlapping instead of two.
    /// </summary>
    public static void ProcessCascadePair(Biquad firstLeft, Biquad secondLeft, Span<float> left, Biquad firstRight, Biquad secondRight, Span<float> right)
    {
        ArgumentNullException.ThrowIfNull(firstLeft);
        ArgumentNullException.ThrowIfNull(secondLeft);
        ArgumentNullException.ThrowIfNull(firstRight);
        ArgumentNullException.ThrowIfNull(secondRight);
        if (right.Length != left.Length) throw new ArgumentException("channels differ in length", nameof(right));
        var a = firstLeft._section;
        var b = secondLeft._section;
        var c = firstRight._section;
        var d = secondRight._section;
        for (int i = 0; i < left.Length; i++)
        {
            left[i] = b.Next(a.Next(left[i]));
            right[i] = d.Next(c.Next(right[i]));
        }

        a.FlushDenormals();
        b.FlushDenormals();
        c.FlushDenormals();
        d.FlushDenormals();
        firstLeft._section = a;
        secondLeft._section = b;
        firstRight._section = c;
        secondRight._section = d;
    }
}
