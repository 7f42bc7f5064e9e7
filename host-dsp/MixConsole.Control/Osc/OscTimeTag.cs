namespace MixConsole.Control.Osc;

/// <summary>An OSC time tag: 64-bit NTP time, seconds since 1900-01-01 UTC in the high 32 bits, fraction in the low 32.</summary>
/// <param name="Raw">The 64-bit wire value.</param>
public readonly record struct OscTimeTag(ulong Raw)
{
    private static readonly DateTimeOffset NtpEpoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The special value 1: "execute immediately".</summary>
    public static OscTimeTag Immediate => new(1);

    /// <summary>True for the special value meaning "execute immediately".</summary>
    public bool IsImmediate => Raw == 1;

    /// <summary>Whole seconds since the NTP epoch.</summary>
    public uint Seconds => (uint)(Raw >> 32);

    /// <summary>Fraction of a second in units of 2^-32 s.</summary>
    public uint Fraction => (uint)Raw;

    /// <summary>The time tag for an absolute instant (resolution about 233 ps, truncated to 100 ns ticks).</summary>
    public static OscTimeTag FromDateTimeOffset(DateTimeOffset time)
    {
        long ticks = (time - NtpEpoch).Ticks;
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong remainderTicks = (ulong)(ticks % TimeSpan.TicksPerSecond);
        ulong fraction = (remainderTicks << 32) / TimeSpan.TicksPerSecond;
        return new OscTimeTag((seconds << 32) | fraction);
    }

    /// <summary>The instant this tag names (meaningless for <see cref="Immediate"/>).</summary>
    public DateTimeOffset ToDateTimeOffset()
    {
        long ticks = (long)Seconds * TimeSpan.TicksPerSecond + (long)(((ulong)Fraction * TimeSpan.TicksPerSecond) >> 32);
        return NtpEpoch.AddTicks(ticks);
    }
}
