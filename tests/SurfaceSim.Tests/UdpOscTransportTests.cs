using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixConsole.SurfaceSim.Link;

namespace MixConsole.SurfaceSim.Tests;

public class UdpOscTransportTests
{
    // Polls are waited out, not timed: a loaded machine only makes a datagram take longer to arrive.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Transport_CarriesDatagramsBothWays_AndNeverBlocksWhenNothingWaits()
    {
        using var host = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var transport = new UdpOscTransport((IPEndPoint)host.Client.LocalEndPoint!);
        Assert.True(transport.Open());
        var buffer = new byte[1536];

        Assert.Equal(0, transport.Receive(buffer));
        Assert.True(transport.Send([1, 2, 3, 4, 5, 6, 7, 8], 8));
        IPEndPoint? from = null;
        byte[] got = host.Receive(ref from);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], got);

        host.Send([9, 8, 7, 6], 4, from);
        int n = ReceiveWithin(transport, buffer);

        Assert.Equal(4, n);
        Assert.Equal([9, 8, 7, 6], buffer[..4]);
    }

    [Fact]
    public void Transport_IgnoresDatagramsFromAnyoneButTheHost()
    {
        using var host = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var transport = new UdpOscTransport((IPEndPoint)host.Client.LocalEndPoint!);
        Assert.True(transport.Open());
        transport.Send([1, 2, 3, 4], 4);
        IPEndPoint? surface = null;
        host.Receive(ref surface);

        stranger.Send([6, 6, 6, 6], 4, surface);
        host.Send([1, 1, 1, 1], 4, surface);
        var buffer = new byte[64];
        int n = ReceiveWithin(transport, buffer);

        Assert.Equal([1, 1, 1, 1], buffer[..n]);
        Thread.Sleep(20);
        Assert.Equal(0, transport.Receive(buffer));
    }

    [Fact]
    public void Transport_CountsRefusals_WhenNothingListens()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        using var transport = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, port));
        Assert.True(transport.Open());
        var buffer = new byte[64];
        var waited = Stopwatch.StartNew();
        while (transport.Refusals == 0 && waited.Elapsed < Patience)
        {
            transport.Send([1, 2, 3, 4], 4);
            Thread.Sleep(5);
            Assert.Equal(0, transport.Receive(buffer));
        }

        Assert.True(transport.Refusals > 0);
        Assert.Equal(SocketError.ConnectionRefused, transport.LastError);
    }

    // The transport never blocks, so poll it until a datagram comes (0 when none did).
    private static int ReceiveWithin(UdpOscTransport transport, byte[] buffer)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Patience)
        {
            int n = transport.Receive(buffer);
            if (n > 0)
            {
                return n;
            }

            Thread.Sleep(5);
        }

        return 0;
    }
}
