using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixConsole.Control.Meters;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Tests.Server;

/// <summary>
/// A server on a real UDP socket at 127.0.0.1 with its control thread running, access control allowing
/// 127.0.0.1 only (so 127.0.0.2 is an outsider on the same loopback), and a generous rate limit. Its clock is the
/// system's unless a test gives one it moves itself (scheduled bundles, meter pacing). Waits here are waited for,
/// not timed: their limits only decide how long a broken server takes to fail.
/// </summary>
internal sealed class LiveServer : IDisposable
{
    /// <summary>How long a wait may take before it fails.</summary>
    public const int PatienceMs = 30_000;

    /// <summary>
    /// What the tests let wait in the server's socket (see <see cref="QueuedCost"/>): well inside the smallest receive
    /// buffer Linux grants it (the 1 MiB it asks for, capped at net.core.rmem_max, doubled: 416 KiB with default
    /// sysctls), so a burst sent while the receive thread is descheduled waits in the test instead of being dropped.
    /// </summary>
    public const long MaxQueuedCost = 256 * 1024;

    public LiveServer(IMeterSource? meters = null, double messagesPerSecond = 10_000_000, TimeProvider? time = null, Func<ParameterStore, IOscCommandHandler>? commands = null)
    {
        Store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        Access = new AccessController(
            new AccessAllowlist([CidrNetwork.Parse("127.0.0.1/32")]),
            new ClientRateLimiter(messagesPerSecond, messagesPerSecond, 1024),
            log: line =>
            {
                lock (Log)
                {
                    Log.Add(line);
                }
            });
        Server = new OscServer(Store, new OscServerOptions(), Access, meters, time);
        Udp = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, 0));
        Server.AddTransport(Udp);
        if (commands is not null) Server.AddCommandHandler(commands(Store));
        Server.Start();
    }

    public ParameterStore Store { get; }

    public AccessController Access { get; }

    public OscServer Server { get; }

    public UdpOscTransport Udp { get; }

    public int Port => Udp.LocalEndPoint.Port;

    public List<string> Log { get; } = [];

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public int Index(string path) => Store.Table.IndexOf(path);

    /// <summary>
    /// The share of a socket's receive buffer a datagram of <paramref name="length"/> bytes may take on Linux: its
    /// buffer rounded up (up to twice a large datagram's size) plus the packet's own bookkeeping.
    /// </summary>
    public static long QueuedCost(int length) => (2L * length) + 1024;

    /// <summary>Waits until the server has handled <paramref name="packets"/> packets in all.</summary>
    public bool WaitForPackets(long packets, int timeoutMs = PatienceMs)
    {
        var clock = Stopwatch.StartNew();
        var spin = default(SpinWait);
        while (Server.Counters.Packets < packets)
        {
            if (clock.ElapsedMilliseconds > timeoutMs)
            {
                return false;
            }

            spin.SpinOnce();
        }

        return true;
    }

    public static bool WaitUntil(Func<bool> condition, int timeoutMs = PatienceMs)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.ElapsedMilliseconds > timeoutMs)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    public void Dispose() => Server.Dispose();
}

/// <summary>A UDP client socket for talking to a live server.</summary>
internal sealed class UdpTestClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _server;

    public UdpTestClient(IPEndPoint server, IPAddress? from = null, int port = 0)
    {
        _server = server;
        _socket.ReceiveBufferSize = 1 << 20;
        _socket.Bind(new IPEndPoint(from ?? IPAddress.Loopback, port));
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public void Send(byte[] packet) => _socket.SendTo(packet, _server);

    public void SendTo(byte[] packet, IPEndPoint to) => _socket.SendTo(packet, to);

    /// <summary>The next packet whose address is <paramref name="address"/>, or null after the timeout.</summary>
    public byte[]? Receive(string address, int timeoutMs = LiveServer.PatienceMs)
    {
        var buffer = new byte[65536];
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            _socket.ReceiveTimeout = Math.Max(1, timeoutMs - (int)clock.ElapsedMilliseconds);
            int n;
            try
            {
                n = _socket.Receive(buffer);
            }
            catch (SocketException)
            {
                return null;
            }

            byte[] packet = buffer[..n];
            if (Osc.Read(packet).Address == address)
            {
                return packet;
            }
        }

        return null;
    }

    public (string Address, object[] Arguments) Query(string path)
    {
        Send(Osc.Message(path));
        byte[]? answer = Receive(path);
        Assert.True(answer is not null, $"no answer to {path}");
        return Osc.Read(answer);
    }

    public void Dispose() => _socket.Dispose();
}
