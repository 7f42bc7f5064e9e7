using System.Globalization;
using System.Net;
using MixConsole.Control.Meters;
using MixConsole.Control.Osc;
using MixConsole.Control.Tests.Transport;
using MixConsole.Engine.Configuration;

namespace MixConsole.Control.Tests.Server;

/// <summary>
/// The server against liblo (Debian liblo-tools), an independent OSC implementation: oscsend sets values,
/// oscdump decodes what the server sends. oscsend sends from an ephemeral port and cannot receive, so a
/// subscription or query is registered from a socket bound to port X, that socket is closed, and oscdump
/// listens on X: the server then sends echoes, meters and (for a query held in a future-dated bundle)
/// the answer to X, where liblo decodes them. Where timing matters (the bundle's time, the meters' pace) the
/// server runs on a clock the test moves once oscdump is listening, so nothing races oscdump's start-up.
/// </summary>
public class OscServerLibloTests
{
    [Fact]
    public void Oscsend_SetsFaderEnumAndName_AndQueriesReadThemBack()
    {
        using var live = new LiveServer();
        LibloTools.Send(live.Port, "/ch/01/mix/fader", "f", "0.75");
        LibloTools.Send(live.Port, "/ch/02/eq/1/type", "s", "PEQ");
        LibloTools.Send(live.Port, "/ch/03/config/name", "s", "Kick In");
        LibloTools.Send(live.Port, "/ch/04/mix/on", "i", "0");
        Assert.True(live.WaitForPackets(4));

        using var client = new UdpTestClient(live.EndPoint);
        Assert.Equal(767f / 1023f, Assert.Single(client.Query("/ch/01/mix/fader").Arguments));
        Assert.Equal(2, Assert.Single(client.Query("/ch/02/eq/1/type").Arguments));
        Assert.Equal("Kick In", Assert.Single(client.Query("/ch/03/config/name").Arguments));
        Assert.Equal(0, Assert.Single(client.Query("/ch/04/mix/on").Arguments));
    }

    [Fact]
    public void Oscdump_ReceivesTheEchoOfAnOscsendChange()
    {
        // On a clock that stands still the /xremote subscription cannot lapse (10 s) while oscdump starts up.
        using var live = new LiveServer(time: new ManualClock());
        int port = LibloTools.FreeUdpPort();
        using (var registrar = new UdpTestClient(live.EndPoint, port: port))
        {
            registrar.Send(Osc.Message("/xremote"));
        }

        Assert.True(LiveServer.WaitUntil(() => live.Server.SubscriberCount == 1));
        using var dump = new OscDump(port);
        using var prober = new UdpTestClient(live.EndPoint);
        dump.WaitUntilListening(() =>
        {
            prober.SendTo(Osc.Message("/probe"), new IPEndPoint(IPAddress.Loopback, port));
            return true;
        });

        LibloTools.Send(live.Port, "/ch/03/mix/fader", "f", "0.5");
        LibloTools.Send(live.Port, "/ch/03/config/name", "s", "Snare");
        string[] fader = dump.WaitForLines(l => l.Contains("/ch/03/mix/fader f ", StringComparison.Ordinal), 1);
        string[] name = dump.WaitForLines(l => l.Contains("/ch/03/config/name s ", StringComparison.Ordinal), 1);

        float echoed = float.Parse(Assert.Single(fader).Split(' ')[^1], CultureInfo.InvariantCulture);
        Assert.Equal(live.Store.GetNormalized(live.Index("/ch/03/mix/fader")), echoed, 5);
        Assert.EndsWith("\"Snare\"", Assert.Single(name), StringComparison.Ordinal);
    }

    [Fact]
    public void Oscdump_DecodesQueryAnswers_AndInfo()
    {
        var clock = new ManualClock();
        using var live = new LiveServer(time: clock);
        Assert.True(live.Store.TrySetNormalized(live.Index("/ch/05/mix/pan"), 0.25f));
        int port = LibloTools.FreeUdpPort();
        var at = OscTimeTag.FromDateTimeOffset(clock.GetUtcNow().AddSeconds(2));
        using (var registrar = new UdpTestClient(live.EndPoint, port: port))
        {
            registrar.Send(Osc.Bundle(at, Osc.Message("/ch/05/mix/pan"), Osc.Message("/ch/05/mix/on"), Osc.Message("/info")));
        }

        Assert.True(LiveServer.WaitUntil(() => live.Server.ScheduledCount == 3));
        using var dump = new OscDump(port);
        using var prober = new UdpTestClient(live.EndPoint);
        dump.WaitUntilListening(() =>
        {
            prober.SendTo(Osc.Message("/probe"), new IPEndPoint(IPAddress.Loopback, port));
            return true;
        });

        // The bundle's time comes only now, with oscdump listening on X.
        Assert.Equal(3, live.Server.ScheduledCount);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(dump.WaitForLines(l => l.EndsWith("/ch/05/mix/pan f 0.250000", StringComparison.Ordinal), 1));
        Assert.Single(dump.WaitForLines(l => l.EndsWith("/ch/05/mix/on i 1", StringComparison.Ordinal), 1));
        Assert.Single(dump.WaitForLines(l => l.Contains("/info ssss \"V", StringComparison.Ordinal) && l.Contains("\"MixConsole\"", StringComparison.Ordinal), 1));
    }

    [Fact]
    public void Oscdump_DecodesTheMeterBlobStream()
    {
        var layout = OscMeterLayout.For(ConsoleConfig.Default);
        var clock = new ManualClock();
        using var live = new LiveServer(new RampMeters(layout), time: clock);
        // Ten 50 ms steps of the server's clock, ten blobs.
        using OscDump dump = MeterDump.Start(live, clock, Osc.Message("/meters/0"), 10);

        // liblo prints blobs over 12 bytes as "[N byte blob]": it checks the framing and the size.
        string[] lines = dump.WaitForLines(l => l.Contains("/meters/0 b [", StringComparison.Ordinal), 10);
        Assert.Equal(10, lines.Length);
        Assert.All(lines, l => Assert.EndsWith($"/meters/0 b [{4 + 4 * 70} byte blob]", l, StringComparison.Ordinal));
        Assert.Equal(11, live.Server.Counters.MeterPacketsSent);

        // The values themselves, decoded with BinaryPrimitives straight from the datagram.
        using var reader = new UdpTestClient(live.EndPoint);
        reader.Send(Osc.Message("/meters/0"));
        byte[]? packet = reader.Receive("/meters/0");
        Assert.NotNull(packet);
        float[] values = Osc.MeterValues((byte[])Osc.Read(packet).Arguments[0]);
        Assert.Equal(70, values.Length);
        Assert.Equal(RampMeters.ValueAt(layout.ChannelPostFader(0)), values[0]);
        Assert.Equal(RampMeters.ValueAt(layout.ChannelPostFader(31)), values[31]);
        Assert.Equal(RampMeters.ValueAt(layout.BusPostFader(0)), values[32 + 8 + 8]);
        Assert.Equal(RampMeters.ValueAt(layout.BusPostFader(15)), values[63]);
    }

    private sealed class RampMeters(OscMeterLayout layout) : IMeterSource
    {
        public OscMeterLayout Layout => layout;

        public static float ValueAt(int index) => 1f / (index + 2);

        public bool TryReadLatest(Span<float> linear)
        {
            for (int i = 0; i < layout.Count; i++)
            {
                linear[i] = ValueAt(i);
            }

            return true;
        }
    }
}
