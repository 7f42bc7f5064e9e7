using System.Net;
using System.Net.Sockets;
using MixConsole.Control.Tests.Server;

namespace MixConsole.Web.Tests;

/// <summary>A UDP OSC client beside the pages: sets and queries like any console app.</summary>
internal sealed class OscClient(int port) : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _console = new(IPAddress.Loopback, port);

    /// <summary>The UDP port this client sends from: with the loopback address, how the console sees it.</summary>
    public int LocalPort => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    /// <summary>Subscribes with <c>/xremote</c> and renews every 3 s, as X32 apps do (it lapses after 10 s), until disposed.</summary>
    public IDisposable StayRemote() => new Renewal(this);

    public void Set(string path, object value) => Send(path, value);

    /// <summary>Sends a message with any arguments (the scene commands take several).</summary>
    public void Send(string path, params object[] arguments) => _udp.Send(Osc.Message(path, arguments), _console);

    /// <summary>The value a query of <paramref name="path"/> answers (float, int or string).</summary>
    public object Query(string path) => QueryAll(path)[0];

    /// <summary>Every argument a query of <paramref name="path"/> answers.</summary>
    public object[] QueryAll(string path)
    {
        _udp.Send(Osc.Message(path), _console);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            IPEndPoint? from = null;
            _udp.Client.ReceiveTimeout = 5000;
            byte[] packet;
            try
            {
                packet = _udp.Receive(ref from);
            }
            catch (SocketException)
            {
                _udp.Send(Osc.Message(path), _console);
                continue;
            }

            var (address, arguments) = Osc.Read(packet);
            if (address == path)
            {
                return [.. arguments];
            }
        }

        throw new TimeoutException($"no answer to {path}");
    }

    /// <summary>Queries until <paramref name="accept"/> holds for the answer (a page's move travels asynchronously).</summary>
    public object QueryUntil(string path, Func<object, bool> accept)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        object answer;
        do
        {
            answer = Query(path);
            if (accept(answer))
            {
                return answer;
            }

            Thread.Sleep(20);
        }
        while (DateTime.UtcNow < deadline);
        return answer;
    }

    public void Dispose() => _udp.Dispose();

    // Disposing waits for a renewal in flight: none arrives after the caller's next message.
    private sealed class Renewal(OscClient client) : IDisposable
    {
        private readonly Timer _timer = new(_ => client.Send("/xremote"), null, TimeSpan.Zero, TimeSpan.FromSeconds(3));

        public void Dispose()
        {
            using var done = new ManualResetEvent(false);
            if (_timer.Dispose(done)) done.WaitOne();
        }
    }
}
