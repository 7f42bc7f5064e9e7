namespace MixConsole.ControlSurface.Osc
{
    /// <summary>
    /// Splits a received packet into messages, unpacking "#bundle" elements, without allocating.
    /// </summary>
    public sealed class OscPacketReader
    {
        private const int MaxBundleDepth = 4;
        private readonly OscMessage _message = new OscMessage();

        /// <summary>Messages rejected as malformed since start-up.</summary>
        public int MalformedCount { get; private set; }

        /// <summary>Delivers every well-formed message in the packet to <paramref name="sink"/>; returns how many.</summary>
        public int Read(byte[] buffer, int offset, int length, IOscMessageSink sink)
        {
            return ReadElement(buffer, offset, length, sink, 0);
        }

        private int ReadElement(byte[] buffer, int offset, int length, IOscMessageSink sink, int depth)
        {
            if (length >= 16 && IsBundle(buffer, offset))
            {
                if (depth >= MaxBundleDepth)
                {
                    MalformedCount++;
                    return 0;
                }

                int delivered = 0;
                int p = offset + 16;
                int end = offset + length;
                while (p + 4 <= end)
                {
                    int size = OscMessage.ReadInt32(buffer, p);
                    p += 4;
                    if (size <= 0 || p + size > end)
                    {
                        MalformedCount++;
                        return delivered;
                    }

                    delivered += ReadElement(buffer, p, size, sink, depth + 1);
                    p += size;
                }

                return delivered;
            }

            if (_message.TryParse(buffer, offset, length))
            {
                sink.OnMessage(_message);
                return 1;
            }

            MalformedCount++;
            return 0;
        }

        private static bool IsBundle(byte[] b, int o)
        {
            return b[o] == (byte)'#' && b[o + 1] == (byte)'b' && b[o + 2] == (byte)'u' && b[o + 3] == (byte)'n'
                && b[o + 4] == (byte)'d' && b[o + 5] == (byte)'l' && b[o + 6] == (byte)'e' && b[o + 7] == 0;
        }
    }
}
