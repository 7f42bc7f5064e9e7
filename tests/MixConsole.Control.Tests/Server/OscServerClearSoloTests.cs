using MixConsole.Control.Server;

namespace MixConsole.Control.Tests.Server;

public class OscServerClearSoloTests
{
    // Channel 1 and bus 1 soloed; /-action/clearsolo ,i 1 (Companion's and the X32 apps' form) turns both off, and a
    // subscriber, the sender too, hears each switch go off; ,i 0 clears nothing.
    [Fact]
    public void ClearSolo_TurnsEverySwitchOff_AndEverySubscriberHearsIt()
    {
        using var live = new LiveServer(commands: store => new ClearSoloCommand(store));
        using var a = new UdpTestClient(live.EndPoint);
        using var b = new UdpTestClient(live.EndPoint);
        b.Send(Osc.Message("/xremote"));
        a.Send(Osc.Message("/xremote"));
        Assert.True(LiveServer.WaitUntil(() => live.Server.SubscriberCount == 2), "the clients did not subscribe");
        a.Send(Osc.Message("/-stat/solosw/01", 1));
        a.Send(Osc.Message("/-stat/solosw/49", 1));
        Assert.Equal(1, Assert.Single(b.Query("/-stat/solosw/49").Arguments));

        a.Send(Osc.Message("/-action/clearsolo", 0));
        Assert.Equal(1, Assert.Single(b.Query("/-stat/solosw/01").Arguments));

        a.Send(Osc.Message("/-action/clearsolo", 1));
        foreach (var client in new[] { a, b })
        {
            foreach (string path in new[] { "/-stat/solosw/01", "/-stat/solosw/49" })
            {
                Assert.True(HearsOff(client, path), $"{path} going off was not heard");
            }
        }

        Assert.Equal(0f, live.Store.GetReal(live.Index("/-stat/solosw/01")));
        Assert.Equal(0f, live.Store.GetReal(live.Index("/-stat/solosw/49")));
    }

    // Echoes of the switches going on may still be queued: reads past them to one saying off.
    private static bool HearsOff(UdpTestClient client, string path)
    {
        for (byte[]? packet = client.Receive(path); packet is not null; packet = client.Receive(path))
        {
            if (Osc.Read(packet).Arguments is [0]) return true;
        }

        return false;
    }
}
