using System;
using System.Net;
using System.Net.Sockets;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// OSC over UDP: one datagram per packet, a socket bound to the local port and connected to the host.
    /// Receive polls Available, so it never blocks the scan loop.
    /// </summary>
    public sealed class UdpOscTransport : IOscTransport
    {
        private readonly IPEndPoint _host;
        private readonly int _localPort;
        private Socket _socket;

        /// <summary>Creates the transport; the socket opens on <see cref="Open"/>.</summary>
        public UdpOscTransport(string hostAddress, int hostPort, int localPort)
        {
            _host = new IPEndPoint(IPAddress.Parse(hostAddress), hostPort);
            _localPort = localPort;
        }

        /// <inheritdoc/>
        public bool IsOpen => _socket != null;

        /// <inheritdoc/>
        public bool Open()
        {
            Close();
            try
            {
                Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Any, _localPort));
                socket.Connect(_host);
                _socket = socket;
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
        }

        /// <inheritdoc/>
        public bool Send(byte[] packet, int length)
        {
            if (_socket == null)
            {
                return false;
            }

            try
            {
                return _socket.Send(packet, 0, length, SocketFlags.None) == length;
            }
            catch (SocketException)
            {
                // Wi-Fi dropped: the link notices the silence and reopens the socket with back-off.
                return false;
            }
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer)
        {
            if (_socket == null)
            {
                return 0;
            }

            try
            {
                return _socket.Available > 0 ? _socket.Receive(buffer, 0, buffer.Length, SocketFlags.None) : 0;
            }
            catch (SocketException)
            {
                return 0;
            }
        }
    }
}
