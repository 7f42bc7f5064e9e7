using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Virtual
{
    /// <summary>
    /// An in-memory link: what the surface sends waits for the host side, and the other way round.
    /// Fixed packet slots, so sending and receiving allocate nothing.
    /// </summary>
    public sealed class LoopbackTransport : IOscTransport
    {
        private readonly PacketRing _toHost;
        private readonly PacketRing _toSurface;
        private bool _open;

        /// <summary>Creates a link holding up to <paramref name="slots"/> packets each way.</summary>
        public LoopbackTransport(int slots)
        {
            _toHost = new PacketRing(slots, 1536);
            _toSurface = new PacketRing(slots, 1536);
        }

        /// <summary>False makes Open fail and sends disappear (cable pulled, Wi-Fi down).</summary>
        public bool Available { get; set; } = true;

        /// <summary>Times Open was called.</summary>
        public int OpenCount { get; private set; }

        /// <inheritdoc/>
        public bool IsOpen => _open;

        /// <summary>Packets waiting for the host.</summary>
        public int PendingToHost => _toHost.Count;

        /// <inheritdoc/>
        public bool Open()
        {
            OpenCount++;
            _open = Available;
            return _open;
        }

        /// <inheritdoc/>
        public void Close()
        {
            _open = false;
        }

        /// <inheritdoc/>
        public bool Send(byte[] packet, int length)
        {
            if (!_open || !Available)
            {
                return false;
            }

            return _toHost.Put(packet, length);
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer)
        {
            if (!_open)
            {
                return 0;
            }

            return _toSurface.Take(buffer);
        }

        /// <summary>Host side: queues a packet for the surface (dropped when the link is unavailable).</summary>
        public bool HostSend(byte[] packet, int length)
        {
            return Available && _toSurface.Put(packet, length);
        }

        /// <summary>Host side: takes the next packet from the surface; 0 when none.</summary>
        public int HostReceive(byte[] buffer)
        {
            return _toHost.Take(buffer);
        }

        private sealed class PacketRing
        {
            private readonly byte[][] _slots;
            private readonly int[] _lengths;
            private int _head;

            public PacketRing(int slots, int size)
            {
                _slots = new byte[slots][];
                _lengths = new int[slots];
                for (int i = 0; i < slots; i++)
                {
                    _slots[i] = new byte[size];
                }
            }

            public int Count { get; private set; }

            public bool Put(byte[] packet, int length)
            {
                if (Count == _slots.Length || length > _slots[0].Length)
                {
                    return false;
                }

                int i = (_head + Count) % _slots.Length;
                System.Array.Copy(packet, 0, _slots[i], 0, length);
                _lengths[i] = length;
                Count++;
                return true;
            }

            public int Take(byte[] buffer)
            {
                if (Count == 0)
                {
                    return 0;
                }

                int n = _lengths[_head];
                System.Array.Copy(_slots[_head], 0, buffer, 0, n);
                _head = (_head + 1) % _slots.Length;
                Count--;
                return n;
            }
        }
    }
}
