using System.Net;
using System.Net.Sockets;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.SurfaceSim.Link;

/// <summary>
/// The surface's UDP link on this machine: one non-blocking socket connected to the host, so only the host's
/// datagrams arrive. Errors are returned as values (no exceptions in the scan loop).
/// </summary>
public sealed class UdpOscTransport : IOscTransport, IDisposable
{
    private readonly IPEndPoint _host;
    private Socket? _socket;

    /// <summary>Creates a closed transport for <paramref name="host"/>; the surface opens it when it connects.</summary>
    public UdpOscTransport(IPEndPoint host)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
    }

    /// <summary>The host's address.</summary>
    public IPEndPoint Host => _host;

    /// <summary>Datagrams the host's machine refused (ICMP port unreachable: nothing listens on the port).</summary>
    public int Refusals { get; private set; }

    /// <summary>The last socket error other than "nothing waiting", or <see cref="SocketError.Success"/>.</summary>
    public SocketError LastError { get; private set; }

    /// <inheritdoc/>
    public bool IsOpen => _socket is not null;

    /// <inheritdoc/>
    public bool Open()
    {
        Close();
        try
        {
            var socket = new Socket(_host.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
            socket.Connect(_host);
            _socket = socket;
            return true;
        }
        catch (SocketException e)
        {
            LastError = e.SocketErrorCode;
            return false;
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    /// <inheritdoc/>
    public bool Send(byte[] packet, int length)
    {
        if (_socket is null)
        {
            return false;
        }

        int sent = _socket.Send(packet, 0, length, SocketFlags.None, out SocketError error);
        if (error != SocketError.Success)
        {
            Note(error);
            return false;
        }

        return sent == length;
    }

    /// <inheritdoc/>
    public int Receive(byte[] buffer)
    {
        if (_socket is null)
        {
            return 0;
        }

        // Bounded: a refusal is reported once per datagram, so this loop ends as soon as real data or nothing waits.
        for (int attempt = 0; attempt < 4; attempt++)
        {
            if (_socket.Available == 0)
            {
                return 0;
            }

            int n = _socket.Receive(buffer, 0, buffer.Length, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                return n;
            }

            if (error == SocketError.WouldBlock)
            {
                return 0;
            }

            // A truncated datagram (MessageSize) or a refusal is dropped; the link's timeout handles a dead host.
            Note(error);
        }

        return 0;
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private void Note(SocketError error)
    {
        LastError = error;
        if (error == SocketError.ConnectionRefused)
        {
            Refusals++;
        }
    }
}
