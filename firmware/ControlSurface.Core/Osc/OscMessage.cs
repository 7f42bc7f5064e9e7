namespace MixConsole.ControlSurface.Osc
{
    /// <summary>
    /// A reusable, allocation-free view of one received OSC message inside a byte buffer.
    /// Malformed input makes <see cref="TryParse"/> return false; it never throws.
    /// </summary>
    public sealed class OscMessage
    {
        /// <summary>Most arguments a message may carry; more are rejected as malformed.</summary>
        public const int MaxArguments = 32;

        private readonly int[] _argumentOffsets = new int[MaxArguments];
        private readonly byte[] _typeTags = new byte[MaxArguments];
        private byte[] _buffer;

        /// <summary>Buffer the message lives in.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Offset of the address' first character ('/').</summary>
        public int AddressOffset { get; private set; }

        /// <summary>Characters in the address, without NUL padding.</summary>
        public int AddressLength { get; private set; }

        /// <summary>Number of arguments.</summary>
        public int ArgumentCount { get; private set; }

        /// <summary>Parses the message at <paramref name="offset"/> spanning <paramref name="length"/> bytes.</summary>
        public bool TryParse(byte[] buffer, int offset, int length)
        {
            _buffer = buffer;
            ArgumentCount = 0;
            AddressLength = 0;
            int end = offset + length;
            if (length < 4 || end > buffer.Length || buffer[offset] != (byte)'/' || (length & 3) != 0)
            {
                return false;
            }

            int addressEnd = FindNul(buffer, offset, end);
            if (addressEnd < 0)
            {
                return false;
            }

            AddressOffset = offset;
            AddressLength = addressEnd - offset;
            int p = offset + OscWriter.PaddedLength(AddressLength);
            if (p >= end)
            {
                // OSC 1.0 allows a missing type tag string: treat as no arguments.
                return p == end;
            }

            if (buffer[p] != (byte)',')
            {
                return false;
            }

            int tagEnd = FindNul(buffer, p, end);
            if (tagEnd < 0)
            {
                return false;
            }

            int tagCount = tagEnd - p - 1;
            if (tagCount > MaxArguments)
            {
                return false;
            }

            int a = p + OscWriter.PaddedLength(tagEnd - p);
            for (int i = 0; i < tagCount; i++)
            {
                byte tag = buffer[p + 1 + i];
                _typeTags[i] = tag;
                _argumentOffsets[i] = a;
                switch (tag)
                {
                    case (byte)'i':
                    case (byte)'f':
                        a += 4;
                        break;
                    case (byte)'s':
                        int stringEnd = FindNul(buffer, a, end);
                        if (stringEnd < 0)
                        {
                            return false;
                        }

                        a += OscWriter.PaddedLength(stringEnd - a);
                        break;
                    case (byte)'b':
                        if (a + 4 > end)
                        {
                            return false;
                        }

                        int size = ReadInt32(buffer, a);
                        if (size < 0)
                        {
                            return false;
                        }

                        a += 4 + ((size + 3) & ~3);
                        break;
                    case (byte)'T':
                    case (byte)'F':
                    case (byte)'N':
                        break;
                    default:
                        return false;
                }

                if (a > end)
                {
                    return false;
                }
            }

            ArgumentCount = tagCount;
            return true;
        }

        /// <summary>Type tag character of argument <paramref name="index"/>.</summary>
        public char TypeTag(int index)
        {
            return (char)_typeTags[index];
        }

        /// <summary>True when the address equals the padded address bytes <paramref name="paddedAddress"/>.</summary>
        public bool AddressEquals(byte[] paddedAddress)
        {
            int padded = OscWriter.PaddedLength(AddressLength);
            if (padded != paddedAddress.Length)
            {
                return false;
            }

            for (int i = 0; i < AddressLength; i++)
            {
                if (_buffer[AddressOffset + i] != paddedAddress[i])
                {
                    return false;
                }
            }

            return paddedAddress[AddressLength] == 0;
        }

        /// <summary>Reads argument <paramref name="index"/> as a number: floats as they are, ints converted, T/F as 1/0.</summary>
        public bool TryGetFloat(int index, out float value)
        {
            value = 0;
            if (index >= ArgumentCount)
            {
                return false;
            }

            switch (_typeTags[index])
            {
                case (byte)'f':
                    value = OscFloat.FromBits(ReadInt32(_buffer, _argumentOffsets[index]));
                    return !float.IsNaN(value);
                case (byte)'i':
                    value = ReadInt32(_buffer, _argumentOffsets[index]);
                    return true;
                case (byte)'T':
                    value = 1;
                    return true;
                case (byte)'F':
                    value = 0;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Reads argument <paramref name="index"/> as an int: ints as they are, floats rounded, T/F as 1/0.</summary>
        public bool TryGetInt(int index, out int value)
        {
            value = 0;
            if (index >= ArgumentCount)
            {
                return false;
            }

            switch (_typeTags[index])
            {
                case (byte)'i':
                    value = ReadInt32(_buffer, _argumentOffsets[index]);
                    return true;
                case (byte)'f':
                    float f = OscFloat.FromBits(ReadInt32(_buffer, _argumentOffsets[index]));
                    if (float.IsNaN(f) || f > int.MaxValue || f < int.MinValue)
                    {
                        return false;
                    }

                    value = (int)(f < 0 ? f - 0.5f : f + 0.5f);
                    return true;
                case (byte)'T':
                    value = 1;
                    return true;
                case (byte)'F':
                    value = 0;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Copies string argument <paramref name="index"/> as ASCII into <paramref name="destination"/>, truncating.</summary>
        public bool TryGetString(int index, char[] destination, out int length)
        {
            length = 0;
            if (index >= ArgumentCount || _typeTags[index] != (byte)'s')
            {
                return false;
            }

            int p = _argumentOffsets[index];
            while (_buffer[p] != 0 && length < destination.Length)
            {
                byte b = _buffer[p++];
                destination[length++] = b >= 32 && b < 127 ? (char)b : '?';
            }

            return true;
        }

        /// <summary>Finds blob argument <paramref name="index"/>: its bytes start at <paramref name="offset"/> in <see cref="Buffer"/>.</summary>
        public bool TryGetBlob(int index, out int offset, out int length)
        {
            offset = 0;
            length = 0;
            if (index >= ArgumentCount || _typeTags[index] != (byte)'b')
            {
                return false;
            }

            length = ReadInt32(_buffer, _argumentOffsets[index]);
            offset = _argumentOffsets[index] + 4;
            return true;
        }

        /// <summary>Reads a big-endian int32.</summary>
        public static int ReadInt32(byte[] buffer, int offset)
        {
            return (buffer[offset] << 24) | (buffer[offset + 1] << 16) | (buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        private static int FindNul(byte[] buffer, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (buffer[i] == 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
