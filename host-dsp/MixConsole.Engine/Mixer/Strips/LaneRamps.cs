namespace MixConsole.Engine.Mixer.Strips;

/// <summary>
/// Linear per-sample ramps for many lanes at once, kept as target, step and samples remaining:
/// the value is <c>target - step * remaining</c>, so it lands exactly on the target and rounding never accumulates.
/// </summary>
internal sealed class LaneRamps(int lanes)
{
    public readonly float[] Target = new float[lanes];
    public readonly float[] Step = new float[lanes];
    public readonly float[] Remaining = new float[lanes];

    /// <summary>The value lane <paramref name="lane"/> has now.</summary>
    public float Current(int lane) => Target[lane] - Step[lane] * Remaining[lane];

    /// <summary>Ramps lane <paramref name="lane"/> from where it is to <paramref name="target"/> over <paramref name="samples"/> samples.</summary>
    public void SetTarget(int lane, float target, int samples)
    {
        if (target == Target[lane]) return;
        float from = Current(lane);
        Target[lane] = target;
        Remaining[lane] = samples;
        Step[lane] = (target - from) / samples;
    }

    /// <summary>Jumps to <paramref name="value"/>.</summary>
    public void Snap(int lane, float value)
    {
        Target[lane] = value;
        Step[lane] = 0;
        Remaining[lane] = 0;
    }

    /// <summary>True while lane <paramref name="lane"/> moves or rests at a non-zero value.</summary>
    public bool IsLive(int lane) => Target[lane] != 0 || Remaining[lane] > 0;
}
