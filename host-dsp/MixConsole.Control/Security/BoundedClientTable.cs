using MixConsole.Control.Transport;

namespace MixConsole.Control.Security;

/// <summary>
/// Per-client state in a fixed number of slots with least-recently-seen eviction, so a flood of (spoofed)
/// sources recycles slots instead of growing memory. Not thread-safe: owners lock around it.
/// </summary>
/// <typeparam name="TState">The per-client state, reset to default when a slot is (re)assigned.</typeparam>
internal sealed class BoundedClientTable<TState>
    where TState : struct
{
    private const int NoSlot = -1;
    private readonly Dictionary<OscPeer, int> _slotByClient;
    private readonly OscPeer[] _clients;
    private readonly TState[] _states;
    private readonly int[] _newer;
    private readonly int[] _older;
    private int _count;
    private int _newest = NoSlot;
    private int _oldest = NoSlot;

    internal BoundedClientTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _slotByClient = new Dictionary<OscPeer, int>(capacity);
        _clients = new OscPeer[capacity];
        _states = new TState[capacity];
        _newer = new int[capacity];
        _older = new int[capacity];
    }

    internal int Count => _count;

    internal int Capacity => _clients.Length;

    internal long Evictions { get; private set; }

    /// <summary>The client's state, marked most recently seen; a new client takes a free slot or the oldest one.</summary>
    internal ref TState GetOrAdd(in OscPeer client, out bool added)
    {
        if (_slotByClient.TryGetValue(client, out int slot))
        {
            added = false;
            MoveToNewest(slot);
            return ref _states[slot];
        }

        added = true;
        if (_count < _clients.Length)
        {
            slot = _count++;
        }
        else
        {
            slot = _oldest;
            Unlink(slot);
            _slotByClient.Remove(_clients[slot]);
            Evictions++;
        }

        _clients[slot] = client;
        _states[slot] = default;
        _slotByClient.Add(client, slot);
        LinkAsNewest(slot);
        return ref _states[slot];
    }

    /// <summary>True when the client has a slot; does not change its recency.</summary>
    internal bool TryGet(in OscPeer client, out TState state)
    {
        if (_slotByClient.TryGetValue(client, out int slot))
        {
            state = _states[slot];
            return true;
        }

        state = default;
        return false;
    }

    private void MoveToNewest(int slot)
    {
        if (slot != _newest)
        {
            Unlink(slot);
            LinkAsNewest(slot);
        }
    }

    private void Unlink(int slot)
    {
        int newer = _newer[slot];
        int older = _older[slot];
        if (newer != NoSlot)
        {
            _older[newer] = older;
        }
        else
        {
            _newest = older;
        }

        if (older != NoSlot)
        {
            _newer[older] = newer;
        }
        else
        {
            _oldest = newer;
        }
    }

    private void LinkAsNewest(int slot)
    {
        _newer[slot] = NoSlot;
        _older[slot] = _newest;
        if (_newest != NoSlot)
        {
            _newer[_newest] = slot;
        }

        _newest = slot;
        if (_oldest == NoSlot)
        {
            _oldest = slot;
        }
    }
}
