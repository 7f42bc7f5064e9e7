namespace MixConsole.ControlSurface.Osc
{
    /// <summary>
    /// SLIP (RFC 1055) framing for OSC over a UART, double-END variant as OSC 1.1 recommends.
    /// </summary>
    public sealed class SlipFraming
    {
        /// <summary>Frame delimiter.</summary>
        public const byte End = 0xC0;

        /// <summary>Escape byte.</summary>
        public const byte Esc = 0xDB;

        /// <summary>Escaped END.</summary>
        public const byte EscEnd = 0xDC;

        /// <summary>Escaped ESC.</summary>
        public const byte EscEsc = 0xDD;

        private readonly byte[] _frame;
        private int _length;
        private bool _escaped;
        private bool _overflow;

        /// <summary>Creates a decoder that accepts frames up to <paramref name="maxFrameBytes"/>.</summary>
        public SlipFraming(int maxFrameBytes)
        {
            _frame = new byte[maxFrameBytes];
        }

        /// <summary>The decoded frame after <see cref="Feed"/> returned true.</summary>
        public byte[] Frame => _frame;

        /// <summary>Length of the decoded frame after <see cref="Feed"/> returned true.</summary>
        public int FrameLength { get; private set; }

        /// <summary>Frames dropped because they exceeded the buffer or held a bad escape.</summary>
        public int DroppedFrames { get; private set; }

        /// <summary>Feeds one received byte; returns true when a complete frame is ready in <see cref="Frame"/>.</summary>
        public bool Feed(byte b)
        {
            if (b == End)
            {
                bool complete = _length > 0 && !_overflow;
                if (_overflow)
                {
                    DroppedFrames++;
                }

                FrameLength = complete ? _length : 0;
                _length = 0;
                _escaped = false;
                _overflow = false;
                return complete;
            }

            if (_overflow)
            {
                return false;
            }

            if (_escaped)
            {
                _escaped = false;
                if (b == EscEnd)
                {
                    b = End;
                }
                else if (b == EscEsc)
                {
                    b = Esc;
                }
                else
                {
                    _overflow = true;
                    return false;
                }
            }
            else if (b == Esc)
            {
                _escaped = true;
                return false;
            }

            if (_length >= _frame.Length)
            {
                _overflow = true;
                return false;
            }

            _frame[_length++] = b;
            return false;
        }

        /// <summary>Encodes <paramref name="length"/> bytes of <paramref name="source"/> into <paramref name="destination"/>; returns the encoded length.</summary>
        public static int Encode(byte[] source, int length, byte[] destination)
        {
            int p = 0;
            destination[p++] = End;
            for (int i = 0; i < length; i++)
            {
                byte b = source[i];
                if (b == End)
                {
                    destination[p++] = Esc;
                    destination[p++] = EscEnd;
                }
                else if (b == Esc)
                {
                    destination[p++] = Esc;
                    destination[p++] = EscEsc;
                }
                else
                {
                    destination[p++] = b;
                }
            }

            destination[p++] = End;
            return p;
        }

        /// <summary>Worst-case encoded size of a packet of <paramref name="length"/> bytes.</summary>
        public static int MaxEncodedLength(int length)
        {
            return (2 * length) + 2;
        }
    }
}
