using MixConsole.ControlSurface.Osc;

namespace MixConsole.ControlSurface.Mapping
{
    /// <summary>
    /// The addresses the surface knows, encoded once, with the last value the host reported for each.
    /// Lookup of a received address is a hash plus binary search: no strings, no allocation.
    /// </summary>
    public sealed class ParameterBook
    {
        /// <summary>Longest name kept per parameter.</summary>
        public const int NameCapacity = 12;

        private readonly byte[][] _addresses;
        private readonly ParameterKind[] _kinds;
        private readonly float[] _values;
        private readonly bool[] _known;
        private readonly long[] _localChangeMs;
        private readonly char[][] _names;
        private readonly int[] _nameLengths;
        private readonly int[] _hashes;
        private readonly int[] _lengths;
        private readonly char[] _scratchName = new char[NameCapacity];
        private int[] _sortedHashes;
        private int[] _sortedIds;
        private int _count;
        private bool _sealed;

        /// <summary>Creates an empty book for up to <paramref name="capacity"/> parameters.</summary>
        public ParameterBook(int capacity)
        {
            _addresses = new byte[capacity][];
            _kinds = new ParameterKind[capacity];
            _values = new float[capacity];
            _known = new bool[capacity];
            _localChangeMs = new long[capacity];
            _names = new char[capacity][];
            _nameLengths = new int[capacity];
            _hashes = new int[capacity];
            _lengths = new int[capacity];
            _sortedHashes = new int[0];
            _sortedIds = new int[0];
            for (int i = 0; i < capacity; i++)
            {
                _localChangeMs[i] = long.MinValue / 2;
            }
        }

        /// <summary>Number of registered parameters.</summary>
        public int Count => _count;

        /// <summary>Registers <paramref name="path"/> (start-up only) and returns its id; an already registered path returns its id.</summary>
        public int Register(string path, ParameterKind kind)
        {
            byte[] encoded = OscWriter.EncodeString(path);
            int hash = Hash(encoded, 0, path.Length);
            for (int i = 0; i < _count; i++)
            {
                if (_hashes[i] == hash && SameBytes(_addresses[i], encoded))
                {
                    return i;
                }
            }

            if (_count >= _addresses.Length)
            {
                throw new System.InvalidOperationException("parameter book is full: raise its capacity");
            }

            int id = _count++;
            _addresses[id] = encoded;
            _kinds[id] = kind;
            _hashes[id] = hash;
            _lengths[id] = path.Length;
            if (kind == ParameterKind.Name)
            {
                _names[id] = new char[NameCapacity];
            }

            _sealed = false;
            return id;
        }

        /// <summary>Encoded (padded) address of parameter <paramref name="id"/>.</summary>
        public byte[] Address(int id)
        {
            return _addresses[id];
        }

        /// <summary>Kind of parameter <paramref name="id"/>.</summary>
        public ParameterKind Kind(int id)
        {
            return _kinds[id];
        }

        /// <summary>True once the host reported a value (or the surface sent one).</summary>
        public bool IsKnown(int id)
        {
            return _known[id];
        }

        /// <summary>Last known value (levels 0..1, switches and indexes as numbers).</summary>
        public float Value(int id)
        {
            return _values[id];
        }

        /// <summary>Time of the surface's own last change, for suppressing late echoes.</summary>
        public long LocalChangeMs(int id)
        {
            return _localChangeMs[id];
        }

        /// <summary>Characters of the name parameter <paramref name="id"/> (valid up to <see cref="NameLength"/>).</summary>
        public char[] Name(int id)
        {
            return _names[id];
        }

        /// <summary>Length of the name parameter <paramref name="id"/>.</summary>
        public int NameLength(int id)
        {
            return _nameLengths[id];
        }

        /// <summary>Stores a value reported by the host.</summary>
        public void StoreHostValue(int id, float value)
        {
            _values[id] = value;
            _known[id] = true;
        }

        /// <summary>Stores a value the surface itself is sending at <paramref name="nowMs"/>.</summary>
        public void StoreLocalValue(int id, float value, long nowMs)
        {
            _values[id] = value;
            _known[id] = true;
            _localChangeMs[id] = nowMs;
        }

