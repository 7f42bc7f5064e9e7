using System.Collections.Concurrent;
using MixConsole.Control.Osc;
using MixConsole.Control.Transport;

namespace MixConsole.Web.Live;

/// <summary>
/// The web pages as one OSC link: each page's WebSocket is a peer, so its sets, queries and <c>/xremote</c>
/// go through the OSC server's dispatcher, access control and echo path like any client's, with no second
/// model. Replies and echoes are queued on the page and leave coalesced.
/// </summary>
public sealed class WebSocketOscTransport : IOscTransport
{
    private readonly ConcurrentDictionary<OscPeer, WebPage> _pages = new();
    private WebPage[] _list = [];
    private OscPacketHandler? _handler;
    private long _viewerRefusals;

    /// <inheritdoc/>
    public string Name { get; init; } = "web sockets";

    /// <summary>Pages connected now.</summary>
    public int PageCount => _pages.Count;

    internal ReadOnlySpan<WebPage> Pages => Volatile.Read(ref _list);

    /// <inheritdoc/>
    public void Start(OscPacketHandler handler) => _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <inheritdoc/>
    public bool Send(ReadOnlySpan<byte> packet, in OscPeer destination) =>
        destination.Kind == OscPeerKind.Web && _pages.TryGetValue(destination, out WebPage? page) && page.Enqueue(packet);

    internal bool Add(WebPage page)
    {
        if (!_pages.TryAdd(page.Peer, page))
        {
            return false;
        }

        Refresh();
        return true;
    }

    internal void Remove(WebPage page)
    {
        page.Close();
        if (_pages.TryRemove(new KeyValuePair<OscPeer, WebPage>(page.Peer, page)))
        {
            Refresh();
        }
    }

    // A page's packet, on its receive task: the same entry every datagram takes. A viewer may only ask
    // (a single message with no arguments: a query, /xremote, /info); anything else it sends is dropped here,
    // as are /-action/... and /master/loudness/reset (both act with no arguments).
    internal void Deliver(WebPage page, ReadOnlyMemory<byte> packet)
    {
        if (page.ReadOnly && !(OscMessage.TryParse(packet.Span, out OscMessage message, out _) && message.ArgumentCount == 0
            && !message.Address.StartsWith("/-action/"u8) && !message.Address.SequenceEqual("/master/loudness/reset"u8)))
        {
            Interlocked.Increment(ref _viewerRefusals);
            return;
        }

        _handler?.Invoke(packet.Span, page.Peer);
    }

    /// <summary>Packets from read-only pages dropped because they would change something.</summary>
    public long ViewerRefusals => Interlocked.Read(ref _viewerRefusals);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (WebPage page in _pages.Values)
        {
            page.Close();
        }
    }

    private void Refresh()
    {
        lock (_pages)
        {
            Volatile.Write(ref _list, [.. _pages.Values]);
        }
    }
}
