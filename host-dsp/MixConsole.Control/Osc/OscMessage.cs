using System.Buffers.Binary;
using System.Text.Unicode;

namespace MixConsole.Control.Osc;

/// <summary>
/// A validated, zero-allocation view of one OSC message inside a received buffer. It holds spans into
/// that buffer, so it is valid only while the buffer is. Every accessor returns false rather than throwing.
/// </summary>
public readonly ref struct OscMessage
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _addressLength;
    private readonly int _tagsStart;
    private readonly int _tagCount;
    private readonly int _argumentsStart;

    private OscMessage(ReadOnlySpan<byte> packet, int addressLength, int tagsStart, int tagCount, int argumentsStart)
    {
        _packet = packet;
        _addressLength = addressLength;
        _tagsStart = tagsStart;
        _tagCount = tagCount;
        _argumentsStart = argumentsStart;
    }

    /// <summary>The address (or address pattern) in ASCII, without its terminator.</summary>
    public ReadOnlySpan<byte> Address => _packet.Slice(0, _addressLength);

    /// <summary>The type tags without the leading ',' (empty for a message with no arguments).</summary>
    public ReadOnlySpan<byte> TypeTags => _packet.Slice(_tagsStart, _tagCount);

    /// <summary>Number of arguments.</summary>
    public int ArgumentCount => _tagCount;

    /// <summary>The whole message as it arrived.</summary>
    public ReadOnlySpan<byte> Packet => _packet;

    /// <summary>
    /// Validates <paramref name="packet"/> as one OSC message: aligned length, terminated and padded address
    /// and type tags, known tags only, every argument inside the packet with zero padding, nothing trailing.
    /// A packet that ends right after the address is accepted as a message with no arguments (OSC 1.0 asks
    /// receivers to tolerate a missing type-tag string; X32 clients send queries that way).
    /// </summary>
    /// <param name="packet">The received bytes; the view refers to them.</param>
    /// <param name="message">The message view when valid, otherwise default.</param>
    /// <param name="error">Why the packet was rejected, or <see cref="OscParseError.None"/>.</param>
    /// <returns>True when the packet is a valid message.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out OscMessage message, out OscParseError error)
    {
        message = default;
        error = Validate(packet, out int addressLength, out int tagsStart, out int tagCount, out int argumentsStart);
        if (error != OscParseError.None)
        {
            return false;
        }

        message = new OscMessage(packet, addressLength, tagsStart, tagCount, argumentsStart);
        return true;
    }

    /// <summary>True when the address equals <paramref name="address"/> byte for byte.</summary>
    public bool AddressEquals(ReadOnlySpan<byte> address) => Address.SequenceEqual(address);

    /// <summary>True when this message's address pattern matches the concrete <paramref name="address"/>.</summary>
    public bool AddressMatches(ReadOnlySpan<byte> address) => OscAddressPattern.IsMatch(Address, address);

    /// <summary>The type of argument <paramref name="index"/>, or <see cref="OscType.None"/> when out of range.</summary>
    public OscType GetArgumentType(int index) =>
        (uint)index < (uint)_tagCount ? (OscType)_packet[_tagsStart + index] : OscType.None;

    /// <summary>Reads an 'i' argument.</summary>
    public bool TryGetInt32(int index, out int value)
    {
        value = 0;
        if (!TryLocate(index, OscType.Int32, out int offset))
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt32BigEndian(_packet.Slice(offset, 4));
        return true;
    }

    /// <summary>Reads an 'f' argument.</summary>
    public bool TryGetFloat32(int index, out float value)
    {
        value = 0;
        if (!TryLocate(index, OscType.Float32, out int offset))
        {
            return false;
        }

        value = BinaryPrimitives.ReadSingleBigEndian(_packet.Slice(offset, 4));
        return true;
    }

    /// <summary>Reads an 'h' argument.</summary>
    public bool TryGetInt64(int index, out long value)
    {
        value = 0;
        if (!TryLocate(index, OscType.Int64, out int offset))
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt64BigEndian(_packet.Slice(offset, 8));
        return true;
    }

    /// <summary>Reads a 'd' argument.</summary>
    public bool TryGetFloat64(int index, out double value)
    {
        value = 0;
        if (!TryLocate(index, OscType.Float64, out int offset))
        {
            return false;
        }

        value = BinaryPrimitives.ReadDoubleBigEndian(_packet.Slice(offset, 8));
        return true;
    }

    /// <summary>Reads a 't' argument.</summary>
    public bool TryGetTimeTag(int index, out OscTimeTag value)
    {
        value = default;
        if (!TryLocate(index, OscType.TimeTag, out int offset))
        {
            return false;
        }

        value = new OscTimeTag(BinaryPrimitives.ReadUInt64BigEndian(_packet.Slice(offset, 8)));
        return true;
    }

    /// <summary>Reads a 'T' or 'F' argument.</summary>
    public bool TryGetBoolean(int index, out bool value)
    {
        OscType type = GetArgumentType(index);
        value = type == OscType.True;
        return type is OscType.True or OscType.False;
    }

    /// <summary>
    /// Reads any numeric argument (i, h, f, d, T, F) as a double: the one accessor for controls that accept
    /// "enums as int" and "levels as float" alike.
    /// </summary>
    public bool TryGetNumber(int index, out double value)
    {
        value = 0;
        switch (GetArgumentType(index))
        {
            case OscType.Int32 when TryGetInt32(index, out int i):
                value = i;
                return true;
            case OscType.Float32 when TryGetFloat32(index, out float f):
                value = f;
                return true;
            case OscType.Int64 when TryGetInt64(index, out long h):
                value = h;
                return true;
            case OscType.Float64 when TryGetFloat64(index, out double d):
                value = d;
                return true;
            case OscType.True:
                value = 1;
                return true;
            case OscType.False:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads an 's' argument as its raw bytes (UTF-8 by convention), without the terminator.</summary>
    public bool TryGetString(int index, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryLocate(index, OscType.String, out int offset))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = _packet.Slice(offset);
        value = rest.Slice(0, rest.IndexOf((byte)0));
        return true;
    }

    /// <summary>
    /// Decodes an 's' argument as UTF-8 into <paramref name="destination"/> (invalid sequences become U+FFFD).
    /// Returns false when the argument is not a string or does not fit.
    /// </summary>
    public bool TryGetString(int index, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (!TryGetString(index, out ReadOnlySpan<byte> utf8))
        {
            return false;
        }

        return Utf8.ToUtf16(utf8, destination, out _, out charsWritten) == System.Buffers.OperationStatus.Done;
    }

    /// <summary>Reads a 'b' argument's bytes.</summary>
    public bool TryGetBlob(int index, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryLocate(index, OscType.Blob, out int offset))
        {
            return false;
        }

        int size = BinaryPrimitives.ReadInt32BigEndian(_packet.Slice(offset, 4));
        value = _packet.Slice(offset + 4, size);
        return true;
    }

    // Walks the already-validated arguments before index; messages carry a handful, so a walk beats a table.
    private bool TryLocate(int index, OscType expected, out int offset)
    {
        offset = 0;
        if ((uint)index >= (uint)_tagCount || _packet[_tagsStart + index] != (byte)expected)
        {
            return false;
        }

        int position = _argumentsStart;
        for (int i = 0; i < index; i++)
        {
            position += PayloadLength((OscType)_packet[_tagsStart + i], _packet.Slice(position));
        }

        offset = position;
        return true;
    }

    private static int PayloadLength(OscType type, ReadOnlySpan<byte> at) => type switch
    {
        OscType.Int32 or OscType.Float32 => 4,
        OscType.Int64 or OscType.Float64 or OscType.TimeTag => 8,
        OscType.String => Pad4(at.IndexOf((byte)0) + 1),
        OscType.Blob => 4 + Pad4(BinaryPrimitives.ReadInt32BigEndian(at)),
        _ => 0,
    };

    internal static int Pad4(int length) => (length + 3) & ~3;

    private static OscParseError Validate(
        ReadOnlySpan<byte> packet, out int addressLength, out int tagsStart, out int tagCount, out int argumentsStart)
    {
        addressLength = tagsStart = tagCount = argumentsStart = 0;
        if (packet.IsEmpty)
        {
            return OscParseError.Empty;
        }

        if (packet.Length > OscLimits.MaxPacketBytes)
        {
            return OscParseError.TooLarge;
        }

        if ((packet.Length & 3) != 0)
        {
            return OscParseError.LengthNotAligned;
        }

        if (packet[0] == (byte)'#')
        {
            return OscParseError.NotAMessage;
        }

        if (packet[0] != (byte)'/')
        {
            return OscParseError.InvalidAddress;
        }

        int nul = packet.IndexOf((byte)0);
        if (nul < 0)
        {
            return OscParseError.AddressNotTerminated;
        }

        // Printable ASCII only: a space, control or high byte is never part of a console address.
        if (packet.Slice(0, nul).IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0)
        {
            return OscParseError.InvalidAddress;
        }

        int position = Pad4(nul + 1);
        if (packet.Slice(nul + 1, position - nul - 1).IndexOfAnyExcept((byte)0) >= 0)
        {
            return OscParseError.BadPadding;
        }

        addressLength = nul;
        if (position == packet.Length)
        {
            tagsStart = position;
            argumentsStart = position;
            return OscParseError.None;
        }

        if (packet[position] != (byte)',')
        {
            return OscParseError.MissingTypeTags;
        }

        ReadOnlySpan<byte> afterComma = packet.Slice(position + 1);
        int tagsNul = afterComma.IndexOf((byte)0);
        if (tagsNul < 0)
        {
            return OscParseError.TypeTagsNotTerminated;
        }

        if (tagsNul > OscLimits.MaxArguments)
        {
            return OscParseError.TooManyArguments;
        }

        ReadOnlySpan<byte> tags = afterComma.Slice(0, tagsNul);
        tagsStart = position + 1;
        tagCount = tagsNul;
        int tagsEnd = position + Pad4(tagsNul + 2);
        if (packet.Slice(tagsStart + tagsNul, tagsEnd - tagsStart - tagsNul).IndexOfAnyExcept((byte)0) >= 0)
        {
            return OscParseError.BadPadding;
        }

        position = tagsEnd;
        argumentsStart = position;
        foreach (byte tag in tags)
        {
            int remaining = packet.Length - position;
            switch ((OscType)tag)
            {
                case OscType.Int32:
                case OscType.Float32:
                    if (remaining < 4)
                    {
                        return OscParseError.TruncatedArgument;
                    }

                    position += 4;
                    break;
                case OscType.Int64:
                case OscType.Float64:
                case OscType.TimeTag:
                    if (remaining < 8)
                    {
                        return OscParseError.TruncatedArgument;
                    }

                    position += 8;
                    break;
                case OscType.String:
                {
                    int end = packet.Slice(position).IndexOf((byte)0);
                    if (end < 0)
                    {
                        return OscParseError.StringNotTerminated;
                    }

                    int padded = Pad4(end + 1);
                    if (packet.Slice(position + end + 1, padded - end - 1).IndexOfAnyExcept((byte)0) >= 0)
                    {
                        return OscParseError.BadPadding;
                    }

                    position += padded;
                    break;
                }

                case OscType.Blob:
                {
                    if (remaining < 4)
                    {
                        return OscParseError.TruncatedArgument;
                    }

                    int size = BinaryPrimitives.ReadInt32BigEndian(packet.Slice(position, 4));
                    if (size < 0 || size > remaining - 4)
                    {
                        return OscParseError.InvalidBlobSize;
                    }

                    int padded = Pad4(size);
                    if (padded > remaining - 4)
                    {
                        return OscParseError.TruncatedArgument;
                    }

                    if (packet.Slice(position + 4 + size, padded - size).IndexOfAnyExcept((byte)0) >= 0)
                    {
                        return OscParseError.BadPadding;
                    }

                    position += 4 + padded;
                    break;
                }

                case OscType.True:
                case OscType.False:
                case OscType.Nil:
                case OscType.Impulse:
                    break;
                default:
                    return OscParseError.UnknownTypeTag;
            }
        }

        return position == packet.Length ? OscParseError.None : OscParseError.TrailingBytes;
    }
}
