namespace MixConsole.Control.Osc;

/// <summary>
/// SLIP framing (RFC 1055) as OSC 1.1 uses it on serial lines: each packet is sent between END bytes
/// ("double-END": one before, one after, so line noise before a frame is flushed), with END and ESC in the
/// payload escaped as ESC ESC_END and ESC ESC_ESC.
/// </summary>
public static class Slip
{
    /// <summary>Frame delimiter.</summary>
    public const byte End = 0xC0;

    /// <summary>Escape byte.</summary>
    public const byte Esc = 0xDB;

    /// <summary>Follows ESC to stand for an END data byte.</summary>
    public const byte EscEnd = 0xDC;

    /// <summary>Follows ESC to stand for an ESC data byte.</summary>
    public const byte EscEsc = 0xDD;

    /// <summary>Worst-case encoded size of a <paramref name="packetLength"/>-byte packet (every byte escaped, two ENDs).</summary>
    public static int MaxEncodedLength(int packetLength) => 2 * packetLength + 2;

    /// <summary>Encodes one packet as END, escaped bytes, END.</summary>
    /// <param name="packet">The packet to frame.</param>
    /// <param name="destination">Where the frame goes.</param>
    /// <param name="written">Bytes written, or 0 when the frame does not fit.</param>
    /// <returns>False when <paramref name="destination"/> is too small.</returns>
    public static bool TryEncode(ReadOnlySpan<byte> packet, Span<byte> destination, out int written)
    {
        written = 0;
        int position = 0;
        if (destination.IsEmpty)
        {
            return false;
        }

        destination[position++] = End;
        foreach (byte b in packet)
        {
            bool escaped = b is End or Esc;
            if (position + (escaped ? 2 : 1) > destination.Length)
            {
                return false;
            }

            if (escaped)
            {
                destination[position++] = Esc;
                destination[position++] = b == End ? EscEnd : EscEsc;
            }
            else
            {
                destination[position++] = b;
            }
        }

        if (position >= destination.Length)
        {
            return false;
        }

        destination[position++] = End;
        written = position;
        return true;
    }
}
