using System.Buffers.Binary;

namespace MixConsole.Control.Osc;

/// <summary>
/// A zero-allocation view of one OSC bundle: "#bundle", a time tag, then size-prefixed elements (messages or
/// bundles). <see cref="TryParse"/> checks the framing of this level only; <see cref="OscPacket.Validate"/>
/// checks a whole tree.
/// </summary>
public readonly ref struct OscBundle
{
    /// <summary>Header bytes: "#bundle" and its terminator.</summary>
    public static ReadOnlySpan<byte> Header => "#bundle\0"u8;

    private readonly ReadOnlySpan<byte> _elements;

    private OscBundle(OscTimeTag timeTag, ReadOnlySpan<byte> elements)
    {
        TimeTag = timeTag;
        _elements = elements;
    }

    /// <summary>When the bundle's messages take effect (<see cref="OscTimeTag.Immediate"/> for now).</summary>
    public OscTimeTag TimeTag { get; }

    /// <summary>True when <paramref name="packet"/> starts with the bundle header.</summary>
    public static bool IsBundle(ReadOnlySpan<byte> packet) => packet.StartsWith(Header);

    /// <summary>Reads the header and time tag and checks every element's size prefix at this level.</summary>
    /// <param name="packet">The received bytes; the view refers to them.</param>
    /// <param name="bundle">The bundle view when valid.</param>
    /// <param name="error">Why the bundle was rejected, or <see cref="OscParseError.None"/>.</param>
    /// <returns>True when the bundle's framing is valid.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out OscBundle bundle, out OscParseError error)
    {
        bundle = default;
        error = ValidateFraming(packet);
        if (error != OscParseError.None)
        {
            return false;
        }

        bundle = new OscBundle(new OscTimeTag(BinaryPrimitives.ReadUInt64BigEndian(packet.Slice(8, 8))), packet.Slice(16));
        return true;
    }

    /// <summary>Enumerates the element packets (each a message or a bundle) in order.</summary>
    public Enumerator GetEnumerator() => new(_elements);

    private static OscParseError ValidateFraming(ReadOnlySpan<byte> packet)
    {
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

        if (packet.Length < 16 || !IsBundle(packet))
        {
            return OscParseError.InvalidBundleHeader;
        }

        ReadOnlySpan<byte> rest = packet.Slice(16);
        while (!rest.IsEmpty)
        {
            if (rest.Length < 4)
            {
                return OscParseError.InvalidElementSize;
            }

            int size = BinaryPrimitives.ReadInt32BigEndian(rest);
            if (size <= 0 || (size & 3) != 0 || size > rest.Length - 4)
            {
                return OscParseError.InvalidElementSize;
            }

            rest = rest.Slice(4 + size);
        }

        return OscParseError.None;
    }

    /// <summary>Walks a bundle's size-prefixed elements without allocating.</summary>
    public ref struct Enumerator
    {
        private ReadOnlySpan<byte> _rest;

        internal Enumerator(ReadOnlySpan<byte> elements)
        {
            _rest = elements;
            Current = default;
        }

        /// <summary>The current element's bytes.</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>Advances to the next element.</summary>
        public bool MoveNext()
        {
            if (_rest.Length < 4)
            {
                return false;
            }

            int size = BinaryPrimitives.ReadInt32BigEndian(_rest);
            Current = _rest.Slice(4, size);
            _rest = _rest.Slice(4 + size);
            return true;
        }
    }
}
