using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using MixConsole.Dsp.Lanes;

namespace MixConsole.Dsp.Smoothing;

/// <summary>
/// A linear per-sample ramp as a plain value, the arithmetic every ramp of the console shares: the value is
/// <c>Target - Step * Remaining</c>, so it lands exactly on the target, rounding never accumulates, and a jump of D
/// over N samples never steps by more than |D| / N (plus float rounding). A new target mid-ramp starts from where the
/// ramp is. <see cref="LinearSmoother"/> wraps one with a fixed ramp length; arrays of them (one per gain of a mixer)
/// keep their data contiguous; many lanes keep the same three numbers per lane. The engine ramps every gain, pan and send with it.
/// </summary>
public struct LinearRamp
{
    /// <summary>The value being approached (and the value at rest).</summary>
    public float Target;

    /// <summary>Change per sample, as target minus where the ramp started, over its length.</summary>
    public float Step;

    /// <summary>Samples left until <see cref="Target"/> (0 at rest).</summary>
    public int Remaining;

    /// <summary>The value now.</summary>
    public readonly float Current => Target - Step * Remaining;

    /// <summary>True when the value is zero and not moving: applying it would add nothing.</summary>
    public readonly bool IsSilent => Target == 0f && Remaining == 0;

    /// <summary>Ramps from the current value to <paramref name="target"/> over <paramref name="samples"/> (at least 1) samples; no-op if already heading there.</summary>
    public void SetTarget(float target, int samples)
    {
        if (target == Target) return;
        RampTo(target, samples);
    }

    /// <summary>Ramps from the current value to <paramref name="target"/> over <paramref name="samples"/> samples, restarting even when already heading there.</summary>
    public void RampTo(float target, int samples)
    {
        float from = Current;
        Target = target;
        Remaining = samples;
        Step = (target - from) / samples;
    }

    /// <summary>Jumps to <paramref name="value"/>.</summary>
    public void Snap(float value)
    {
        Target = value;
        Step = 0f;
        Remaining = 0;
    }

    /// <summary>Moves the ramp on by <paramref name="frames"/> samples without producing values.</summary>
    public void Skip(int frames) => Remaining = Math.Max(0, Remaining - Math.Max(0, frames));

    /// <summary>Advances one sample and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Next() => Remaining == 0 ? Target : Target - Step * --Remaining;

    /// <summary>Writes the next <paramref name="values"/>.Length values.</summary>
    public void Fill(Span<float> values)
    {
        int t = Remaining > 0 ? Ramp(values, values, RampWrite.Gain) : 0;
        if (t < values.Length) values[t..].Fill(Target);
    }

    /// <summary><paramref name="destination"/> = <paramref name="source"/> × value, sample by sample.</summary>
    public void Scale(ReadOnlySpan<float> source, Span<float> destination)
    {
        int n = source.Length, t = Remaining > 0 ? Ramp(source, destination, RampWrite.Product) : 0;
        float gain = Target;
        if (t == n) return;
        if (gain == 0f)
        {
            destination[t..n].Clear();
            return;
        }

        if (destination.Length < n) throw new ArgumentException("destination shorter than source", nameof(destination));
        VectorMath.Scale(source[t..n], gain, destination[t..n]);
    }

    /// <summary><paramref name="destination"/> += <paramref name="source"/> × value, sample by sample (fused multiply-add at rest).</summary>
    public void MultiplyAdd(ReadOnlySpan<float> source, Span<float> destination)
    {
        int n = source.Length, t = Remaining > 0 ? Ramp(source, destination, RampWrite.Sum) : 0;
        float gain = Target;
        if (t == n || gain == 0f) return;
        if (destination.Length < n) throw new ArgumentException("destination shorter than source", nameof(destination));
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float d = ref MemoryMarshal.GetReference(destination);
        var g = new Vector<float>(gain);
        int w = Vector<float>.Count;
        for (; t + w <= n; t += w) Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref s, (nuint)t), g, Vector.LoadUnsafe(ref d, (nuint)t)).StoreUnsafe(ref d, (nuint)t);
        for (; t < n; t++) destination[t] = MathF.FusedMultiplyAdd(source[t], gain, destination[t]);
    }

    /// <summary>
    /// Samples t to t + width - 1 of a ramp towards <paramref name="target"/> (splat) by <paramref name="step"/> (splat)
    /// with <paramref name="remaining"/> samples left at sample 0: the values <see cref="Next"/> gives, bit for bit, while
    /// they ramp. The one vector form of the ramp, for kernels that apply a ramp inside their own pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> GainsAt(Vector<float> target, Vector<float> step, int remaining, int t) =>
        target - step * (new Vector<float>(remaining - 1 - t) - Vector<float>.Indices);

    private enum RampWrite { Gain, Product, Sum }

    // The moving part of a block (up to Remaining samples; callers skip the call at rest): sample k's gain is Target - Step * r, r = Remaining - 1 - k,
    // as Next() computes it (r is a small whole number, exact as a float), so the vector lanes and the scalar tail give
    // the same bits. Writes the gain, source × gain or destination + source × gain; returns the samples done.
    private int Ramp(ReadOnlySpan<float> source, Span<float> destination, RampWrite write)
    {
        int ramped = Math.Min(source.Length, Remaining), t = 0, w = Vector<float>.Count;
        if (ramped <= 0) return 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> target = new(Target), step = new(Step);
            for (; t + w <= ramped; t += w)
            {
                Vector<float> gain = GainsAt(target, step, Remaining, t);
                Vector<float> value = write == RampWrite.Gain ? gain : new Vector<float>(source[t..]) * gain;
                if (write == RampWrite.Sum) value = new Vector<float>(destination[t..]) + value;
                value.CopyTo(destination[t..]);
            }
        }

        for (int r = Remaining - t; t < ramped; t++)
        {
            float gain = Target - Step * --r;
            destination[t] = write switch
            {
                RampWrite.Gain => gain,
                RampWrite.Product => source[t] * gain,
                _ => destination[t] + source[t] * gain,
            };
        }

        Remaining -= ramped;
        return ramped;
    }
}
