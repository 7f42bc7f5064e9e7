using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixConsole.Control.Tests.Server;
using Xunit.Abstractions;

namespace MixConsole.Control.Tests.X32;

using Osc = MixConsole.Control.Tests.Server.Osc;

/// <summary>
/// Four apps read the whole served tree at connect, all at once, then they and a surface (a fifth client sending
/// what the surface sends: mutes and bus faders) subscribe with /xremote and make 1000 changes a second between
/// them. When the changes stop, every client's view (its own last sets, then every echo it received) holds the
/// server's values. Each sender moves its own parameters, so no two sets cross on the wire. Times are reported.
/// </summary>
[Collection(nameof(AloneInProcessCollection))]
public sealed class X32ManyClientsTests(ITestOutputHelper output)
{
    private const int Apps = 4, PerSenderPerSecond = 200, Seconds = 2;

    [Fact]
    public void FourAppsAndASurface_ReadTheTree_ThenAtAThousandChangesASecond_EndWithTheServersValues()
    {
        using var live = new LiveServer();
        var nodes = X32NodeTable.Served.ToList();
        var walkMs = new double[Apps];
        var wrong = new int[Apps];
        var walkers = Enumerable.Range(0, Apps).Select(a => new Thread(() =>
        {
            using var app = new X32WireClient(live.EndPoint);
            var clock = Stopwatch.StartNew();
            foreach (var (node, values, first) in nodes)
            {
                if (app.Ask(X32WireClient.Message("/node", node), "/node", LiveServer.PatienceMs) is not [string line] || !X32NodeTable.Conforms(line, node, values, first))
                {
                    wrong[a]++;
                }
            }

            walkMs[a] = clock.Elapsed.TotalMilliseconds;
        })).ToList();
        walkers.ForEach(t => t.Start());
        walkers.ForEach(t => t.Join());
        output.WriteLine($"{Apps} apps each read {nodes.Count} nodes at once: {string.Join(", ", walkMs.Select(ms => $"{ms:0} ms"))}");
        Assert.All(wrong, w => Assert.Equal(0, w));

        // Apps move the faders and pans of their own eight channels; the surface the mutes and the bus faders.
        var owned = new List<string[]>();
        for (int a = 0; a < Apps; a++)
        {
            owned.Add([.. Enumerable.Range(a * 8 + 1, 8).SelectMany(ch => new[] { $"/ch/{ch:00}/mix/fader", $"/ch/{ch:00}/mix/pan" })]);
        }

        owned.Add([.. Enumerable.Range(1, 32).Select(ch => $"/ch/{ch:00}/mix/on").Concat(Enumerable.Range(1, 16).Select(b => $"/bus/{b:00}/mix/fader"))]);
        var clients = owned.Select(_ => new Viewer(live.EndPoint)).ToList();
        try
        {
            clients.ForEach(c => c.Send(Osc.Message("/xremote")));
            Assert.True(LiveServer.WaitUntil(() => live.Server.Counters.Packets >= Apps * nodes.Count + clients.Count));
            var senders = clients.Select((c, i) => new Thread(() => c.Move(owned[i], PerSenderPerSecond, Seconds, seed: i))).ToList();
            var clock = Stopwatch.StartNew();
            senders.ForEach(t => t.Start());
            senders.ForEach(t => t.Join());
            double changesPerSecond = clients.Count * PerSenderPerSecond * Seconds / clock.Elapsed.TotalSeconds;

            string[] touched = [.. owned.SelectMany(p => p)];
            bool Consistent() => clients.All(c => touched.All(path => c.Holds(path, Value(live, path))));
            bool settled = LiveServer.WaitUntil(Consistent);
            output.WriteLine($"{clients.Count * PerSenderPerSecond * Seconds} changes at {changesPerSecond:0}/s among {clients.Count} clients; " +
                $"echoes received: {string.Join(", ", clients.Select(c => c.Echoes))}");
            Assert.True(settled, string.Join('\n', clients.SelectMany((c, i) => touched.Where(path => !c.Holds(path, Value(live, path)))
                .Take(5).Select(path => $"client {i}: {path} is {c.View(path)} ({c.View(path)?.GetType().Name}), the server {Value(live, path)}"))));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    // The server's value as the wire carries it: the 0..1 float, or the int of a switch.
    private static object Value(LiveServer live, string path)
    {
        int index = live.Index(path);
        return live.Store.Table[index].Kind == Engine.Parameters.ParameterKind.Float ? live.Store.GetNormalized(index) : (object)(int)live.Store.GetReal(index);
    }

    /// <summary>A client that sets values and keeps the last value it set or was sent for each path.</summary>
    private sealed class Viewer : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly IPEndPoint _server;
        private readonly ConcurrentDictionary<string, object> _view = new();
        private readonly Thread _reader;
        private volatile bool _stopping;
        private int _echoes;

        public Viewer(IPEndPoint server)
        {
            _server = server;
            _socket.ReceiveBufferSize = 1 << 20;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _socket.ReceiveTimeout = 100;
            _reader = new Thread(Read) { IsBackground = true };
            _reader.Start();
        }

        public int Echoes => _echoes;

        public void Send(byte[] packet) => _socket.SendTo(packet, _server);

        public object? View(string path) => _view.TryGetValue(path, out object? value) ? value : null;

        public bool Holds(string path, object value) => View(path) is { } seen &&
            (seen is float a && value is float b ? Math.Abs(a - b) < 1e-6f : seen.Equals(value));

        // Sets grid values (so the server keeps what was sent) to each path in turn, at a steady pace.
        public void Move(string[] paths, int perSecond, int seconds, int seed)
        {
            var random = new Random(seed);
            var clock = Stopwatch.StartNew();
            int total = perSecond * seconds;
            for (int sent = 0; sent < total;)
            {
                if (sent >= perSecond * clock.Elapsed.TotalSeconds)
                {
                    Thread.Sleep(1);
                    continue;
                }

                string path = paths[sent % paths.Length];
                // A switch is sent as an int, as apps do; a level or pan as the float of a grid point.
                object value = path.EndsWith("/on", StringComparison.Ordinal) ? random.Next(2)
                    : path.EndsWith("/pan", StringComparison.Ordinal) ? (object)(random.Next(101) / 100f)
                    : random.Next(1024) / 1023f;
                _view[path] = value;
                Send(Osc.Message(path, value));
                sent++;
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _reader.Join();
            _socket.Dispose();
        }

        private void Read()
        {
            var buffer = new byte[65536];
            while (!_stopping)
            {
                int n;
                try
                {
                    n = _socket.Receive(buffer);
                }
                catch (SocketException)
                {
                    continue;
                }

                var (address, arguments) = Osc.Read(buffer[..n]);
                if (arguments is [var value] && value is float or int)
                {
                    _view[address] = value;
                    Interlocked.Increment(ref _echoes);
                }
            }
        }
    }
}
