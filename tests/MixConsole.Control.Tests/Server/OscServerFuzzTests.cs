using System.Net;
using MixConsole.Control.Osc;
using MixConsole.Control.Security;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Tests.Server;

[Collection(AloneInProcessCollection.Name)]
public class OscServerFuzzTests
{
    private const int PacketCount = 100_000;

    [Fact]
    public void HundredThousandInvalidPacketsOverUdp_ChangeNothing_LeakNothing_AndTheServerStillAnswers()
    {
        using var live = new LiveServer();
        using var attacker = new UdpTestClient(live.EndPoint);
        var generator = new InvalidPacketGenerator(seed: 6);
        var buffer = new byte[65536];
        (float[] values, string[] texts) before = Snapshot(live.Store);

        // Warm up every path (and the server's lazily made buffers) before the memory baseline.
        SendInvalid(live, attacker, generator, buffer, 5_000);
        long baseline = ManagedBytes();

        // Two halves: one-off runtime work (tiering, pools) lands in the first; a leak grows in both.
        SendInvalid(live, attacker, generator, buffer, PacketCount / 2);
        long middle = ManagedBytes();
        SendInvalid(live, attacker, generator, buffer, PacketCount - PacketCount / 2);
        long after = ManagedBytes();

        Assert.Equal(before.values, Snapshot(live.Store).Values);
        Assert.Equal(before.texts, Snapshot(live.Store).Texts);
        Assert.Equal(PacketCount + 5_000, live.Server.Counters.MalformedPackets);
        Assert.Equal(0, live.Server.Counters.ParametersSet);
        Assert.Equal(0, live.Udp.HandlerFaults);
        Assert.True(after - middle < 1_000_000, $"managed memory grew by {after - middle} bytes over the second half");
        Assert.True(after - baseline < 4_000_000, $"managed memory grew by {after - baseline} bytes");
        Assert.Equal(PacketCount + 5_000, live.Access.GetRefusalCount(RefusalReason.Malformed));
        Assert.Single(live.Log);

        // Still serving: a query is answered and a valid set still lands.
        using var client = new UdpTestClient(live.EndPoint);
        Assert.Equal(live.Store.GetNormalized(live.Index("/ch/01/mix/fader")), Assert.Single(client.Query("/ch/01/mix/fader").Arguments));
        client.Send(Osc.Message("/ch/01/mix/fader", 0.5f));
        Assert.True(LiveServer.WaitUntil(() => live.Server.Counters.ParametersSet == 1));
    }

    [Fact]
    public void ValidSetsFromAPeerOutsideTheAllowlist_ChangeNothing()
    {
        using var live = new LiveServer();
        using var outsider = new UdpTestClient(live.EndPoint, from: IPAddress.Parse("127.0.0.2"));
        (float[] values, string[] texts) before = Snapshot(live.Store);
        var random = new Random(7);
        const int Count = 2_000;
        long queued = 0;
        for (int i = 0; i < Count; i++)
        {
            int channel = random.Next(1, 33);
            byte[] packet = (i % 4) switch
            {
                0 => Osc.Message($"/ch/{channel:00}/mix/fader", (float)random.NextDouble()),
                1 => Osc.Message($"/ch/{channel:00}/mix/on", 0),
                2 => Osc.Message($"/ch/{channel:00}/config/name", "pwned"),
                _ => Osc.Bundle(OscTimeTag.Immediate, Osc.Message("/ch/*/mix/fader", 0f), Osc.Message("/xremote")),
            };
            queued = WaitIfTheSocketCouldFill(live, queued, LiveServer.QueuedCost(packet.Length), handled: i);
            outsider.Send(packet);
        }

        Assert.True(live.WaitForPackets(Count));
        Assert.Equal(before.values, Snapshot(live.Store).Values);
        Assert.Equal(before.texts, Snapshot(live.Store).Texts);
        Assert.Equal(Count, live.Access.GetRefusalCount(RefusalReason.NotAllowed));
        Assert.Equal(0, live.Server.SubscriberCount);
        Assert.Single(live.Log, line => line.Contains("127.0.0.2", StringComparison.Ordinal));
    }

    private static void SendInvalid(LiveServer live, UdpTestClient attacker, InvalidPacketGenerator generator, byte[] buffer, int count)
    {
        long start = live.Server.Counters.Packets;
        long queued = 0;
        for (int i = 0; i < count; i++)
        {
            int length = generator.Next(buffer);
            byte[] packet = buffer[..length];
            Assert.NotEqual(OscParseError.None, OscPacket.Validate(packet, out _));
            queued = WaitIfTheSocketCouldFill(live, queued, LiveServer.QueuedCost(length), handled: start + i);
            attacker.Send(packet);
        }

        Assert.True(live.WaitForPackets(start + count), "server fell behind");
    }

    // Keeps the socket queue short so every packet reaches the parser rather than the kernel's drop counter, however
    // long the server's receive thread is kept off the CPU: before a packet that could overfill it, wait until the
    // server has handled all sent so far. Returns the cost now queued.
    private static long WaitIfTheSocketCouldFill(LiveServer live, long queued, long cost, long handled)
    {
        if (queued + cost <= LiveServer.MaxQueuedCost)
        {
            return queued + cost;
        }

        Assert.True(live.WaitForPackets(handled), "server fell behind");
        return cost;
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static (float[] Values, string[] Texts) Snapshot(ParameterStore store)
    {
        var values = new float[store.Count];
        store.CopyValuesTo(values);
        return (values, Enumerable.Range(0, store.Count).Select(store.GetText).ToArray());
    }
}
