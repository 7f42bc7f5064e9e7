using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Tests.Server;

public class OscServerSelectionTests
{
    [Fact]
    public void StripSelection_SetByOneClient_ReachesASubscriber_AndAQueryAnswersIt()
    {
        using var live = new LiveServer();
        using var a = new UdpTestClient(live.EndPoint);
        using var b = new UdpTestClient(live.EndPoint);
        b.Send(Osc.Message("/xremote"));
        Assert.True(LiveServer.WaitUntil(() => live.Server.SubscriberCount == 1), "B did not subscribe");

        a.Send(Osc.Message("/-stat/selidx", 4));

        // B sees A's selection (the surface's select LEDs follow a phone app's choice)...
        byte[]? echo = b.Receive("/-stat/selidx");
        Assert.True(echo is not null, "the subscriber heard nothing");
        Assert.Equal(4, Assert.Single(Osc.Read(echo).Arguments));

        // ...and anyone asking later gets it, as an int.
        using var c = new UdpTestClient(live.EndPoint);
        Assert.Equal(4, Assert.Single(c.Query("/-stat/selidx").Arguments));
        Assert.Equal(4f, live.Store.GetReal(live.Index(StripSelection.Path)));
    }

    [Fact]
    public void StripSelection_OutsideTheLayout_ChangesNothing()
    {
        using var live = new LiveServer();
        using var a = new UdpTestClient(live.EndPoint);
        a.Send(Osc.Message("/-stat/selidx", StripSelection.FirstBus + 2));
        a.Send(Osc.Message("/-stat/selidx", StripSelection.Count(live.Store.Table.Config)));
        a.Send(Osc.Message("/-stat/selidx", -1));
        Assert.True(live.WaitForPackets(3));

        Assert.Equal(StripSelection.FirstBus + 2, Assert.Single(a.Query("/-stat/selidx").Arguments));
        Assert.Equal(1, live.Server.Counters.ParametersSet);
    }
}
