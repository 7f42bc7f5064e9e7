using System.Net;
using System.Net.Sockets;
using System.Text;
using MixConsole.Control.Osc;

namespace MixConsole.SurfaceSim.Tests.EndToEnd;

/// <summary>Another OSC client on the host (written with the host's own codec, not the surface's).</summary>
internal sealed class OscClient : IDisposable
{
    private readonly UdpClient _udp;

    public OscClient(int port)
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        _udp.Connect(IPAddress.Loopback, port);
        // Waited for, not timed: a loaded machine only makes serve answer later.
        _udp.Client.ReceiveTimeout = 30_000;
    }

    /// <summary>Queries <paramref name="path"/> and returns its float (floats) or int (switches) argument as a double.</summary>
    public double Query(string path) => Ask(path, (in OscMessage m, out double value) =>
    {
        if (m.TryGetFloat32(0, out float f))
        {
            value = f;
            return true;
        }

        bool isInt = m.TryGetInt32(0, out int i);
        value = i;
        return isInt;
    });

    /// <summary>Queries <paramref name="path"/> and returns its string argument.</summary>
    public string QueryText(string path) => Ask(path, (in OscMessage m, out string value) =>
    {
        bool read = m.TryGetString(0, out ReadOnlySpan<byte> text);
        value = read ? Encoding.ASCII.GetString(text) : "";
        return read;
    });

    private delegate bool Reader<T>(in OscMessage message, out T value);

    // Sends the query and reads replies until one for the path carries an argument the reader takes.
    private T Ask<T>(string path, Reader<T> read)
    {
        var packet = new byte[256];
        Assert.True(OscWriter.TryWriteMessage(packet, Encoding.ASCII.GetBytes(path), out int length));
        _udp.Send(packet, length);
        for (int attempt = 0; attempt < 20; attempt++)
        {
            IPEndPoint? from = null;
            byte[] reply = _udp.Receive(ref from);
            if (OscMessage.TryParse(reply, out OscMessage m, out _) && m.AddressEquals(Encoding.ASCII.GetBytes(path)) && read(in m, out T value))
            {
                return value;
            }
        }

        throw new InvalidOperationException($"no answer to {path}");
    }

    public void Set(string path, float value)
    {
        var packet = new byte[256];
        Assert.True(OscWriter.TryWriteMessage(packet, Encoding.ASCII.GetBytes(path), value, out int length));
        _udp.Send(packet, length);
    }

    public void Set(string path, int value)
    {
        var packet = new byte[256];
        Assert.True(OscWriter.TryWriteMessage(packet, Encoding.ASCII.GetBytes(path), value, out int length));
        _udp.Send(packet, length);
    }

    public void Dispose() => _udp.Dispose();
}
