using MixConsole.Control.Transport;

namespace MixConsole.Control.Server;

/// <summary>
/// A bounded set of time-limited subscriptions keyed by link, client address and port, and topic. A request
/// from a known key renews it; a request beyond the bound is refused and counted, never evicting anyone.
/// Thread-safe (a lock: control side only); allocates nothing after construction.
/// </summary>
public sealed class SubscriptionRegistry
{
    private readonly Subscription[] _entries;
    private readonly TimeProvider _time;
    private readonly long _lifetimeTicks;
    private readonly object _gate = new();
    private int _count;
    private long _fullRefusals;

    /// <summary>Creates an empty registry.</summary>
    /// <param name="capacity">Most subscriptions at once.</param>
    /// <param name="lifetime">How long a subscription lasts after its latest request.</param>
    /// <param name="time">Clock (injected for tests); the system clock when null.</param>
    public SubscriptionRegistry(int capacity, TimeSpan lifetime, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _entries = new Subscription[capacity];
        _time = time ?? TimeProvider.System;
        Lifetime = lifetime;
        _lifetimeTicks = ToTicks(lifetime);
    }

    /// <summary>Most subscriptions at once.</summary>
    public int Capacity => _entries.Length;

    /// <summary>How long a subscription lasts after its latest request.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>Requests refused because the registry was full.</summary>
    public long FullRefusals => Interlocked.Read(ref _fullRefusals);

    /// <summary>Subscriptions currently registered and not yet lapsed.</summary>
    public int Count
    {
        get
        {
            long now = _time.GetTimestamp();
            lock (_gate)
            {
                int live = 0;
                for (int i = 0; i < _count; i++)
                {
                    live += _entries[i].ExpiresAt > now ? 1 : 0;
                }

                return live;
            }
        }
    }

    /// <summary>Registers or renews a subscription; a lapsed entry's slot is reused before the bound is enforced.</summary>
    /// <param name="link">The client's transport.</param>
    /// <param name="peer">The client.</param>
    /// <param name="topic">What it subscribes to.</param>
    /// <param name="interval">Periodic send interval (meters); zero for pushed changes. A renewal adopts the new interval.</param>
    public SubscribeResult Subscribe(int link, in OscPeer peer, int topic = 0, TimeSpan interval = default)
    {
        long now = _time.GetTimestamp();
        long intervalTicks = interval > TimeSpan.Zero ? ToTicks(interval) : 0;
        lock (_gate)
        {
            int free = -1;
            for (int i = 0; i < _count; i++)
            {
                ref Subscription entry = ref _entries[i];
                if (entry.Link == link && entry.Topic == topic && entry.Peer == peer)
                {
                    bool lapsed = entry.ExpiresAt <= now;
                    long due = lapsed || intervalTicks != entry.IntervalTicks ? now : entry.NextDueAt;
                    entry = entry with { ExpiresAt = now + _lifetimeTicks, IntervalTicks = intervalTicks, NextDueAt = due, SubscribedAt = lapsed ? now : entry.SubscribedAt };
                    return lapsed ? SubscribeResult.Added : SubscribeResult.Renewed;
                }

                if (free < 0 && entry.ExpiresAt <= now)
                {
                    free = i;
                }
            }

            if (free < 0)
            {
                if (_count == _entries.Length)
                {
                    Interlocked.Increment(ref _fullRefusals);
                    return SubscribeResult.Full;
                }

                free = _count++;
            }

            _entries[free] = new Subscription(link, peer, topic, now + _lifetimeTicks, intervalTicks, now, now);
            return SubscribeResult.Added;
        }
    }

    /// <summary>Extends every live subscription of <paramref name="peer"/> on <paramref name="link"/> (any topic); how many.</summary>
    public int Renew(int link, in OscPeer peer)
    {
        long now = _time.GetTimestamp();
        int renewed = 0;
        lock (_gate)
        {
            for (int i = 0; i < _count; i++)
            {
                ref Subscription entry = ref _entries[i];
                if (entry.Link == link && entry.Peer == peer && entry.ExpiresAt > now)
                {
                    entry = entry with { ExpiresAt = now + _lifetimeTicks };
                    renewed++;
                }
            }
        }

        return renewed;
    }

    /// <summary>Ends a subscription now (false when there was none).</summary>
    public bool Unsubscribe(int link, in OscPeer peer, int topic = 0)
    {
        lock (_gate)
        {
            for (int i = 0; i < _count; i++)
            {
                ref Subscription entry = ref _entries[i];
                if (entry.Link == link && entry.Topic == topic && entry.Peer == peer)
                {
                    RemoveAt(i);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Drops lapsed subscriptions; returns how many.</summary>
    public int RemoveExpired()
    {
        long now = _time.GetTimestamp();
        int removed = 0;
        lock (_gate)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                if (_entries[i].ExpiresAt <= now)
                {
                    RemoveAt(i);
                    removed++;
                }
            }
        }

        return removed;
    }

    /// <summary>Copies the live subscriptions into <paramref name="destination"/> (Capacity long is always enough); returns how many.</summary>
    public int CopyActive(Span<Subscription> destination)
    {
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            int written = 0;
            for (int i = 0; i < _count && written < destination.Length; i++)
            {
                if (_entries[i].ExpiresAt > now)
                {
                    destination[written++] = _entries[i];
                }
            }

            return written;
        }
    }

    /// <summary>
    /// Copies the live periodic subscriptions whose send is due and moves each one's next send a whole
    /// interval on (skipping missed ones rather than bursting to catch up); returns how many.
    /// </summary>
    public int TakeDue(Span<Subscription> destination)
    {
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            int written = 0;
            for (int i = 0; i < _count && written < destination.Length; i++)
            {
                ref Subscription entry = ref _entries[i];
                if (entry.ExpiresAt <= now || entry.IntervalTicks <= 0 || entry.NextDueAt > now)
                {
                    continue;
                }

                destination[written++] = entry;
                long next = entry.NextDueAt + entry.IntervalTicks;
                if (next <= now)
                {
                    next = now + entry.IntervalTicks;
                }

                entry = entry with { NextDueAt = next };
            }

            return written;
        }
    }

    private void RemoveAt(int i)
    {
        _entries[i] = _entries[--_count];
        _entries[_count] = default;
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
