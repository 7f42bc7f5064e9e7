namespace MixConsole.Control.Osc;

/// <summary>Whole-packet operations: validate a message or a bundle tree, then visit its messages.</summary>
public static class OscPacket
{
    /// <summary>
    /// Checks a message, or a bundle and everything nested in it, against the OSC 1.0 rules and
    /// <see cref="OscLimits"/>; allocates nothing and never throws.
    /// </summary>
    /// <param name="packet">The received bytes.</param>
    /// <param name="messageCount">Number of messages the packet carries when valid.</param>
    /// <returns><see cref="OscParseError.None"/> when valid, otherwise the first problem found.</returns>
    public static OscParseError Validate(ReadOnlySpan<byte> packet, out int messageCount)
    {
        messageCount = 0;
        return ValidateElement(packet, 0, ref messageCount);
    }

    /// <summary>
    /// Validates the whole packet first, then hands every message to <paramref name="visitor"/> in order, so a
    /// malformed bundle delivers nothing at all rather than its first half.
    /// </summary>
    /// <typeparam name="TVisitor">A struct (or ref struct) visitor, so the call is direct and allocation-free.</typeparam>
    /// <param name="packet">The received bytes.</param>
    /// <param name="visitor">Receives each message with its bundle time tag.</param>
    /// <returns><see cref="OscParseError.None"/> when every message was delivered, otherwise why none were.</returns>
    public static OscParseError Visit<TVisitor>(ReadOnlySpan<byte> packet, ref TVisitor visitor)
        where TVisitor : IOscMessageVisitor, allows ref struct
    {
        OscParseError error = Validate(packet, out _);
        if (error != OscParseError.None)
        {
            return error;
        }

        VisitValidated(packet, OscTimeTag.Immediate, ref visitor);
        return OscParseError.None;
    }

    private static void VisitValidated<TVisitor>(ReadOnlySpan<byte> packet, OscTimeTag timeTag, ref TVisitor visitor)
        where TVisitor : IOscMessageVisitor, allows ref struct
    {
        if (OscBundle.TryParse(packet, out OscBundle bundle, out _))
        {
            foreach (ReadOnlySpan<byte> element in bundle)
            {
                VisitValidated(element, bundle.TimeTag, ref visitor);
            }
        }
        else if (OscMessage.TryParse(packet, out OscMessage message, out _))
        {
            visitor.OnMessage(in message, timeTag);
        }
    }

    private static OscParseError ValidateElement(ReadOnlySpan<byte> packet, int depth, ref int messageCount)
    {
        if (!packet.IsEmpty && packet[0] == (byte)'#')
        {
            if (depth >= OscLimits.MaxBundleDepth)
            {
                return OscParseError.BundleTooDeep;
            }

            if (!OscBundle.TryParse(packet, out OscBundle bundle, out OscParseError bundleError))
            {
                return bundleError;
            }

            foreach (ReadOnlySpan<byte> element in bundle)
            {
                OscParseError elementError = ValidateElement(element, depth + 1, ref messageCount);
                if (elementError != OscParseError.None)
                {
                    return elementError;
                }
            }

            return OscParseError.None;
        }

        if (!OscMessage.TryParse(packet, out _, out OscParseError messageError))
        {
            return messageError;
        }

        return ++messageCount > OscLimits.MaxMessagesPerPacket ? OscParseError.TooManyMessages : OscParseError.None;
    }
}
