namespace MixConsole.Dsp.Smoothing;

/// <summary>
/// <see cref="LinearRamp"/>s for many lanes, stored a field per array (target, step, samples remaining as a float)
/// so a SIMD kernel loads a row of each with one instruction. Setting and snapping go through <see cref="LinearRamp"/>
/// itself: the same arithmetic, the same floats.
/// </summary>
public sealed class LaneRamps(int lanes)
{
    /// <summary>Per lane: the value being approached.</summary>
    public readonly float[] Target = new float[lanes];

    /// <summary>Per lane: change per sample.</summary>
    public readonly float[] Step = new float[lanes];

    /// <summary>Per lane: samples left until the target (a whole number).</summary>
    public readonly float[] Remaining = new float[lanes];

    /// <summary>The value lane <paramref name="lane"/> has now.</summary>
    public float Current(int lane) => Get(lane).Current;

    /// <summary>Ramps lane <paramref name="lane"/> from where it is to <paramref name="target"/> over <paramref name="samples"/> samples.</summary>
    public void SetTarget(int lane, float target, int samples)
    {
        LinearRamp ramp = Get(lane);
        ramp.SetTarget(target, samples);
        Put(lane, ramp);
    }

    /// <summary>Jumps to <paramref name="value"/>.</summary>
    public void Snap(int lane, float value)
    {
        LinearRamp ramp = Get(lane);
        ramp.Snap(value);
        Put(lane, ramp);
    }

    /// <summary>True while lane <paramref name="lane"/> moves or rests at a non-zero value.</summary>
    public bool IsLive(int lane) => !Get(lane).IsSilent;

    private LinearRamp Get(int lane) => new() { Target = Target[lane], Step = Step[lane], Remaining = (int)Remaining[lane] };

    private void Put(int lane, in LinearRamp ramp)
    {
        Target[lane] = ramp.Target;
        Step[lane] = ramp.Step;
        Remaining[lane] = ramp.Remaining;
    }
}
