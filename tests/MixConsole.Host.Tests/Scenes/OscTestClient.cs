using System.Net;
using System.Net.Sockets;
using System.Text;
using MixConsole.Control.Osc;

namespace MixConsole.Host.Tests.Scenes;

/// <summary>A loopback OSC client: sends messages to serve and waits for an answer at a given address.</summary>
internal sealed class OscTestClient(int port) : IDisposable
{
    private readonly Socket _socket = NewSocket();
    private readonly IPEndPoint _server = new(IPAddress.Loopback, port);
    private readonly byte[] _send = new byte[1024];
    private readonly byte[] _receive = new byte[8192];

    public void Send(string address, params object[] arguments)
    {
        var writer = new OscWriter(_send);
        var tags = new StringBuilder();
        foreach (object a in arguments) tags.Append(a switch { int => 'i', float => 'f', string => 's', _ => throw new ArgumentException(a.GetType().Name) });
        writer.BeginMessage(address, tags.ToString());
        foreach (object a in arguments)
        {
            switch (a)
            {
                case int i: writer.WriteInt32(i); break;
                case float f: writer.WriteFloat32(f); break;
                case string s: writer.WriteString(s); break;
            }
        }

        Assert.True(writer.TryComplete(out int length));
        _socket.SendTo(_send.AsSpan(0, length), SocketFlags.None, _server);
    }

    /// <summary>Waits for a message at <paramref name="address"/> and returns its arguments (ints, floats, strings); null on timeout.</summary>
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

            if (!OscMessage.TryParse(_receive.AsSpan(0, length), out OscMessage message, out _) || !message.AddressEquals(Encoding.ASCII.GetBytes(address))) continue;
            var values = new object[message.ArgumentCount];
            for (int a = 0; a < values.Length; a++)
            {
                values[a] = message.GetArgumentType(a) switch
                {
                    OscType.Int32 when message.TryGetInt32(a, out int i) => i,
                    OscType.Float32 when message.TryGetFloat32(a, out float f) => f,
                    OscType.String when message.TryGetString(a, out ReadOnlySpan<byte> s) => Encoding.ASCII.GetString(s),
                    _ => "?",
                };
            }

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
