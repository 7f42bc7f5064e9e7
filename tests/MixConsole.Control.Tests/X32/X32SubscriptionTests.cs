using System.Buffers.Binary;
using MixConsole.Control.Tests.Server;

namespace MixConsole.Control.Tests.X32;

using Osc = MixConsole.Control.Tests.Server.Osc;

/// <summary>
/// The X32's subscribe commands as the public protocol document describes them: what the client receives, how
/// often (50 ms x the time factor), under which address, and that each lapses 10 s after its request unless
/// renewed. The table below is written from the document, not from the server.
/// </summary>
public sealed class X32SubscriptionTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    // Command, its arguments, the address the client then receives, and the interval the time factor gives.
    public static TheoryData<string, object[], string, int> Commands => new()
    {
        { "/subscribe", ["/ch/01/mix/fader", 0], "/ch/01/mix/fader", 50 },
        { "/subscribe", ["/ch/01/mix/on", 4], "/ch/01/mix/on", 200 },
        { "/formatsubscribe", ["/hidden/faders", "/ch/**/mix/fader", 1, 4, 2], "/hidden/faders", 100 },
        { "/formatsubscribe", ["/hidden/mix", "/ch/**/mix/on", "/ch/**/mix/fader", 1, 8, 1], "/hidden/mix", 50 },
        { "/batchsubscribe", ["/mtrs", "/meters/0", 0, 0, 1], "/mtrs", 50 },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Subscription_SendsEveryIntervalForTenSeconds_ThenLapsesUnlessRenewed(string command, object[] arguments, string address, int intervalMs)
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message(command, arguments));
        Assert.Equal(1, h.Server.ValueSubscriptionCount);

        // One second of control steps: 1000 / interval sends (the first at once).
        int sent = CountOver(h, TimeSpan.FromSeconds(1), address);
        Assert.Equal(1000 / intervalMs, sent);

        // Renewed at 9 s, it still sends at 15 s; without renewal it stops at 10 s after the request.
        h.Clock.Advance(TimeSpan.FromSeconds(8));
        h.Send(ServerHarness.A, Osc.Message("/renew", address));
        h.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(CountOver(h, TimeSpan.FromSeconds(0.5), address) > 0);
        h.Clock.Advance(TimeSpan.FromSeconds(4.5));
        Assert.Equal(0, CountOver(h, TimeSpan.FromSeconds(1), address));
        Assert.Equal(0, h.Server.ValueSubscriptionCount);
    }

    [Fact]
    public void Formatsubscribe_SendsOneBlobOfLittleEndianValues_InPathThenNumberOrder()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/ch/02/mix/on", 0));
        h.Send(ServerHarness.A, Osc.Message("/ch/03/mix/fader", 0.5f));
        h.Send(ServerHarness.A, Osc.Message("/formatsubscribe", "/hidden/mix", "/ch/**/mix/on", "/ch/**/mix/fader", 1, 3, 1));
        h.Link.Clear();
        h.Server.Tick();
        var (address, arguments) = Osc.Read(Assert.Single(h.Link.SentTo(ServerHarness.A)));
        Assert.Equal("/hidden/mix", address);
        byte[] blob = Assert.IsType<byte[]>(Assert.Single(arguments));
        Assert.Equal(6 * 4, blob.Length);
        Assert.Equal([1, 0, 1], [.. Enumerable.Range(0, 3).Select(i => BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(4 * i)))]);
        Assert.Equal(0.5f, BinaryPrimitives.ReadSingleLittleEndian(blob.AsSpan(20)), 3);
    }

    [Fact]
    public void Batchsubscribe_OfAMeterBank_SendsTheBanksBlobUnderTheAlias()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/meters/0"));
        h.Send(ServerHarness.A, Osc.Message("/batchsubscribe", "/mtrs", "/meters/0", 0, 0, 1));
        h.Link.Clear();
        h.Server.Tick();
        var packets = h.Link.SentTo(ServerHarness.A).Select(Osc.Read).ToDictionary(p => p.Address, p => (byte[])p.Arguments[0]);
        Assert.Equal(packets["/meters/0"], packets["/mtrs"]);
    }

    [Fact]
    public void Unsubscribe_WithoutAlias_EndsEverythingTheClientReceives_AndWithAnAlias_OnlyThatOne()
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message("/xremote"));
        h.Send(ServerHarness.A, Osc.Message("/meters/0"));
        h.Send(ServerHarness.A, Osc.Message("/subscribe", "/ch/01/mix/fader", 1));
        h.Send(ServerHarness.A, Osc.Message("/subscribe", "/ch/02/mix/fader", 1));
        h.Send(ServerHarness.B, Osc.Message("/subscribe", "/ch/01/mix/fader", 1));

        h.Send(ServerHarness.A, Osc.Message("/unsubscribe", "/ch/02/mix/fader"));
        Assert.Equal(2, h.Server.ValueSubscriptionCount);

        h.Send(ServerHarness.A, Osc.Message("/unsubscribe"));
        Assert.Equal(1, h.Server.ValueSubscriptionCount);
        Assert.Equal(0, h.Server.SubscriberCount);
        Assert.Equal(0, h.Server.MeterStreamCount);
        h.Link.Clear();
        h.Send(ServerHarness.B, Osc.Message("/ch/01/mix/fader", 0.25f));
        h.Server.Tick();
        Assert.Empty(h.Link.SentTo(ServerHarness.A));
        Assert.Single(h.Link.SentTo(ServerHarness.B));
    }

    [Theory]
    [InlineData("/subscribe", new object[] { "/ch/99/mix/fader", 1 })]
    [InlineData("/formatsubscribe", new object[] { "/hidden", "/ch/**/mix/fader", 30, 40, 1 })]
    [InlineData("/formatsubscribe", new object[] { "nope", "/ch/**/mix/fader", 1, 2, 1 })]
    [InlineData("/batchsubscribe", new object[] { "/mtrs", "/meters/99", 0, 0, 1 })]
    public void AnUnservableSubscription_RegistersNothing(string command, object[] arguments)
    {
        using var h = new ServerHarness();
        h.Send(ServerHarness.A, Osc.Message(command, arguments));
        Assert.Equal(0, h.Server.ValueSubscriptionCount);
    }

    private static int CountOver(ServerHarness h, TimeSpan span, string address)
    {
        h.Link.Clear();
        for (var t = TimeSpan.Zero; t < span; t += Step)
        {
            h.Server.Tick();
            h.Clock.Advance(Step);
        }

        return h.Link.SentTo(ServerHarness.A).Count(p => Osc.Read(p).Address == address);
    }
}