        /// <summary>Stores a name from a received message; returns true when it differs from the stored one.</summary>
        public bool StoreName(int id, OscMessage message, int argument)
        {
            if (!message.TryGetString(argument, _scratchName, out int length))
            {
                return false;
            }

            char[] name = _names[id];
            bool changed = length != _nameLengths[id];
            for (int i = 0; i < length; i++)
            {
                changed |= name[i] != _scratchName[i];
                name[i] = _scratchName[i];
            }

            _nameLengths[id] = length;
            _known[id] = true;
            return changed;
        }

        /// <summary>
        /// Rewrites the two digits at <paramref name="offset"/> of parameter <paramref name="id"/>'s address to
        /// <paramref name="number"/> (01..99) and forgets its value: one slot serves whichever channel or bus is shown
        /// (sends on fader, the selected channel), so the book need not hold every combination. Allocates nothing.
        /// </summary>
        public void Renumber(int id, int offset, int number)
        {
            byte[] address = _addresses[id];
            byte tens = (byte)('0' + (number / 10));
            byte ones = (byte)('0' + (number % 10));
            if (address[offset] == tens && address[offset + 1] == ones)
            {
                return;
            }

            address[offset] = tens;
            address[offset + 1] = ones;
            _known[id] = false;
            _values[id] = 0;
            _localChangeMs[id] = long.MinValue / 2;
            _hashes[id] = Hash(address, 0, _lengths[id]);
            if (_sealed)
            {
                Reindex(id);
            }
        }

        /// <summary>Finds the id of the message's address, or -1 when the surface does not know it (or the book is not sealed).</summary>
        public int Find(OscMessage message)
        {
            int hash = Hash(message.Buffer, message.AddressOffset, message.AddressLength);
            int lo = 0;
            int hi = _sortedHashes.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int h = _sortedHashes[mid];
                if (h < hash)
                {
                    lo = mid + 1;
                }
                else if (h > hash)
                {
                    hi = mid - 1;
                }
                else
                {
                    while (mid > 0 && _sortedHashes[mid - 1] == hash)
                    {
                        mid--;
                    }

                    for (int i = mid; i < _sortedHashes.Length && _sortedHashes[i] == hash; i++)
                    {
                        int id = _sortedIds[i];
                        if (message.AddressEquals(_addresses[id]))
                        {
                            return id;
                        }
                    }

                    return -1;
                }
            }

            return -1;
        }

        /// <summary>Builds the lookup index; call once after the last <see cref="Register"/> (start-up only).</summary>
        public void Seal()
        {
            if (!_sealed)
            {
                RebuildIndex();
                _sealed = true;
            }
        }

        private void RebuildIndex()
        {
            int[] hashes = new int[_count];
            int[] ids = new int[_count];
            for (int i = 0; i < _count; i++)
            {
                InsertSorted(hashes, ids, i, _hashes[i], i);
            }

            _sortedHashes = hashes;
            _sortedIds = ids;
        }

        // Moves one id whose hash changed to its sorted place, in the existing arrays.
        private void Reindex(int id)
        {
            int at = 0;
            while (_sortedIds[at] != id)
            {
                at++;
            }

            int last = _sortedIds.Length - 1;
            for (int i = at; i < last; i++)
            {
                _sortedHashes[i] = _sortedHashes[i + 1];
                _sortedIds[i] = _sortedIds[i + 1];
            }

            InsertSorted(_sortedHashes, _sortedIds, last, _hashes[id], id);
        }

        // Inserts (hash, id) into the first count entries, kept in hash order (insertion sort step).
        private static void InsertSorted(int[] hashes, int[] ids, int count, int hash, int id)
        {
            int j = count - 1;
            while (j >= 0 && hashes[j] > hash)
            {
                hashes[j + 1] = hashes[j];
                ids[j + 1] = ids[j];
                j--;
            }

            hashes[j + 1] = hash;
            ids[j + 1] = id;
        }

        private static int Hash(byte[] bytes, int offset, int length)
        {
            // FNV-1a: cheap and well spread over short ASCII paths.
            uint h = 2166136261;
            for (int i = 0; i < length; i++)
            {
                h ^= bytes[offset + i];
                h *= 16777619;
            }

            return (int)h;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
