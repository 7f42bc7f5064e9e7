using MixConsole.Control.Osc;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Server;

public class OscServerAccessTests
{
    private static readonly OscPeer Outsider = OscPeer.FromIPv4(0xCB007101, 10023);

    [Fact]
    public void PeerOutsideTheAllowlist_ChangesNothing_GetsNoAnswer_IsLoggedOnce()
    {
        var log = new List<string>();
        var clock = new ManualClock();
        using var h = new ServerHarness(access: Gate(clock, log, messagesPerSecond: 1000));
        float[] before = OscServerSetAndQueryTests.Snapshot(h.Store);

        for (int i = 0; i < 20; i++)
        {
            h.Send(Outsider, Osc.Message("/ch/01/mix/fader", i / 20f));
            h.Send(Outsider, Osc.Message("/xremote"));
            h.Send(Outsider, Osc.Message("/ch/01/mix/fader"));
        }

        Assert.Equal(before, OscServerSetAndQueryTests.Snapshot(h.Store));
        Assert.Empty(h.Link.Sent);
        Assert.Equal(0, h.Server.SubscriberCount);
        Assert.Equal(60, h.Server.Counters.RefusedMessages);
        Assert.Single(log);

        h.Send(ServerHarness.A, Osc.Message("/ch/01/mix/fader", 0.5f));
        Assert.Equal(0.5f, h.Store.GetNormalized(h.Index("/ch/01/mix/fader")), 3);
    }

    [Fact]
    public void BundleFromOutsider_StopsAtTheFirstRefusal()
    {
        var clock = new ManualClock();
        var gate = Gate(clock, [], messagesPerSecond: 1000);
        using var h = new ServerHarness(access: gate);
        var messages = Enumerable.Range(1, 32).Select(ch => Osc.Message($"/ch/{ch:00}/mix/on", 0)).ToArray();
        h.Send(Outsider, Osc.Bundle(OscTimeTag.Immediate, messages));
        Assert.Equal(1, h.Server.Counters.RefusedMessages);
        Assert.All(Enumerable.Range(1, 32), ch => Assert.Equal(1f, h.Store.GetReal(h.Index($"/ch/{ch:00}/mix/on"))));
    }

    [Fact]
    public void Flooder_IsRateLimited_AfterItsBurst()
    {
        var clock = new ManualClock();
        using var h = new ServerHarness(access: Gate(clock, [], messagesPerSecond: 100, burst: 10));
        for (int i = 0; i < 50; i++)
        {
            h.Send(ServerHarness.A, Osc.Message("/ch/01/mix/fader", (i + 1) / 100f));
        }

        Assert.Equal(10, h.Server.Counters.ParametersSet);
        Assert.Equal(40, h.Server.Counters.RefusedMessages);
        Assert.Equal(0.10f, h.Store.GetNormalized(h.Index("/ch/01/mix/fader")), 2);

        clock.Advance(TimeSpan.FromSeconds(1));
        h.Send(ServerHarness.A, Osc.Message("/ch/01/mix/fader", 0.9f));
        Assert.Equal(0.9f, h.Store.GetNormalized(h.Index("/ch/01/mix/fader")), 2);
    }

    [Fact]
    public void PairedMode_SetsCountOnlyAfterTheClientProvesTheKey()
    {
        var clock = new ManualClock();
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var pairing = new PairingAuthenticator(key, TimeSpan.FromMinutes(10), time: clock);
        using var h = new ServerHarness(access: Gate(clock, [], messagesPerSecond: 1000, pairing: pairing));
        int fader = h.Index("/ch/01/mix/fader");

        h.Send(ServerHarness.A, Osc.Message("/ch/01/mix/fader", 0.1f));
        Assert.NotEqual(0.1f, h.Store.GetNormalized(fader), 2);
        Assert.Single(h.Query(ServerHarness.A, "/ch/01/mix/fader").Arguments);

        var (address, arguments) = h.Query(ServerHarness.A, "/auth/challenge");
        Assert.Equal("/auth/challenge", address);
        byte[] nonce = Assert.IsType<byte[]>(Assert.Single(arguments));
        var mac = new byte[32];
        PairingAuthenticator.ComputeResponse(key, nonce, mac);
        Assert.Equal(1, Assert.Single(Respond(h, mac)));

        h.Send(ServerHarness.A, Osc.Message("/ch/01/mix/fader", 0.1f));
        Assert.Equal(0.1f, h.Store.GetNormalized(fader), 2);
        h.Send(ServerHarness.B, Osc.Message("/ch/01/mix/fader", 0.9f));
        Assert.Equal(0.1f, h.Store.GetNormalized(fader), 2);
    }

    private static object[] Respond(ServerHarness h, byte[] mac)
    {
        h.Link.Clear();
        h.Send(ServerHarness.A, Osc.Message("/auth/response", mac));
        return Osc.Read(Assert.Single(h.Link.SentTo(ServerHarness.A))).Arguments;
    }

    private static AccessController Gate(ManualClock clock, List<string> log, double messagesPerSecond, double burst = 1000, PairingAuthenticator? pairing = null) =>
        new(new AccessAllowlist(AccessAllowlist.Loopback),
            new ClientRateLimiter(messagesPerSecond, burst, 64, clock),
            pairing,
            log.Add,
            time: clock);
}
