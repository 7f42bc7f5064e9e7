namespace MixConsole.ControlSurface.Osc
{
    /// <summary>
    /// Writes OSC 1.0 messages (big-endian, 4-byte padded) into caller-owned buffers; never allocates.
    /// </summary>
    public static class OscWriter
    {
        /// <summary>Writes a message with no arguments: an X32-style query. Returns the packet length.</summary>
        public static int WriteQuery(byte[] buffer, byte[] paddedAddress)
        {
            int p = CopyAddress(buffer, paddedAddress);
            buffer[p++] = (byte)',';
            buffer[p++] = 0;
            buffer[p++] = 0;
            buffer[p++] = 0;
            return p;
        }

        /// <summary>Writes a message with one float argument (",f"). Returns the packet length.</summary>
        public static int WriteFloat(byte[] buffer, byte[] paddedAddress, float value)
        {
            int p = CopyAddress(buffer, paddedAddress);
            p = WriteTypeTag(buffer, p, (byte)'f');
            WriteInt32(buffer, p, OscFloat.ToBits(value));
            return p + 4;
        }

        /// <summary>Writes a message with one int32 argument (",i"). Returns the packet length.</summary>
        public static int WriteInt(byte[] buffer, byte[] paddedAddress, int value)
        {
            int p = CopyAddress(buffer, paddedAddress);
            p = WriteTypeTag(buffer, p, (byte)'i');
            WriteInt32(buffer, p, value);
            return p + 4;
        }

        /// <summary>Writes a message with one blob argument (",b") of <paramref name="length"/> bytes. Returns the packet length.</summary>
        public static int WriteBlob(byte[] buffer, byte[] paddedAddress, byte[] blob, int length)
        {
            int p = CopyAddress(buffer, paddedAddress);
            p = WriteTypeTag(buffer, p, (byte)'b');
            WriteInt32(buffer, p, length);
            p += 4;
            for (int i = 0; i < length; i++)
            {
                buffer[p++] = blob[i];
            }

            while ((p & 3) != 0)
            {
                buffer[p++] = 0;
            }

            return p;
        }

        /// <summary>
        /// Writes the X32's save command, <c>/save ,siss "scene" N name ""</c>: <paramref name="paddedKind"/> is the encoded
        /// "scene", <paramref name="name"/> its first <paramref name="nameLength"/> characters (ASCII). Returns the packet length.
        /// </summary>
        public static int WriteSave(byte[] buffer, byte[] paddedAddress, byte[] paddedKind, int slot, char[] name, int nameLength)
        {
            int p = CopyAddress(buffer, paddedAddress);
            buffer[p++] = (byte)',';
            buffer[p++] = (byte)'s';
            buffer[p++] = (byte)'i';
            buffer[p++] = (byte)'s';
            buffer[p++] = (byte)'s';
            buffer[p++] = 0;
            buffer[p++] = 0;
            buffer[p++] = 0;
            for (int i = 0; i < paddedKind.Length; i++)
            {
                buffer[p++] = paddedKind[i];
            }

            WriteInt32(buffer, p, slot);
            p = WriteChars(buffer, p + 4, name, nameLength);

            // Empty notes: one NUL, padded.
            buffer[p++] = 0;
            buffer[p++] = 0;
            buffer[p++] = 0;
            buffer[p++] = 0;
            return p;
        }

        /// <summary>Writes a message with one string argument (",s"), the first <paramref name="length"/> characters of <paramref name="text"/> (ASCII). Returns the packet length.</summary>
        public static int WriteString(byte[] buffer, byte[] paddedAddress, char[] text, int length)
        {
            int p = CopyAddress(buffer, paddedAddress);
            p = WriteTypeTag(buffer, p, (byte)'s');
            return WriteChars(buffer, p, text, length);
        }

        /// <summary>Writes a big-endian int32 at <paramref name="offset"/>.</summary>
        public static void WriteInt32(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        /// <summary>Encodes an address (or any OSC string) as NUL-terminated, 4-byte padded ASCII; used once at start-up.</summary>
        public static byte[] EncodeString(string text)
        {
            int padded = PaddedLength(text.Length);
            byte[] bytes = new byte[padded];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>Length of an OSC string of <paramref name="characters"/> characters after its NUL and padding.</summary>
        public static int PaddedLength(int characters)
        {
            return (characters + 4) & ~3;
        }

        private static int CopyAddress(byte[] buffer, byte[] paddedAddress)
        {
            for (int i = 0; i < paddedAddress.Length; i++)
            {
                buffer[i] = paddedAddress[i];
            }

            return paddedAddress.Length;
        }

        // An OSC string: the characters, a NUL, padding to 4 bytes.
        private static int WriteChars(byte[] buffer, int p, char[] text, int length)
        {
            for (int i = 0; i < length; i++)
            {
                buffer[p++] = (byte)text[i];
            }

            buffer[p++] = 0;
            while ((p & 3) != 0)
            {
                buffer[p++] = 0;
            }

            return p;
        }

        private static int WriteTypeTag(byte[] buffer, int p, byte tag)
        {
            buffer[p] = (byte)',';
            buffer[p + 1] = tag;
            buffer[p + 2] = 0;
            buffer[p + 3] = 0;
            return p + 4;
        }
    }
}
