using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using MixConsole.Control.Transport;

namespace MixConsole.Web.Live;

/// <summary>
/// One open page's WebSocket. Inbound binary messages are OSC packets, handed to the OSC server like any
/// datagram. Outbound, every OSC packet sent to this page waits in an outbox and leaves coalesced as one OSC
/// bundle per wake-up; the newest meter frame replaces any unsent one. All buffers are made here, once.
/// </summary>
internal sealed class WebPage
{
    /// <summary>Largest OSC packet a page may send (a name set or a bundle of moves is far smaller).</summary>
    public const int MaxInboundBytes = 4096;

    private const int OutboxBytes = 64 * 1024;
    private static readonly byte[] BundleHeader = "#bundle\0\0\0\0\0\0\0\0\u0001"u8.ToArray();

    private readonly WebSocket _socket;
    private readonly object _gate = new();
    private readonly AsyncSignal _wake = new();
    private readonly byte[] _inbound = new byte[MaxInboundBytes];
    private readonly byte[] _outbox = new byte[OutboxBytes];
    private readonly byte[] _sendBuffer = new byte[16 + OutboxBytes];
    private readonly byte[] _meterFrame;
    private readonly byte[] _meterSend;
    private int _outboxLength;
    private int _meterLength;
    private bool _meterFresh;
    private volatile bool _closed;
    private long _dropped;
    private long _lastHeard;

    public WebPage(WebSocket socket, OscPeer peer, int meterFrameBytes, bool readOnly, string pagePath = "")
    {
        _socket = socket;
        Peer = peer;
        ReadOnly = readOnly;
        PagePath = pagePath;
        ConnectedAt = _lastHeard = Stopwatch.GetTimestamp();
        _meterFrame = new byte[meterFrameBytes];
        _meterSend = new byte[meterFrameBytes];
    }

    /// <summary>Who this page is to the OSC server: the TCP address and port of its connection.</summary>
    public OscPeer Peer { get; }

    /// <summary>True for a viewer: it receives everything and its changes are refused.</summary>
    public bool ReadOnly { get; }

    /// <summary>Which page this is ("/master.html"), as the page said when it connected; empty when it did not.</summary>
    public string PagePath { get; }

    /// <summary><see cref="Stopwatch"/> timestamp of the connection.</summary>
    public long ConnectedAt { get; }

    /// <summary><see cref="Stopwatch"/> timestamp of the page's latest packet (or its connection).</summary>
    public long LastHeard => Volatile.Read(ref _lastHeard);

    /// <summary>Packets not sent because the page read too slowly to keep its outbox from filling.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues one OSC packet for the page; false when the outbox is full or the page closed.</summary>
    public bool Enqueue(ReadOnlySpan<byte> packet)
    {
        if (_closed)
        {
            return false;
        }

        lock (_gate)
        {
            if (_outboxLength + 4 + packet.Length > _outbox.Length)
            {
                _dropped++;
                return false;
            }

            BinaryPrimitives.WriteInt32BigEndian(_outbox.AsSpan(_outboxLength), packet.Length);
            packet.CopyTo(_outbox.AsSpan(_outboxLength + 4));
            _outboxLength += 4 + packet.Length;
        }

        _wake.Set();
        return true;
    }

    /// <summary>Offers the newest meter frame; an unsent older one is replaced.</summary>
    public void OfferMeters(ReadOnlySpan<byte> frame)
    {
        if (_closed)
        {
            return;
        }

        lock (_gate)
        {
            frame.CopyTo(_meterFrame);
            _meterLength = frame.Length;
            _meterFresh = true;
        }

        _wake.Set();
    }

    /// <summary>Reads the page's OSC packets and passes each to <paramref name="deliver"/> until the page closes.</summary>
    public async Task ReceiveAsync(Action<WebPage, ReadOnlyMemory<byte>> deliver, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == _inbound.Length)
                {
                    await _socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "packet too large", cancel).ConfigureAwait(false);
                    return;
                }

                result = await _socket.ReceiveAsync(_inbound.AsMemory(length), cancel).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType != WebSocketMessageType.Binary)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.InvalidMessageType, "OSC packets are binary", cancel).ConfigureAwait(false);
                return;
            }

            Volatile.Write(ref _lastHeard, Stopwatch.GetTimestamp());
            deliver(this, _inbound.AsMemory(0, length));
        }
    }

    /// <summary>
    /// Sends queued packets (as one bundle) and the newest meter frame whenever either arrives, until closed. Sends
    /// take no cancellation token (a cancellable send allocates its registration every time); closing or aborting
    /// the socket ends a stuck one.
    /// </summary>
    public async Task SendAsync(CancellationToken cancel)
    {
        BundleHeader.CopyTo(_sendBuffer, 0);
        while (true)
        {
            await _wake.WaitAsync().ConfigureAwait(false);
            if (_closed || cancel.IsCancellationRequested || _socket.State != WebSocketState.Open)
            {
                return;
            }

            int packets;
            int meters;
            lock (_gate)
            {
                packets = _outboxLength;
                _outbox.AsSpan(0, packets).CopyTo(_sendBuffer.AsSpan(BundleHeader.Length));
                _outboxLength = 0;
                meters = _meterFresh ? _meterLength : 0;
                _meterFrame.AsSpan(0, meters).CopyTo(_meterSend);
                _meterFresh = false;
            }

            if (packets > 0)
            {
                await _socket.SendAsync(_sendBuffer.AsMemory(0, BundleHeader.Length + packets), WebSocketMessageType.Binary, true, CancellationToken.None).ConfigureAwait(false);
            }

            if (meters > 0)
            {
                await _socket.SendAsync(_meterSend.AsMemory(0, meters), WebSocketMessageType.Binary, true, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the send loop; the socket is closed by whoever accepted it.</summary>
    public void Close()
    {
        _closed = true;
        _wake.Set();
    }
}
