using MixConsole.Control.Osc;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using MixConsole.Tests.Shared;
using Xunit.Abstractions;

namespace MixConsole.Control.Tests.Server;

/// <summary>
/// The control side in steady state makes no garbage: every collection suspends every managed thread, the audio
/// thread included. Each request kind (and the control step with subscribers and meter streams) runs thousands of
/// times after a warm-up; the bytes allocated on the thread and the collections in the process must stay at 0.
/// </summary>
[Collection(AloneInProcessCollection.Name)]
public sealed class OscServerGarbageTests(ITestOutputHelper output)
{
    private static readonly OscPeer Client = OscPeer.FromIPv4(0x7F000001, 9100);

    public static TheoryData<string> Requests => ["/info", "/xinfo", "/status", "/node", "query", "set", "pattern-query", "xremote", "meters", "subscribe"];

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_AllocatesNothing_AfterWarmUp(string request)
    {
        using var server = NewServer(out var link, out _);
        byte[][] packets = request switch
        {
            "/info" => [Osc.Message("/info")],
            "/xinfo" => [Osc.Message("/xinfo")],
            "/status" => [Osc.Message("/status")],
            "/node" => [Osc.Message("/node", "ch/01/mix"), Osc.Message("/node", "/ch/07/eq/1"), Osc.Message("/node", "ch/01/config")],
            "query" => [Osc.Message("/ch/01/mix/fader"), Osc.Message("/ch/01/config/name")],
            "set" => [Osc.Message("/ch/07/mix/fader", 0.25f), Osc.Message("/ch/07/mix/fader", 0.5f), Osc.Message("/ch/07/eq/1/type", "PEQ")],
            "pattern-query" => [Osc.Message("/ch/0[1-4]/mix/on")],
            "xremote" => [Osc.Message("/xremote")],
            "meters" => [Osc.Message("/meters/0"), Osc.Message("/meters", "/meters/1", 2)],
            "subscribe" =>
            [
                Osc.Message("/subscribe", "/ch/01/mix/fader", 1), Osc.Message("/formatsubscribe", "/hidden/mix", "/ch/**/mix/on", 1, 32, 1),
                Osc.Message("/batchsubscribe", "/mtrs", "/meters/0", 0, 0, 1), Osc.Message("/renew", "/hidden/mix"), Osc.Message("/renew"),
            ],
            _ => throw new ArgumentException(request),
        };
        long Run(int times)
        {
            for (int i = 0; i < times; i++) server.HandlePacket(packets[i % packets.Length], in Client, 0);
            return link.Sent;
        }

        // A pattern walks the whole table per request: fewer of them say the same.
        int times = request == "pattern-query" ? 1_000 : 20_000;
        Run(1_000);
        long sentBefore = link.Sent;
        var (bytes, collections) = Measure(() => Run(times));
        output.WriteLine($"{request}: {bytes} bytes, {collections} collections over {times} requests; {link.Sent - sentBefore} packets answered");
        Assert.Equal(0, bytes);
        Assert.Equal(0, collections);
    }

    [Fact]
    public void ControlStep_EchoingStreamingMetersAndSubscriptions_AllocatesNothing_AfterWarmUp()
    {
        using var server = NewServer(out var link, out var clock);
        var subscribers = Enumerable.Range(0, 4).Select(i => OscPeer.FromIPv4(0x7F000001, (ushort)(9200 + i))).ToArray();
        byte[][] sets = [.. Enumerable.Range(1, 32).Select(ch => Osc.Message($"/ch/{ch:00}/mix/fader", (ch % 4) / 4f))];
        byte[][] moves = [.. Enumerable.Range(1, 32).Select(ch => Osc.Message($"/ch/{ch:00}/mix/fader", 0.1f + (ch % 4) / 4f))];
        byte[] xremote = Osc.Message("/xremote");
        byte[] meters = Osc.Message("/meters/0");
        byte[] format = Osc.Message("/formatsubscribe", "/hidden/mix", "/ch/**/mix/on", "/ch/**/mix/fader", 1, 32, 1);
        byte[] batch = Osc.Message("/batchsubscribe", "/mtrs", "/meters/1", 0, 0, 1);
        void Step(int step)
        {
            // A surface moving 32 faders every tick, four subscribers renewing, meters every 50 ms.
            if (step % 800 == 0)
            {
                foreach (var s in subscribers)
                {
                    server.HandlePacket(xremote, in s, 0);
                    server.HandlePacket(meters, in s, 0);
                    server.HandlePacket(format, in s, 0);
                    server.HandlePacket(batch, in s, 0);
                }
            }

            byte[][] faders = step % 2 == 0 ? sets : moves;
            foreach (byte[] p in faders) server.HandlePacket(p, in Client, 0);
            clock.Advance(TimeSpan.FromMilliseconds(10));
            server.Tick();
        }

        for (int i = 0; i < 1_000; i++) Step(i);
        long echoes = server.Counters.EchoesSent, blobs = server.Counters.MeterPacketsSent;
        var (bytes, collections) = Measure(() =>
        {
            for (int i = 1_000; i < 6_000; i++) Step(i);
        });
        output.WriteLine($"control step: {bytes} bytes, {collections} collections over 5,000 ticks; {server.Counters.EchoesSent - echoes} echoes, {server.Counters.MeterPacketsSent - blobs} meter blobs");
        Assert.True(server.Counters.EchoesSent - echoes > 100_000);
        Assert.True(server.Counters.MeterPacketsSent - blobs > 1_000);
        Assert.Equal(0, bytes);
        Assert.Equal(0, collections);
    }

    private static (long Bytes, int Collections) Measure(Action run)
    {
        using var window = GcWindow.Start();
        long before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return (GC.GetAllocatedBytesForCurrentThread() - before, window.Collections);
    }

    private static OscServer NewServer(out CountingTransport link, out ManualClock clock)
    {
        var store = new ParameterStore(ParameterTable.Create(ConsoleConfig.Default));
        clock = new ManualClock();
        // As serve runs it: allowlist and rate limit in front (generous enough for the flood), default options.
        var access = new AccessController(
            new AccessAllowlist(AccessAllowlist.Loopback), new ClientRateLimiter(10_000_000, 20_000_000, 64, clock), null, _ => { }, time: clock);
        var server = new OscServer(store, new OscServerOptions(), access, null, clock, _ => { });
        link = new CountingTransport();
        server.AddTransport(link);
        server.Start(runControlThread: false);
        return server;
    }

    /// <summary>A transport that only counts what it is asked to send (recording would allocate).</summary>
    private sealed class CountingTransport : IOscTransport
    {
        private long _sent;

        public long Sent => Interlocked.Read(ref _sent);

        public string Name => "counting";

        public void Start(OscPacketHandler handler)
        {
        }

        public bool Send(ReadOnlySpan<byte> packet, in OscPeer destination)
        {
            if (OscPacket.Validate(packet, out _) != OscParseError.None) throw new InvalidOperationException("the server sent an invalid packet");
            Interlocked.Increment(ref _sent);
            return true;
        }

        public void Dispose()
        {
        }
    }
}
