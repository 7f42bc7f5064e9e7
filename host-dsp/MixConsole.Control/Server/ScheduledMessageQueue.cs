using MixConsole.Control.Transport;

namespace MixConsole.Control.Server;

/// <summary>
/// Messages from future-dated bundles, held until their time in a fixed pool (count and size bounded, all
/// memory taken at construction). Thread-safe: receive threads add, the control thread takes.
/// </summary>
internal sealed class ScheduledMessageQueue
{
    private readonly Entry[] _entries;
    private readonly object _gate = new();
    private long _arrivals;

    public ScheduledMessageQueue(int capacity, int maxMessageBytes)
    {
        MaxMessageBytes = maxMessageBytes;
        _entries = new Entry[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _entries[i].Bytes = new byte[maxMessageBytes];
        }
    }

    public int MaxMessageBytes { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                int used = 0;
                foreach (ref readonly Entry entry in _entries.AsSpan())
                {
                    used += entry.Used ? 1 : 0;
                }

                return used;
            }
        }
    }

    /// <summary>Holds a copy of <paramref name="message"/> until <paramref name="dueTimestamp"/>; false when full or too long.</summary>
    public bool TryAdd(long dueTimestamp, int link, in OscPeer sender, ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxMessageBytes)
        {
            return false;
        }

        lock (_gate)
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                ref Entry entry = ref _entries[i];
                if (entry.Used)
                {
                    continue;
                }

                message.CopyTo(entry.Bytes);
                entry.Length = message.Length;
                entry.Due = dueTimestamp;
                entry.Arrival = ++_arrivals;
                entry.Link = link;
                entry.Sender = sender;
                entry.Used = true;
                return true;
            }

            return false;
        }
    }

    /// <summary>Takes the earliest message due by <paramref name="now"/> (ties in arrival order) into <paramref name="buffer"/>.</summary>
    public bool TryTakeDue(long now, Span<byte> buffer, out int length, out int link, out OscPeer sender)
    {
        lock (_gate)
        {
            int best = -1;
            for (int i = 0; i < _entries.Length; i++)
            {
                ref Entry entry = ref _entries[i];
                if (entry.Used && entry.Due <= now &&
                    (best < 0 || entry.Due < _entries[best].Due || (entry.Due == _entries[best].Due && entry.Arrival < _entries[best].Arrival)))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                length = 0;
                link = 0;
                sender = default;
                return false;
            }

            ref Entry taken = ref _entries[best];
            taken.Bytes.AsSpan(0, taken.Length).CopyTo(buffer);
            length = taken.Length;
            link = taken.Link;
            sender = taken.Sender;
            taken.Used = false;
            return true;
        }
    }

    private struct Entry
    {
        public byte[] Bytes;
        public int Length;
        public long Due;
        public long Arrival;
        public int Link;
        public OscPeer Sender;
        public bool Used;
    }
}
