using System.Net;
using MixConsole.Control.Tests.Transport;

namespace MixConsole.Control.Tests.Server;

/// <summary>oscdump listening where a meter stream goes, and the server's clock stepped so it sends at its own pace.</summary>
internal static class MeterDump
{
    /// <summary>
    /// Registers <paramref name="request"/> from a port that oscdump then listens on, and moves <paramref name="clock"/>
    /// <paramref name="steps"/> times 50 ms, waiting for each blob: the pace is the server's, counted, never timed.
    /// </summary>
    public static OscDump Start(LiveServer live, ManualClock clock, byte[] request, int steps)
    {
        int port = LibloTools.FreeUdpPort();
        using (var registrar = new UdpTestClient(live.EndPoint, port: port))
        {
            registrar.Send(request);
        }

        // The first blob goes at once, before anyone listens on the port; the next waits for the server's clock to move.
        Assert.True(LiveServer.WaitUntil(() => live.Server.MeterStreamCount == 1 && live.Server.Counters.MeterPacketsSent == 1));
        var dump = new OscDump(port);
        using var prober = new UdpTestClient(live.EndPoint);
        dump.WaitUntilListening(() =>
        {
            prober.SendTo(Osc.Message("/probe"), new IPEndPoint(IPAddress.Loopback, port));
            return true;
        });

        for (int step = 1; step <= steps; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            Assert.True(LiveServer.WaitUntil(() => live.Server.Counters.MeterPacketsSent == 1 + step), $"no blob after step {step}");
        }

        return dump;
    }
}
