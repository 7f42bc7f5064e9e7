using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Osc
{
    /// <summary>
    /// OSC over a serial cable: each packet is one SLIP frame on the byte stream.
    /// </summary>
    public sealed class SlipOscTransport : IOscTransport
    {
        private readonly IByteStream _stream;
        private readonly SlipFraming _decoder;
        private readonly byte[] _encoded;
        private readonly byte[] _chunk = new byte[64];
        private int _chunkLength;
        private int _chunkPosition;

        /// <summary>Wraps <paramref name="stream"/>; packets up to <paramref name="maxPacketBytes"/>.</summary>
        public SlipOscTransport(IByteStream stream, int maxPacketBytes)
        {
            _stream = stream ?? throw new System.ArgumentNullException(nameof(stream));
            _decoder = new SlipFraming(maxPacketBytes);
            _encoded = new byte[SlipFraming.MaxEncodedLength(maxPacketBytes)];
        }

        /// <inheritdoc/>
        public bool IsOpen => _stream.IsOpen;

        /// <inheritdoc/>
        public bool Open()
        {
            return _stream.Open();
        }

        /// <inheritdoc/>
        public void Close()
        {
            _stream.Close();
        }

        /// <inheritdoc/>
        public bool Send(byte[] packet, int length)
        {
            if (SlipFraming.MaxEncodedLength(length) > _encoded.Length)
            {
                return false;
            }

            int n = SlipFraming.Encode(packet, length, _encoded);
            return _stream.Write(_encoded, 0, n);
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer)
        {
            while (true)
            {
                if (_chunkPosition >= _chunkLength)
                {
                    _chunkLength = _stream.Read(_chunk, 0, _chunk.Length);
                    _chunkPosition = 0;
                    if (_chunkLength <= 0)
                    {
                        _chunkLength = 0;
                        return 0;
                    }
                }

                while (_chunkPosition < _chunkLength)
                {
                    if (_decoder.Feed(_chunk[_chunkPosition++]))
                    {
                        int n = _decoder.FrameLength;
                        if (n > buffer.Length)
                        {
                            continue;
                        }

                        System.Array.Copy(_decoder.Frame, 0, buffer, 0, n);
                        return n;
                    }
                }
            }
        }
    }
}
