using MixConsole.Control.Server;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Tests.Server;

/// <summary>The subscriber list a status page shows: who, to what, since the first request and since the latest.</summary>
public class OscServerSubscriberListTests
{
    [Fact]
    public void ASubscriber_KeepsItsAgeAcrossRenewals_AndStartsAgainAfterItLapsed()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/xremote"));
        h.Send(ServerHarness.B, Osc.Message("/meters/1"));
        h.Clock.Advance(TimeSpan.FromSeconds(6));
        h.Send(ServerHarness.A, Osc.Message("/xremote"));
        h.Clock.Advance(TimeSpan.FromSeconds(2));

        OscSubscriberStatus[] list = [.. h.Server.ListSubscribers()];
        OscSubscriberStatus a = Assert.Single(list, s => s.Peer == ServerHarness.A);
        Assert.Equal(("/xremote", TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(2)), (a.Address, a.Age, a.SinceRenewal));
        OscSubscriberStatus b = Assert.Single(list, s => s.Peer == ServerHarness.B);
        Assert.Equal(("/meters/1", TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8)), (b.Address, b.Age, b.SinceRenewal));

        // B's stream lapses (10 s); A lapses too, then subscribes again: a new subscription, young again.
        h.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.DoesNotContain(h.Server.ListSubscribers(), s => s.Peer == ServerHarness.B);
        h.Send(ServerHarness.A, Osc.Message("/xremote"));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(h.Server.ListSubscribers()).Age);
    }
}
