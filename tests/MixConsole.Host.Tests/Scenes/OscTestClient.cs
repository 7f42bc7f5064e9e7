using System.Net;
using System.Net.Sockets;
using MixConsole.Control.Tests.Server;

namespace MixConsole.Host.Tests.Scenes;

/// <summary>A loopback OSC client: sends messages to serve and waits for an answer at a given address.</summary>
internal sealed class OscTestClient(int port) : IDisposable
{
    private readonly Socket _socket = NewSocket();
    private readonly IPEndPoint _server = new(IPAddress.Loopback, port);
    private readonly byte[] _receive = new byte[8192];

    public void Send(string address, params object[] arguments) =>
        _socket.SendTo(Osc.Message(address, arguments), SocketFlags.None, _server);

    /// <summary>Waits for a message at <paramref name="address"/> and returns its arguments (ints, floats, strings, blobs); null on timeout.</summary>
    public object[]? WaitFor(string address, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            _socket.ReceiveTimeout = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds);
            int length;
            try
            {
                length = _socket.Receive(_receive);
            }
            catch (SocketException)
            {
                return null;
            }

            var (received, values) = Osc.Read(_receive.AsSpan(0, length).ToArray());
            if (received != address) continue;
            return values;
        }

        return null;
    }

    public void Dispose() => _socket.Dispose();

    private static Socket NewSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
