using System.Buffers.Binary;
using System.Text.Unicode;

namespace MixConsole.Control.Osc;

/// <summary>
/// Writes OSC messages and bundles into a caller-provided buffer without allocating. Declare the type tags in
/// <c>BeginMessage</c>, then write each argument in order
/// (T, F, N and I carry no bytes and are skipped for you). Running out of room sets <see cref="Overflowed"/>
/// and <see cref="TryComplete"/> returns false; writing an argument the tags did not declare is a programming
/// error and throws <see cref="InvalidOperationException"/>.
/// </summary>
public ref struct OscWriter
{
    private readonly Span<byte> _buffer;
    private int _position;
    private int _tagCursor;
    private int _tagEnd;

    /// <summary>Longest address accepted by the text overload (it is staged on the stack).</summary>
    public const int MaxTextAddressChars = 1024;

    /// <summary>Starts writing at the beginning of <paramref name="destination"/>.</summary>
    public OscWriter(Span<byte> destination)
    {
        _buffer = destination;
        _position = 0;
        _tagCursor = 0;
        _tagEnd = 0;
        Overflowed = false;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _position;

    /// <summary>True once a write did not fit; the output is then unusable.</summary>
    public bool Overflowed { readonly get; private set; }

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer.Slice(0, _position);

    /// <summary>One-shot: a message with no arguments (a query). Returns false when it does not fit.</summary>
    public static bool TryWriteMessage(Span<byte> destination, ReadOnlySpan<byte> address, out int length)
    {
        var writer = new OscWriter(destination);
        writer.BeginMessage(address, default);
        return writer.TryComplete(out length);
    }

    /// <summary>One-shot: a message with one float argument. Returns false when it does not fit.</summary>
    public static bool TryWriteMessage(Span<byte> destination, ReadOnlySpan<byte> address, float value, out int length)
    {
        var writer = new OscWriter(destination);
        writer.BeginMessage(address, "f"u8);
        writer.WriteFloat32(value);
        return writer.TryComplete(out length);
    }

    /// <summary>One-shot: a message with one int argument. Returns false when it does not fit.</summary>
    public static bool TryWriteMessage(Span<byte> destination, ReadOnlySpan<byte> address, int value, out int length)
    {
        var writer = new OscWriter(destination);
        writer.BeginMessage(address, "i"u8);
        writer.WriteInt32(value);
        return writer.TryComplete(out length);
    }

    /// <summary>Writes the address and the ',' type-tag string; <paramref name="typeTags"/> has no leading ','.</summary>
    /// <exception cref="ArgumentException">The address is not a printable-ASCII path starting with '/', or a tag is unknown.</exception>
    /// <exception cref="InvalidOperationException">The previous message still expects arguments.</exception>
    public void BeginMessage(scoped ReadOnlySpan<byte> address, scoped ReadOnlySpan<byte> typeTags)
    {
        EnsureNoOpenMessage();
        if (address.IsEmpty || address[0] != (byte)'/' || address.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0)
        {
            throw new ArgumentException("An OSC address is printable ASCII starting with '/'.", nameof(address));
        }

        foreach (byte tag in typeTags)
        {
            if (!IsKnownTag(tag))
            {
                throw new ArgumentException($"Unsupported OSC type tag '{(char)tag}'.", nameof(typeTags));
            }
        }

        WritePaddedString(address);
        if (!Reserve(OscMessage.Pad4(typeTags.Length + 2), out Span<byte> tagArea))
        {
            return;
        }

        tagArea.Clear();
        tagArea[0] = (byte)',';
        typeTags.CopyTo(tagArea.Slice(1));
        _tagCursor = _position - tagArea.Length + 1;
        _tagEnd = _tagCursor + typeTags.Length;
        SkipPayloadlessTags();
    }

    /// <summary>Writes the address and type tags given as ASCII text.</summary>
    public void BeginMessage(ReadOnlySpan<char> address, ReadOnlySpan<char> typeTags)
    {
        if (address.Length > MaxTextAddressChars || typeTags.Length > OscLimits.MaxArguments)
        {
            throw new ArgumentException("Address or type tags too long.", nameof(address));
        }

        Span<byte> addressBytes = stackalloc byte[address.Length];
        Span<byte> tagBytes = stackalloc byte[typeTags.Length];
        for (int i = 0; i < address.Length; i++)
        {
            addressBytes[i] = address[i] < 0x80 ? (byte)address[i] : (byte)0;
        }

        for (int i = 0; i < typeTags.Length; i++)
        {
            tagBytes[i] = typeTags[i] < 0x80 ? (byte)typeTags[i] : (byte)0;
        }

        BeginMessage(addressBytes, tagBytes);
    }

    /// <summary>Writes an 'i' argument.</summary>
    public void WriteInt32(int value)
    {
        if (Expect(OscType.Int32) && Reserve(4, out Span<byte> span))
        {
            BinaryPrimitives.WriteInt32BigEndian(span, value);
        }
    }

    /// <summary>Writes an 'f' argument.</summary>
    public void WriteFloat32(float value)
    {
        if (Expect(OscType.Float32) && Reserve(4, out Span<byte> span))
        {
            BinaryPrimitives.WriteSingleBigEndian(span, value);
        }
    }

    /// <summary>Writes an 'h' argument.</summary>
    public void WriteInt64(long value)
    {
        if (Expect(OscType.Int64) && Reserve(8, out Span<byte> span))
        {
            BinaryPrimitives.WriteInt64BigEndian(span, value);
        }
    }

    /// <summary>Writes a 'd' argument.</summary>
    public void WriteFloat64(double value)
    {
        if (Expect(OscType.Float64) && Reserve(8, out Span<byte> span))
        {
            BinaryPrimitives.WriteDoubleBigEndian(span, value);
        }
    }

    /// <summary>Writes a 't' argument.</summary>
    public void WriteTimeTag(OscTimeTag value)
    {
        if (Expect(OscType.TimeTag) && Reserve(8, out Span<byte> span))
        {
            BinaryPrimitives.WriteUInt64BigEndian(span, value.Raw);
        }
    }

    /// <summary>Writes an 's' argument from UTF-8 bytes, which must not contain NUL.</summary>
    public void WriteString(scoped ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOf((byte)0) >= 0)
        {
            throw new ArgumentException("An OSC string cannot contain NUL.", nameof(utf8));
        }

        if (Expect(OscType.String))
        {
            WritePaddedString(utf8);
        }
    }

    /// <summary>Writes an 's' argument from text, encoded as UTF-8 straight into the buffer.</summary>
    public void WriteString(scoped ReadOnlySpan<char> text)
    {
        if (text.IndexOf('\0') >= 0)
        {
            throw new ArgumentException("An OSC string cannot contain NUL.", nameof(text));
        }

        if (!Expect(OscType.String) || Overflowed)
        {
            return;
        }

        Span<byte> free = _buffer.Slice(_position);
        if (Utf8.FromUtf16(text, free, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            Overflowed = true;
            return;
        }

        int padded = OscMessage.Pad4(written + 1);
        if (padded > free.Length)
        {
            Overflowed = true;
            return;
        }

        free.Slice(written, padded - written).Clear();
        _position += padded;
    }

    /// <summary>Writes a 'b' argument: size, bytes, zero padding.</summary>
    public void WriteBlob(scoped ReadOnlySpan<byte> data)
    {
        if (Expect(OscType.Blob) && Reserve(4 + OscMessage.Pad4(data.Length), out Span<byte> span))
        {
            BinaryPrimitives.WriteInt32BigEndian(span, data.Length);
            data.CopyTo(span.Slice(4));
            span.Slice(4 + data.Length).Clear();
        }
    }

    /// <summary>Writes a bundle header with its time tag; follow with elements.</summary>
    public void BeginBundle(OscTimeTag timeTag)
    {
        EnsureNoOpenMessage();
        if (Reserve(16, out Span<byte> span))
        {
            OscBundle.Header.CopyTo(span);
            BinaryPrimitives.WriteUInt64BigEndian(span.Slice(8), timeTag.Raw);
        }
    }

    /// <summary>Reserves a bundle element's size prefix; pass the returned token to <see cref="EndElement"/>.</summary>
    public int BeginElement()
    {
        EnsureNoOpenMessage();
        int token = _position;
        Reserve(4, out _);
        return token;
    }

    /// <summary>Fills in the size prefix of the element started by <see cref="BeginElement"/>.</summary>
    public void EndElement(int token)
    {
        EnsureNoOpenMessage();
        if (!Overflowed)
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer.Slice(token, 4), _position - token - 4);
        }
    }

    /// <summary>Finishes; false when the output did not fit.</summary>
    /// <param name="length">Bytes written, or 0 on overflow.</param>
    /// <exception cref="InvalidOperationException">The current message still expects arguments.</exception>
    public readonly bool TryComplete(out int length)
    {
        EnsureNoOpenMessage();
        length = Overflowed ? 0 : _position;
        return !Overflowed;
    }

    private static bool IsKnownTag(byte tag) => (OscType)tag is OscType.Int32 or OscType.Float32 or OscType.String
        or OscType.Blob or OscType.Int64 or OscType.Float64 or OscType.TimeTag or OscType.True or OscType.False
        or OscType.Nil or OscType.Impulse;

    private readonly void EnsureNoOpenMessage()
    {
        if (!Overflowed && _tagCursor < _tagEnd)
        {
            throw new InvalidOperationException("The message's declared arguments have not all been written.");
        }
    }

    private bool Expect(OscType type)
    {
        if (Overflowed)
        {
            return false;
        }

        if (_tagCursor >= _tagEnd || _buffer[_tagCursor] != (byte)type)
        {
            throw new InvalidOperationException($"The type tags do not declare a '{(char)type}' argument here.");
        }

        _tagCursor++;
        SkipPayloadlessTags();
        return true;
    }

    private void SkipPayloadlessTags()
    {
        while (_tagCursor < _tagEnd && (OscType)_buffer[_tagCursor] is OscType.True or OscType.False or OscType.Nil or OscType.Impulse)
        {
            _tagCursor++;
        }
    }

    private void WritePaddedString(scoped ReadOnlySpan<byte> bytes)
    {
        if (Reserve(OscMessage.Pad4(bytes.Length + 1), out Span<byte> span))
        {
            bytes.CopyTo(span);
            span.Slice(bytes.Length).Clear();
        }
    }

    private bool Reserve(int length, out Span<byte> span)
    {
        if (Overflowed || length > _buffer.Length - _position)
        {
            Overflowed = true;
            span = default;
            return false;
        }

        span = _buffer.Slice(_position, length);
        _position += length;
        return true;
    }
}
