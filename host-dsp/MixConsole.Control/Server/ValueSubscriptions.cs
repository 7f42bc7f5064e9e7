using MixConsole.Control.Transport;

namespace MixConsole.Control.Server;

/// <summary>
/// The X32's periodic subscriptions: <c>/subscribe</c> (one parameter, sent as itself), <c>/formatsubscribe</c>
/// (several parameters in one blob under an alias) and <c>/batchsubscribe</c> (a meter bank under an alias).
/// Each lasts its lifetime (X32: 10 s) unless <c>/renew</c>ed and is sent every interval. Keyed by link, client
/// and reply address; a request from the same key replaces that entry. Thread-safe (a lock: control side
/// only); every entry's buffers are made at construction, so requests and sends allocate nothing.
/// </summary>
internal sealed class ValueSubscriptions
{
    /// <summary>Longest reply address (a path or an alias) kept.</summary>
    public const int MaxAddressBytes = 64;

    /// <summary>Most parameters one <c>/formatsubscribe</c> carries.</summary>
    public const int MaxIndices = 256;

    private readonly Entry[] _entries;
    private readonly TimeProvider _time;
    private readonly long _lifetimeTicks;
    private readonly object _gate = new();

    public ValueSubscriptions(int capacity, TimeSpan lifetime, TimeProvider time)
    {
        _entries = new Entry[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _entries[i] = new Entry();
        }

        _time = time;
        _lifetimeTicks = (long)(lifetime.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Live subscriptions.</summary>
    public int Count
    {
        get
        {
            long now = _time.GetTimestamp();
            lock (_gate)
            {
                int live = 0;
                foreach (Entry entry in _entries)
                {
                    live += entry.ExpiresAt > now ? 1 : 0;
                }

                return live;
            }
        }
    }

    /// <summary>
    /// Registers (or replaces) what <paramref name="peer"/> gets at <paramref name="address"/> every
    /// <paramref name="interval"/>: the parameters <paramref name="indices"/>, or meter bank <paramref name="bank"/>
    /// when it is not negative. False when every entry is taken.
    /// </summary>
    public bool Subscribe(int link, in OscPeer peer, ReadOnlySpan<byte> address, SubscriptionForm form, ReadOnlySpan<int> indices, int bank, TimeSpan interval)
    {
        if (address.Length > MaxAddressBytes || indices.Length > MaxIndices)
        {
            return false;
        }

        long now = _time.GetTimestamp();
        lock (_gate)
        {
            Entry? slot = Find(link, in peer, address, now);
            if (slot is null)
            {
                foreach (Entry entry in _entries)
                {
                    if (entry.ExpiresAt <= now)
                    {
                        slot = entry;
                        break;
                    }
                }
            }

            if (slot is null)
            {
                return false;
            }

            slot.Link = link;
            slot.Peer = peer;
            address.CopyTo(slot.Address);
            slot.AddressLength = address.Length;
            slot.Form = form;
            indices.CopyTo(slot.Indices);
            slot.IndexCount = indices.Length;
            slot.Bank = bank;
            slot.IntervalTicks = Math.Max(1, (long)(interval.TotalSeconds * _time.TimestampFrequency));
            slot.NextDueAt = now;
            slot.ExpiresAt = now + _lifetimeTicks;
            return true;
        }
    }

    /// <summary>Extends the subscription at <paramref name="address"/>, or every one of the client's when it is empty; how many.</summary>
    public int Renew(int link, in OscPeer peer, ReadOnlySpan<byte> address)
    {
        long now = _time.GetTimestamp();
        int renewed = 0;
        lock (_gate)
        {
            foreach (Entry entry in _entries)
            {
                if (entry.ExpiresAt > now && entry.Link == link && entry.Peer == peer &&
                    (address.IsEmpty || entry.Address.AsSpan(0, entry.AddressLength).SequenceEqual(address)))
                {
                    entry.ExpiresAt = now + _lifetimeTicks;
                    renewed++;
                }
            }
        }

        return renewed;
    }

    /// <summary>Ends the subscription at <paramref name="address"/>, or every one of the client's when it is empty; how many.</summary>
    public int Unsubscribe(int link, in OscPeer peer, ReadOnlySpan<byte> address)
    {
        long now = _time.GetTimestamp();
        int ended = 0;
        lock (_gate)
        {
            foreach (Entry entry in _entries)
            {
                if (entry.ExpiresAt > now && entry.Link == link && entry.Peer == peer &&
                    (address.IsEmpty || entry.Address.AsSpan(0, entry.AddressLength).SequenceEqual(address)))
                {
                    entry.ExpiresAt = 0;
                    ended++;
                }
            }
        }

        return ended;
    }

    /// <summary>
    /// Calls <paramref name="send"/> for each live subscription whose send is due and moves its next send a
    /// whole interval on (skipping missed ones rather than bursting). Runs under the lock: keep the callback short.
    /// </summary>
    public void SendDue<TSender>(ref TSender send)
        where TSender : struct, IDueSender
    {
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            foreach (Entry entry in _entries)
            {
                if (entry.ExpiresAt <= now || entry.NextDueAt > now)
                {
                    continue;
                }

                entry.NextDueAt = entry.NextDueAt + entry.IntervalTicks <= now ? now + entry.IntervalTicks : entry.NextDueAt + entry.IntervalTicks;
                send.Send(entry.Link, in entry.Peer, entry.Address.AsSpan(0, entry.AddressLength), entry.Form,
                    entry.Indices.AsSpan(0, entry.IndexCount), entry.Bank);
            }
        }
    }

    private Entry? Find(int link, in OscPeer peer, ReadOnlySpan<byte> address, long now)
    {
        foreach (Entry entry in _entries)
        {
            if (entry.ExpiresAt > now && entry.Link == link && entry.Peer == peer &&
                entry.Address.AsSpan(0, entry.AddressLength).SequenceEqual(address))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Writes and sends one due subscription.</summary>
    internal interface IDueSender
    {
        void Send(int link, in OscPeer peer, ReadOnlySpan<byte> address, SubscriptionForm form, ReadOnlySpan<int> indices, int bank);
    }

    private sealed class Entry
    {
        public readonly byte[] Address = new byte[MaxAddressBytes];
        public readonly int[] Indices = new int[MaxIndices];
        public int Link;
        public OscPeer Peer;
        public int AddressLength;
        public SubscriptionForm Form;
        public int IndexCount;
        public int Bank;
        public long IntervalTicks;
        public long NextDueAt;
        public long ExpiresAt;
    }
}
