using MixConsole.Control.Server;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Server;

public class OscServerSubscriptionTests
{
    private static readonly OscPeer A = ServerHarness.A;
    private static readonly OscPeer B = ServerHarness.B;
    private static readonly OscPeer C = ServerHarness.C;

    [Fact]
    public void ChangeByOneClient_IsEchoedToEveryOtherSubscriber_NotBackToItsSender()
    {
        using var h = Subscribed(null, A, B, C);
        h.Send(A, Osc.Message("/ch/01/mix/fader", 0.5f));
        h.Server.Tick();

        Assert.Empty(h.Link.SentTo(A));
        foreach (OscPeer other in new[] { B, C })
        {
            var (address, arguments) = Osc.Read(Assert.Single(h.Link.SentTo(other)));
            Assert.Equal("/ch/01/mix/fader", address);
            Assert.Equal(h.Store.GetNormalized(h.Index("/ch/01/mix/fader")), Assert.Single(arguments));
        }
    }

    [Fact]
    public void EchoToOriginator_WhenEnabled_ReachesTheSenderToo()
    {
        using var h = Subscribed(new OscServerOptions { EchoToOriginator = true }, A, B);
        h.Send(A, Osc.Message("/ch/01/mix/pan", 0.25f));
        h.Server.Tick();
        Assert.Single(h.Link.SentTo(A));
        Assert.Single(h.Link.SentTo(B));
    }

    [Fact]
    public void ChangeMadeOutsideOsc_ReachesEverySubscriber()
    {
        using var h = Subscribed(null, A, B);
        Assert.True(h.Store.TrySetInt(h.Index("/ch/09/mix/on"), 0));
        h.Server.Tick();
        Assert.Equal(("/ch/09/mix/on", 0), ReadInt(Assert.Single(h.Link.SentTo(A))));
        Assert.Equal(("/ch/09/mix/on", 0), ReadInt(Assert.Single(h.Link.SentTo(B))));
    }

    [Fact]
    public void SenderOverwrittenByAnotherClient_GetsTheNewerValue()
    {
        using var h = Subscribed(null, A, B, C);
        h.Send(A, Osc.Message("/ch/01/mix/fader", 0.25f));
        h.Send(B, Osc.Message("/ch/01/mix/fader", 0.5f));
        h.Server.Tick();

        float current = h.Store.GetNormalized(h.Index("/ch/01/mix/fader"));
        Assert.Equal(0.5f, current, 3);
        Assert.Equal(current, Assert.Single(Osc.Read(Assert.Single(h.Link.SentTo(A))).Arguments));
        Assert.Empty(h.Link.SentTo(B));
        Assert.Single(h.Link.SentTo(C));
    }

    [Fact]
    public void FaderFlood_IsCoalescedToOneEchoPerParameterPerTick()
    {
        using var h = Subscribed(null, A, B);
        for (int i = 0; i <= 1000; i++)
        {
            h.Send(A, Osc.Message("/ch/04/mix/fader", i / 1000f));
        }

        h.Server.Tick();
        var (address, arguments) = Osc.Read(Assert.Single(h.Link.SentTo(B)));
        Assert.Equal("/ch/04/mix/fader", address);
        Assert.Equal(1f, Assert.Single(arguments));
        Assert.Equal(1, h.Server.Counters.EchoesSent);
    }

    [Fact]
    public void Subscription_LastsTenSeconds_AndRenewalExtendsIt()
    {
        using var h = Subscribed(null, B);
        h.Clock.Advance(TimeSpan.FromSeconds(9));
        h.Send(B, Osc.Message("/xremote"));
        h.Clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(1, h.Server.SubscriberCount);
        MoveAndTick(h, 0.1f);
        Assert.Single(h.Link.SentTo(B));

        h.Link.Clear();
        h.Clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(0, h.Server.SubscriberCount);
        MoveAndTick(h, 0.2f);
        Assert.Empty(h.Link.SentTo(B));
    }

    [Fact]
    public void SixtyFourSubscribers_AllGetEchoes_TheSixtyFifthIsRefusedAndCounted()
    {
        var peers = Enumerable.Range(0, 65).Select(i => OscPeer.FromIPv4(0x7F000001, (ushort)(10000 + i))).ToArray();
        using var h = Subscribed(null, peers);
        Assert.Equal(64, h.Server.SubscriberCount);
        Assert.Equal(1, h.Server.Counters.SubscriberLimitRefusals);
        Assert.Single(h.Log, line => line.Contains("/xremote", StringComparison.Ordinal));

        MoveAndTick(h, 0.3f);
        Assert.All(peers[..64], p => Assert.Single(h.Link.SentTo(p)));
        Assert.Empty(h.Link.SentTo(peers[64]));
    }

    [Fact]
    public void ConfiguredBound_IsHonoured_AndALapsedSlotIsReused()
    {
        using var h = Subscribed(new OscServerOptions { MaxSubscribers = 2 }, A, B, C);
        Assert.Equal(2, h.Server.SubscriberCount);
        Assert.Equal(1, h.Server.Counters.SubscriberLimitRefusals);

        h.Clock.Advance(TimeSpan.FromSeconds(11));
        h.Send(C, Osc.Message("/xremote"));
        Assert.Equal(1, h.Server.SubscriberCount);
        MoveAndTick(h, 0.6f);
        Assert.Single(h.Link.SentTo(C));
        Assert.Empty(h.Link.SentTo(A));
    }

    [Fact]
    public void NoSubscribers_NothingIsSent_AndLaterSubscribersDoNotGetOldChanges()
    {
        using var h = new ServerHarness();
        MoveAndTick(h, 0.4f);
        Assert.Empty(h.Link.Sent);
        h.Send(B, Osc.Message("/xremote"));
        h.Server.Tick();
        Assert.Empty(h.Link.Sent);
    }

    private static ServerHarness Subscribed(OscServerOptions? options, params OscPeer[] peers)
    {
        var h = new ServerHarness(options);
        foreach (OscPeer peer in peers)
        {
            h.Send(peer, Osc.Message("/xremote"));
        }

        h.Server.Tick();
        h.Link.Clear();
        return h;
    }

    private static void MoveAndTick(ServerHarness h, float value)
    {
        Assert.True(h.Store.TrySetNormalized(h.Index("/bus/01/mix/fader"), value));
        h.Server.Tick();
    }

    private static (string, int) ReadInt(byte[] packet)
    {
        var (address, arguments) = Osc.Read(packet);
        return (address, Assert.IsType<int>(Assert.Single(arguments)));
    }
}
