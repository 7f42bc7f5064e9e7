using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MixConsole.Control.Osc;

namespace MixConsole.Host.Tests.Serve;

/// <summary>
/// A remote app watching serve: subscribes to every change (/xremote) and to one meter bank (/meters/N), renews both
/// every few seconds as X32 apps do, and counts the meter blobs and the change echoes it receives.
/// </summary>
internal sealed class OscMeterSubscriber : IDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(4);

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _serve;
    private readonly byte[] _xremote = new byte[64];
    private readonly byte[] _meters = new byte[64];
    private readonly int _xremoteLength;
    private readonly int _metersLength;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _meterBlobs;
    private long _echoes;

    public OscMeterSubscriber(int port, int bank)
    {
        _serve = new IPEndPoint(IPAddress.Loopback, port);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = 100;
        OscWriter.TryWriteMessage(_xremote, "/xremote"u8, out _xremoteLength);
        var writer = new OscWriter(_meters);
        writer.BeginMessage("/meters"u8, "s"u8);
        writer.WriteString(Encoding.ASCII.GetBytes($"/meters/{bank}"));
        writer.TryComplete(out _metersLength);
        _thread = new Thread(Run) { IsBackground = true, Name = $"osc subscriber (meters/{bank})" };
        _thread.Start();
    }

    /// <summary>Meter blobs received.</summary>
    public long MeterBlobs => Interlocked.Read(ref _meterBlobs);

    /// <summary>Other packets received: echoes of changes made by others.</summary>
    public long Echoes => Interlocked.Read(ref _echoes);

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        _socket.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[8192];
        var renew = Stopwatch.StartNew();
        bool first = true;
        while (!_stopping)
        {
            if (first || renew.Elapsed >= RenewEvery)
            {
                _socket.SendTo(_xremote.AsSpan(0, _xremoteLength), SocketFlags.None, _serve);
                _socket.SendTo(_meters.AsSpan(0, _metersLength), SocketFlags.None, _serve);
                renew.Restart();
                first = false;
            }

            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (SocketException)
            {
                continue; // the receive timeout: time to look at the renewal again
            }

            if (buffer.AsSpan(0, length).StartsWith("/meters/"u8)) Interlocked.Increment(ref _meterBlobs);
            else Interlocked.Increment(ref _echoes);
        }
    }
}
