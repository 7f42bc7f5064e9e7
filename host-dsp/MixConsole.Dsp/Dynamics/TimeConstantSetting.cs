namespace MixConsole.Dsp.Dynamics;

/// <summary>
/// One time setting of a dynamics processor (attack, release, averaging) in milliseconds, never below a floor,
/// with the one-pole coefficient it gives at the sample rate (<see cref="TimeConstant.Coefficient"/>).
/// Compressor, gate and envelope follower keep their times in these so the clamp-and-recompute lives once.
/// </summary>
/// <param name="timeMs">Initial time in milliseconds; the coefficient is computed by the first <see cref="Prepare"/>.</param>
/// <param name="minimumMs">Floor the time is clamped to.</param>
internal struct TimeConstantSetting(float timeMs, float minimumMs = 0f)
{
    private readonly float _minimumMs = minimumMs;

    /// <summary>The time in milliseconds, clamped to the floor.</summary>
    public float TimeMs { get; private set; } = Math.Max(minimumMs, timeMs);

    /// <summary>The coefficient for <see cref="TimeMs"/> at the last sample rate given.</summary>
    public float Coefficient { get; private set; }

    /// <summary>Sets the time (clamped to the floor) and recomputes the coefficient at <paramref name="sampleRateHz"/>.</summary>
    public void Set(float timeMs, double sampleRateHz)
    {
        TimeMs = Math.Max(_minimumMs, timeMs);
        Coefficient = TimeConstant.Coefficient(TimeMs, sampleRateHz);
    }

    /// <summary>Recomputes the coefficient for <paramref name="sampleRateHz"/>; the time is kept.</summary>
    public void Prepare(double sampleRateHz) => Set(TimeMs, sampleRateHz);
}
