namespace MixConsole.Control.Server;

/// <summary>How an <see cref="OscServer"/> behaves; the defaults follow the X32 remote protocol where it has one.</summary>
public sealed record OscServerOptions
{
    /// <summary>Most <c>/xremote</c> subscribers at once (no four-client limit; a bound so memory and fan-out stay known).</summary>
    public int MaxSubscribers { get; init; } = 64;

    /// <summary>How long one <c>/xremote</c> lasts; a renewal restarts it. X32: 10 s.</summary>
    public TimeSpan SubscriptionLifetime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most <c>/meters/N</c> streams at once (one per client and bank).</summary>
    public int MaxMeterStreams { get; init; } = 64;

    /// <summary>How long one <c>/meters/N</c> request streams; a renewal restarts it. X32: 10 s.</summary>
    public TimeSpan MeterLifetime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Meter interval at time factor 1. X32: 50 ms.</summary>
    public TimeSpan MeterInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often the control thread echoes changes, runs scheduled bundles and streams meters (100 Hz).</summary>
    public TimeSpan ControlInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Whether a client that changed a value also gets the echo of its own change. Off (as on the X32): the
    /// client already shows the value, and an echo arriving after a newer local move would yank a motor fader back.
    /// Everyone else always gets it.
    /// </summary>
    public bool EchoToOriginator { get; init; }

    /// <summary>Messages from future-dated bundles held at once; more are refused.</summary>
    public int MaxScheduledMessages { get; init; } = 256;

    /// <summary>Longest message a future-dated bundle may hold, in bytes.</summary>
    public int MaxScheduledMessageBytes { get; init; } = 512;

    /// <summary>How far ahead a bundle may be dated; later ones are refused rather than held for hours.</summary>
    public TimeSpan MaxScheduleAhead { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most answers one wildcard query produces (<c>/ch/*/mix/fader</c> answers 32).</summary>
    public int MaxRepliesPerQuery { get; init; } = 256;

    /// <summary>Name reported by <c>/info</c> and <c>/status</c> when <c>/config/name</c> is empty or absent.</summary>
    public string ServerName { get; init; } = "MixConsole";

    /// <summary>Address reported by <c>/status</c> (the serve command fills in where it listens).</summary>
    public string AdvertisedAddress { get; init; } = "0.0.0.0";

    /// <summary>Server version reported by <c>/info</c>.</summary>
    public string Version { get; init; } = typeof(OscServerOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    /// <summary>Model and versions <c>/info</c>, <c>/xinfo</c> and <c>/status</c> report; null: this console's own, at <see cref="Version"/>.</summary>
    public ConsoleIdentity? Identity { get; init; }

    /// <summary>
    /// What <c>/status</c> adds as a fourth string under the console's own name, or null for nothing (the serve command
    /// says when its store came up damaged or cannot be used). Called on the control thread: return a kept string.
    /// </summary>
    public Func<string?>? StatusNote { get; init; }

    /// <summary>Throws when a value is out of its sensible range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound or interval is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSubscribers, nameof(MaxSubscribers));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMeterStreams, nameof(MaxMeterStreams));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SubscriptionLifetime, TimeSpan.Zero, nameof(SubscriptionLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MeterLifetime, TimeSpan.Zero, nameof(MeterLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MeterInterval, TimeSpan.Zero, nameof(MeterInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ControlInterval, TimeSpan.Zero, nameof(ControlInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxScheduledMessages, nameof(MaxScheduledMessages));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxScheduledMessageBytes, 16, nameof(MaxScheduledMessageBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxScheduleAhead, TimeSpan.Zero, nameof(MaxScheduleAhead));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRepliesPerQuery, nameof(MaxRepliesPerQuery));
        ArgumentException.ThrowIfNullOrEmpty(ServerName);
        ArgumentException.ThrowIfNullOrEmpty(AdvertisedAddress);
        ArgumentException.ThrowIfNullOrEmpty(Version);
    }
}
