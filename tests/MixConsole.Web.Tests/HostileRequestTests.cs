using System.Net;
using System.Net.WebSockets;
using MixConsole.Control.Tests.Server;

namespace MixConsole.Web.Tests;

/// <summary>Bad and foreign requests get HTTP errors or a closed socket; the console keeps running and nothing changes.</summary>
public sealed class HostileRequestTests
{
    [Fact]
    public async Task BadRequests_GetHttpErrors_AndChangeNothing()
    {
        using var serve = new ServeUnderTest("--audio", "null");
        using var osc = new OscClient(serve.OscPort);
        using var http = new HttpClient { BaseAddress = serve.WebAddress };
        float before = (float)osc.Query("/ch/01/mix/fader");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/etc/passwd")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/../../etc/passwd")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync("/ch/01/mix/fader", new StringContent("1"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/params")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/params?match=ch")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/params?" + string.Join('&', Enumerable.Repeat("match=/ch/*", 17)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/ws")).StatusCode);
        using (var rebound = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            rebound.Headers.Host = "console.attacker.example";
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebound)).StatusCode);
        }

        // A page from elsewhere (or a client with no Origin) cannot open the console's socket.
        await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(serve, "http://attacker.example"));
        await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(serve, null));

        // Text, garbage and oversized packets: the socket closes or the packet is dropped, values stay.
        using (ClientWebSocket text = await ConnectAsync(serve, Origin(serve)))
        {
            await text.SendAsync("/ch/01/mix/fader 1"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            Assert.Equal(WebSocketCloseStatus.InvalidMessageType, await ClosedAsync(text));
        }

        using (ClientWebSocket big = await ConnectAsync(serve, Origin(serve)))
        {
            await big.SendAsync(new byte[64 * 1024], WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, await ClosedAsync(big));
        }

        using (ClientWebSocket garbage = await ConnectAsync(serve, Origin(serve)))
        {
            byte[] set = Osc.Message("/ch/01/mix/fader", 1f);
            await garbage.SendAsync(set.AsMemory(0, set.Length - 3), WebSocketMessageType.Binary, true, CancellationToken.None);
            await garbage.SendAsync(new byte[] { 0x2F, 0xFF, 0x00 }, WebSocketMessageType.Binary, true, CancellationToken.None);

            // The same socket still works for a well-formed set: proof the two before it were read and dropped.
            await garbage.SendAsync(Osc.Message("/ch/05/mix/fader", 0.5f), WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.Equal(0.5f, (float)osc.QueryUntil("/ch/05/mix/fader", v => v is float f && Math.Abs(f - 0.5f) < 1e-3f), 3);
        }

        Assert.Equal(before, (float)osc.Query("/ch/01/mix/fader"));
    }

    private static string Origin(ServeUnderTest serve) => serve.WebAddress.GetLeftPart(UriPartial.Authority);

    private static async Task<ClientWebSocket> ConnectAsync(ServeUnderTest serve, string? origin)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{serve.HttpPort}/ws"), CancellationToken.None);
        return socket;
    }

    // Reads until the server closes the socket; returns why.
    private static async Task<WebSocketCloseStatus?> ClosedAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, patience.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result.CloseStatus;
            }
        }
    }
}
