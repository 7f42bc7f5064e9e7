using MixConsole.Control.Transport;

namespace MixConsole.Control.Security;

/// <summary>
/// A token bucket per client host (address, not port, so changing ports buys nothing): each message takes one
/// token, tokens refill at a steady rate up to a burst size. The client table is bounded; the least recently
/// seen client is forgotten when it is full. Thread-safe; allocates nothing per call after construction.
/// </summary>
public sealed class ClientRateLimiter
{
    private readonly BoundedClientTable<Bucket> _buckets;
    private readonly TimeProvider _time;
    private readonly double _tokensPerTick;
    private readonly object _gate = new();

    /// <summary>Creates a limiter.</summary>
    /// <param name="messagesPerSecond">Sustained rate each client may send.</param>
    /// <param name="burstMessages">Messages a quiet client may send at once (bucket size).</param>
    /// <param name="maxClients">Clients tracked at once; beyond this the least recently seen is forgotten.</param>
    /// <param name="time">Clock (injected for tests); the system clock when null.</param>
    public ClientRateLimiter(double messagesPerSecond, double burstMessages, int maxClients, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messagesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burstMessages, 1.0);
        MessagesPerSecond = messagesPerSecond;
        BurstMessages = burstMessages;
        _time = time ?? TimeProvider.System;
        _tokensPerTick = messagesPerSecond / _time.TimestampFrequency;
        _buckets = new BoundedClientTable<Bucket>(maxClients);
    }

    /// <summary>Sustained messages per second per client.</summary>
    public double MessagesPerSecond { get; }

    /// <summary>Bucket size in messages.</summary>
    public double BurstMessages { get; }

    /// <summary>Most clients tracked at once.</summary>
    public int MaxClients => _buckets.Capacity;

    /// <summary>Clients currently tracked.</summary>
    public int TrackedClients
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Clients forgotten to make room for newer ones.</summary>
    public long Evictions
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Evictions;
            }
        }
    }

    /// <summary>Takes one token for the peer's host; false when its bucket is empty (refuse the message).</summary>
    public bool TryAcquire(in OscPeer peer)
    {
        long now = _time.GetTimestamp();
        OscPeer host = peer.Host;
        lock (_gate)
        {
            ref Bucket bucket = ref _buckets.GetOrAdd(in host, out bool added);
            if (added)
            {
                bucket.Tokens = BurstMessages;
            }
            else
            {
                bucket.Tokens = Math.Min(BurstMessages, bucket.Tokens + (now - bucket.LastTimestamp) * _tokensPerTick);
            }

            bucket.LastTimestamp = now;
            if (bucket.Tokens < 1.0)
            {
                return false;
            }

            bucket.Tokens -= 1.0;
            return true;
        }
    }

    private struct Bucket
    {
        public double Tokens;
        public long LastTimestamp;
    }
}
