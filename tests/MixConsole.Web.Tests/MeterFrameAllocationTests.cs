using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using MixConsole.Control.Meters;
using MixConsole.Control.Transport;
using MixConsole.Tests.Shared;
using MixConsole.Web.Live;
using Xunit.Abstractions;

namespace MixConsole.Web.Tests;

/// <summary>
/// Meter frames for the pages reuse their buffers: the control thread allocates nothing per frame, as for OSC. The
/// page's send loop (thread pool, inside ManagedWebSocket and the socket) is reported as a figure, not held to zero.
/// </summary>
public sealed class MeterFrameAllocationTests(ITestOutputHelper output)
{
    private static readonly OscMeterLayout Layout = new(32, 16);

    [Fact]
    public void WritingAndOfferingAFrame_ToOpenPages_AllocatesNothing()
    {
        var pages = new WebSocketOscTransport();
        for (int p = 0; p < 4; p++)
        {
            var page = new WebPage(WebSocket.CreateFromStream(new MemoryStream(), isServer: true, null, TimeSpan.Zero), Peer(p), WebMeterFeed.FrameBytes(Layout), readOnly: false);
            Assert.True(pages.Add(page));
        }

        var feed = new WebMeterFeed(pages, Layout);
        var levels = new float[Layout.Count];
        long step = TimeProvider.System.TimestampFrequency / WebMeterFeed.FramesPerSecond;
        long now = 0;
        Allocations.AssertNone(() =>
        {
            levels[5] += 0.001f;
            feed.OnMeters(levels, now += step);
        }, 3_000, "a meter frame for 4 pages");
        Assert.True(feed.FramesWritten >= 3_000);
    }

    [Fact]
    public async Task APagesSendLoop_SendsEveryFrame_FromItsOwnBuffers()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using TcpClient server = await listener.AcceptTcpClientAsync();
        using WebSocket serverSocket = WebSocket.CreateFromStream(server.GetStream(), isServer: true, null, TimeSpan.Zero);
        NetworkStream browser = client.GetStream();
        var pages = new WebSocketOscTransport();
        var page = new WebPage(serverSocket, Peer(1), WebMeterFeed.FrameBytes(Layout), readOnly: false);
        pages.Add(page);
        using var stop = new CancellationTokenSource();
        Task sending = page.SendAsync(stop.Token);
        var feed = new WebMeterFeed(pages, Layout);
        var levels = new float[Layout.Count];
        // Read as raw frames (4 bytes of WebSocket header for an unmasked payload under 64 KB) so the reader allocates nothing either.
        var received = new byte[4 + WebMeterFeed.FrameBytes(Layout)];
        long step = TimeProvider.System.TimestampFrequency / WebMeterFeed.FramesPerSecond;
        long now = 0;
        const int Warmup = 500, Frames = 3_000;
        long processBytes = 0;
        for (int frame = 0; frame < Warmup + Frames; frame++)
        {
            if (frame == Warmup)
            {
                processBytes = GC.GetTotalAllocatedBytes(precise: true);
            }

            levels[0] = frame;
            feed.OnMeters(levels, now += step);
            browser.ReadExactly(received);

            // Checked without Assert in the loop: xunit's comparers allocate, and the loop is being counted.
            if (received[0] != 0x82 || BitConverter.ToSingle(received, 4 + WebMeterFeed.HeaderBytes) != frame)
            {
                Assert.Fail($"frame {frame}: header {received[0]:x2}, first value {BitConverter.ToSingle(received, 4 + WebMeterFeed.HeaderBytes)}");
            }
        }

        processBytes = GC.GetTotalAllocatedBytes(precise: true) - processBytes;
        // The last frame's header: version, sequence, channels, buses, where the screen section starts, values.
        Assert.Equal("MTR2"u8.ToArray(), received[4..8]);
        Assert.Equal((uint)(Warmup + Frames), BitConverter.ToUInt32(received, 8));
        Assert.Equal(new[] { Layout.Channels, Layout.Buses, Layout.FirstScreenValue, Layout.Count }, Enumerable.Range(0, 4).Select(i => (int)BitConverter.ToUInt16(received, 12 + 2 * i)));
        output.WriteLine($"whole process, the page's send loop: {processBytes} bytes over {Frames} frames ({(double)processBytes / Frames:0.0} per frame)");
        page.Close();
        await stop.CancelAsync();
        await sending;
    }

    private static OscPeer Peer(int n) => OscPeer.FromIPv4(0x7F000001, (ushort)(40_000 + n)) with { Kind = OscPeerKind.Web };
}
