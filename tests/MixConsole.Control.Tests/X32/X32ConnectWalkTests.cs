using System.Diagnostics;
using System.Net;
using MixConsole.Control.Tests.Server;
using Xunit.Abstractions;

namespace MixConsole.Control.Tests.X32;

/// <summary>
/// An app connecting over UDP the way X32 apps do: /xinfo, /status, then <c>/node ,s</c> for every node of the
/// document's tree the console serves, one at a time, each answer awaited before the next request. The client
/// is <see cref="X32WireClient"/> (none of the server's code). The connect time is reported, not asserted.
/// </summary>
[Collection(nameof(AloneInProcessCollection))]
public sealed class X32ConnectWalkTests(ITestOutputHelper output)
{
    [Fact]
    public void AClientReadsTheWholeServedTree_WithoutAnErrorOrATimeout()
    {
        using var live = new LiveServer();
        var nodes = X32NodeTable.Served.ToList();
        using var app = new X32WireClient(new IPEndPoint(IPAddress.Loopback, live.Port));

        var clock = Stopwatch.StartNew();
        string[]? xinfo = app.Ask(X32WireClient.Message("/xinfo"), "/xinfo", LiveServer.PatienceMs);
        string[]? status = app.Ask(X32WireClient.Message("/status"), "/status", LiveServer.PatienceMs);
        var wrong = new List<string>();
        foreach (var (node, values, first) in nodes)
        {
            string[]? answer = app.Ask(X32WireClient.Message("/node", node), "/node", LiveServer.PatienceMs);
            if (answer is not [string line] || !X32NodeTable.Conforms(line, node, values, first))
            {
                wrong.Add(node);
            }
        }

        clock.Stop();
        output.WriteLine($"connect: /xinfo, /status and {nodes.Count} nodes read in {clock.Elapsed.TotalMilliseconds:0} ms, {app.Timeouts} timeouts");
        Assert.Equal(4, xinfo?.Length);
        Assert.Equal("active", status?[0]);
        Assert.Equal(0, app.Timeouts);
        Assert.Empty(wrong);
    }
}
