using System.Runtime.CompilerServices;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// Open-addressing hash from ASCII paths to table indices, probed directly with the UTF-8 bytes
/// of an OSC address or with chars: no conversion, no allocation (the OSC server's hot path).
/// </summary>
internal sealed class AsciiPathIndex
{
    private readonly byte[][] _paths;
    private readonly int[] _slots;
    private readonly int _mask;

    public AsciiPathIndex(IReadOnlyList<ParameterDescriptor> parameters)
    {
        _paths = new byte[parameters.Count][];
        int capacity = 16;
        while (capacity < parameters.Count * 2)
        {
            capacity <<= 1;
        }

        _slots = new int[capacity];
        _mask = capacity - 1;
        Array.Fill(_slots, -1);
        for (int i = 0; i < parameters.Count; i++)
        {
            string path = parameters[i].Path;
            var bytes = new byte[path.Length];
            for (int c = 0; c < path.Length; c++)
            {
                bytes[c] = (byte)path[c];
            }

            _paths[i] = bytes;
            int slot = (int)Hash(bytes) & _mask;
            while (_slots[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = i;
        }
    }

    public bool TryGet(ReadOnlySpan<byte> path, out int index)
    {
        int slot = (int)Hash(path) & _mask;
        while (true)
        {
            int candidate = _slots[slot];
            if (candidate < 0)
            {
                index = -1;
                return false;
            }

            if (path.SequenceEqual(_paths[candidate]))
            {
                index = candidate;
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    public bool TryGet(ReadOnlySpan<char> path, out int index)
    {
        uint hash = 2166136261;
        foreach (char c in path)
        {
            if (c > 127)
            {
                index = -1;
                return false;
            }

            hash = (hash ^ c) * 16777619;
        }

        int slot = (int)hash & _mask;
        while (true)
        {
            int candidate = _slots[slot];
            if (candidate < 0)
            {
                index = -1;
                return false;
            }

            if (EqualsAscii(path, _paths[candidate]))
            {
                index = candidate;
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    // FNV-1a: paths differ in a digit or two; every byte must move the hash.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        uint hash = 2166136261;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }

    private static bool EqualsAscii(ReadOnlySpan<char> chars, byte[] bytes)
    {
        if (chars.Length != bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            if (chars[i] != bytes[i])
            {
                return false;
            }
        }

        return true;
    }
}
