using System.Numerics;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// A linear gain that ramps per sample to each new target: the value is <c>Target - Step * Remaining</c>,
/// so it lands exactly on the target and every sample moves by at most |jump| / ramp length.
/// </summary>
internal struct GainRamp
{
    public float Target;
    public float Step;
    public int Remaining;

    /// <summary>The gain now.</summary>
    public readonly float Current => Target - Step * Remaining;

    /// <summary>True when the gain is zero and not moving: applying it would add nothing.</summary>
    public readonly bool IsSilent => Target == 0f && Remaining == 0;

    /// <summary>Ramps from the current gain to <paramref name="target"/> over <paramref name="samples"/> samples.</summary>
    public void SetTarget(float target, int samples)
    {
        if (target == Target) return;
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

    /// <summary>Moves the ramp on by <paramref name="frames"/> samples without producing audio.</summary>
    public void Skip(int frames) => Remaining = Math.Max(0, Remaining - frames);

    /// <summary><paramref name="destination"/> = <paramref name="source"/> × gain, sample by sample.</summary>
    public void Scale(ReadOnlySpan<float> source, Span<float> destination)
    {
        int t = 0, n = source.Length;
        for (; t < n && Remaining > 0; t++) destination[t] = source[t] * (Target - Step * --Remaining);
        float gain = Target;
        if (t == n) return;
        if (gain == 0f)
        {
            destination[t..n].Clear();
            return;
        }

        var g = new Vector<float>(gain);
        int w = Vector<float>.Count;
        for (; t + w <= n; t += w) (new Vector<float>(source[t..]) * g).CopyTo(destination[t..]);
        for (; t < n; t++) destination[t] = source[t] * gain;
    }

    /// <summary><paramref name="destination"/> += <paramref name="source"/> × gain, sample by sample.</summary>
    public void MultiplyAdd(ReadOnlySpan<float> source, Span<float> destination)
    {
        int t = 0, n = source.Length;
        for (; t < n && Remaining > 0; t++) destination[t] += source[t] * (Target - Step * --Remaining);
        float gain = Target;
        if (t == n || gain == 0f) return;
        var g = new Vector<float>(gain);
        int w = Vector<float>.Count;
        // At rest: fused, exactly as the send matrix and the steady strip output do it.
        for (; t + w <= n; t += w) Vector.FusedMultiplyAdd(new Vector<float>(source[t..]), g, new Vector<float>(destination[t..])).CopyTo(destination[t..]);
        for (; t < n; t++) destination[t] = MathF.FusedMultiplyAdd(source[t], gain, destination[t]);
    }
}
