namespace MixConsole.ControlSurface.Link
{
    /// <summary>
    /// Parameters waiting to be queried from the host, each at most once, sent a few per scan.
    /// </summary>
    public sealed class ResyncQueue
    {
        private readonly int[] _ids;
        private readonly bool[] _queued;
        private int _head;
        private int _count;

        /// <summary>Creates a queue for parameter ids 0..<paramref name="capacity"/>-1.</summary>
        public ResyncQueue(int capacity)
        {
            _ids = new int[capacity];
            _queued = new bool[capacity];
        }

        /// <summary>Parameters still to query.</summary>
        public int Count => _count;

        /// <summary>Queues <paramref name="id"/> unless it already waits.</summary>
        public void Enqueue(int id)
        {
            if (id < 0 || _queued[id])
            {
                return;
            }

            _queued[id] = true;
            _ids[(_head + _count) % _ids.Length] = id;
            _count++;
        }

        /// <summary>Takes the next id; false when empty.</summary>
        public bool TryDequeue(out int id)
        {
            if (_count == 0)
            {
                id = -1;
                return false;
            }

            id = _ids[_head];
            _head = (_head + 1) % _ids.Length;
            _count--;
            _queued[id] = false;
            return true;
        }

        /// <summary>Drops everything queued.</summary>
        public void Clear()
        {
            int id;
            while (TryDequeue(out id))
            {
            }
        }
    }
}
