using System.IO.Ports;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// The UART the SLIP serial link runs on (COM2 on the ESP32, pins set with Configuration.SetPinFunction).
    /// </summary>
    public sealed class UartByteStream : IByteStream
    {
        private readonly SerialPort _port;

        /// <summary>Creates the port; it opens on <see cref="Open"/>.</summary>
        public UartByteStream(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate);
            _port.ReadTimeout = 0;
            _port.WriteTimeout = 50;
        }

        /// <inheritdoc/>
        public bool IsOpen => _port.IsOpen;

        /// <inheritdoc/>
        public bool Open()
        {
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            return _port.IsOpen;
        }

        /// <inheritdoc/>
        public void Close()
        {
            if (_port.IsOpen)
            {
                _port.Close();
            }
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count)
        {
            int waiting = _port.BytesToRead;
            if (waiting <= 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, waiting < count ? waiting : count);
        }

        /// <inheritdoc/>
        public bool Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
            return true;
        }
    }
}
