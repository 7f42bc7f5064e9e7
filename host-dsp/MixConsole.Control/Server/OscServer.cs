using System.Buffers.Binary;
using System.Diagnostics;
using MixConsole.Control.Meters;
using MixConsole.Control.Osc;
using MixConsole.Control.Security;
using MixConsole.Control.Transport;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Server;

/// <summary>
/// The console's OSC server: one dispatcher for every transport (UDP, SLIP serial), one <c>/xremote</c>
/// subscriber registry, one meter-stream registry. Receive threads decode, check access and apply (a set is
/// a store write, nothing more); a control thread runs <see cref="Tick"/> at <see cref="OscServerOptions.ControlInterval"/>:
/// it releases due bundle messages, echoes every change made by anyone (coalesced: one message per changed
/// parameter per tick, whatever the flood) to every subscriber, and streams meter blobs.
/// </summary>
public sealed class OscServer : IDisposable
{
    private const int EchoBufferBytes = 1024;

    private readonly ParameterStore _store;
    private readonly AccessController? _access;
    private readonly IMeterSource _meters;
    private readonly TimeProvider _time;
    private readonly Action<string>? _log;
    private readonly OscLinks _links;
    private readonly SubscriptionRegistry _subscribers;
    private readonly SubscriptionRegistry _meterStreams;
    private readonly ValueSubscriptions _values;
    private readonly ScheduledMessageQueue _scheduled;
    private readonly ChangeOrigins _origins;
    private readonly OscDispatcher _dispatcher;
    private readonly object _tickGate = new();
    private readonly int[] _changed;
    private readonly Subscription[] _subscriptionScratch;
    private readonly Subscription[] _meterScratch;
    private readonly byte[] _echoBuffer = new byte[EchoBufferBytes];
    private readonly byte[] _valueBuffer = new byte[64 + 4 * ValueSubscriptions.MaxIndices + ValueSubscriptions.MaxAddressBytes];
    private readonly byte[] _scheduledBuffer;
    private readonly float[] _meterSnapshot;
    private readonly MeterBank?[] _banks;
    private readonly byte[][] _bankPackets;
    private readonly int[] _bankPacketLengths;
    private readonly ManualResetEventSlim _stop = new(false);
    private IMeterListener[] _meterListeners = [];
    private Thread? _controlThread;
    private long _echoCursor;
    private bool _started;
    private int _disposed;

    /// <summary>Creates a server over <paramref name="store"/>; add transports, then <see cref="Start"/>.</summary>
    /// <param name="store">The parameter values every client reads and writes.</param>
    /// <param name="options">Bounds and intervals; the defaults when null.</param>
    /// <param name="access">Allowlist, rate limit and optional pairing; null serves everyone (tests, benchmarks).</param>
    /// <param name="meters">Where meter snapshots come from; silence when null.</param>
    /// <param name="time">Clock for subscriptions, schedules and meters (injected for tests); the system clock when null.</param>
    /// <param name="log">Receives a line per notable event (never per packet).</param>
    public OscServer(
        ParameterStore store,
        OscServerOptions? options = null,
        AccessController? access = null,
        IMeterSource? meters = null,
        TimeProvider? time = null,
        Action<string>? log = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        Options = options ?? new OscServerOptions();
        Options.Validate();
        _access = access;
        _time = time ?? TimeProvider.System;
        _log = log;
        _meters = meters ?? new SilentMeterSource(OscMeterLayout.For(store.Table.Config));
        Counters = new OscServerCounters();
        _links = new OscLinks(Counters);
        _subscribers = new SubscriptionRegistry(Options.MaxSubscribers, Options.SubscriptionLifetime, _time);
        _meterStreams = new SubscriptionRegistry(Options.MaxMeterStreams, Options.MeterLifetime, _time);
        _values = new ValueSubscriptions(Options.MaxSubscribers, Options.SubscriptionLifetime, _time);
        _scheduled = new ScheduledMessageQueue(Options.MaxScheduledMessages, Options.MaxScheduledMessageBytes);
        _origins = new ChangeOrigins(store.Count);
        _dispatcher = new OscDispatcher(
            store, Options, access, _subscribers, _meterStreams, _values, _scheduled, _origins, Counters, _links, _time, log);
        _changed = new int[store.Count];
        _subscriptionScratch = new Subscription[Options.MaxSubscribers];
        _meterScratch = new Subscription[Options.MaxMeterStreams];
        _scheduledBuffer = new byte[Options.MaxScheduledMessageBytes];
        _meterSnapshot = new float[_meters.Layout.Count];
        _banks = MeterBank.CreateAll(_meters.Layout);
        _bankPackets = new byte[_banks.Length][];
        _bankPacketLengths = new int[_banks.Length];
        for (int n = 0; n < _banks.Length; n++)
        {
            _bankPackets[n] = _banks[n] is { } bank ? new byte[64 + 4 + 4 * bank.Count] : [];
        }

        _dispatcher.MeterBanks = _banks;

        _echoCursor = store.CurrentCursor;
    }

    /// <summary>Bounds and intervals in force.</summary>
    public OscServerOptions Options { get; }

    /// <summary>The values served.</summary>
    public ParameterStore Store => _store;

    /// <summary>What the server has done so far.</summary>
    public OscServerCounters Counters { get; }

    /// <summary>The transports served, by link number.</summary>
    public IReadOnlyList<IOscTransport> Transports => _links.All;

    /// <summary>Live <c>/xremote</c> subscriptions.</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <summary>Live <c>/meters/N</c> streams.</summary>
    public int MeterStreamCount => _meterStreams.Count;

    /// <summary>Live <c>/subscribe</c>, <c>/formatsubscribe</c> and <c>/batchsubscribe</c> subscriptions.</summary>
    public int ValueSubscriptionCount => _values.Count;

    /// <summary>Messages from future-dated bundles waiting for their time.</summary>
    public int ScheduledCount => _scheduled.Count;

    /// <summary>Adds a transport before <see cref="Start"/>; the server disposes it. Returns its link number.</summary>
    /// <exception cref="InvalidOperationException">The server has already started.</exception>
    public int AddTransport(IOscTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (_started)
        {
            throw new InvalidOperationException("Add transports before starting the server.");
        }

        return _links.Add(transport);
    }

    /// <summary>Serves commands beyond the parameter table (scene slots, master loudness) through <paramref name="handler"/>, after those added before; before <see cref="Start"/>.</summary>
    /// <exception cref="InvalidOperationException">The server has already started.</exception>
    public void AddCommandHandler(IOscCommandHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_started)
        {
            throw new InvalidOperationException("Add command handlers before starting the server.");
        }

        _dispatcher.Commands = [.. _dispatcher.Commands, handler];
    }

    /// <summary>Hands every meter snapshot to <paramref name="listener"/> on the control thread; before <see cref="Start"/>.</summary>
    /// <exception cref="InvalidOperationException">The server has already started.</exception>
    public void AddMeterListener(IMeterListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (_started)
        {
            throw new InvalidOperationException("Add meter listeners before starting the server.");
        }

        _meterListeners = [.. _meterListeners, listener];
    }

    /// <summary>
    /// Sends one packet to every live <c>/xremote</c> subscriber: how a command handler echoes a change that is not a
    /// parameter (a scene saved, renamed, recalled). Rare: it allocates its subscriber list.
    /// </summary>
    public void SendToSubscribers(ReadOnlySpan<byte> packet)
    {
        var subscribers = new Subscription[_subscribers.Capacity];
        int count = _subscribers.CopyActive(subscribers);
        long sent = 0;
        for (int s = 0; s < count; s++)
        {
            sent += _links.Send(subscribers[s].Link, packet, subscribers[s].Peer) ? 1 : 0;
        }

        Counters.AddEchoes(sent);
    }

    /// <summary>
    /// The live <c>/xremote</c> subscriptions and meter streams, for a status page. Rare: it allocates its list.
    /// </summary>
    public IReadOnlyList<OscSubscriberStatus> ListSubscribers()
    {
        var list = new List<OscSubscriberStatus>();
        Describe(_subscribers, _ => "/xremote", list);
        Describe(_meterStreams, topic => "/meters/" + topic.ToString(System.Globalization.CultureInfo.InvariantCulture), list);
        return list;
    }

    private void Describe(SubscriptionRegistry registry, Func<int, string> address, List<OscSubscriberStatus> list)
    {
        var entries = new Subscription[registry.Capacity];
        int count = registry.CopyActive(entries);
        long now = _time.GetTimestamp();
        for (int s = 0; s < count; s++)
        {
            Subscription entry = entries[s];
            TimeSpan left = _time.GetElapsedTime(now, entry.ExpiresAt);
            list.Add(new OscSubscriberStatus(entry.Link, entry.Peer, address(entry.Topic), _time.GetElapsedTime(entry.SubscribedAt, now), registry.Lifetime - left));
        }
    }

    /// <summary>Starts every transport's receive thread and, unless told otherwise, the control thread.</summary>
    /// <param name="runControlThread">False when the caller drives <see cref="Tick"/> itself (tests with a manual clock).</param>
    public void Start(bool runControlThread = true)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_started)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        _started = true;
        IReadOnlyList<IOscTransport> transports = _links.All;
        for (int link = 0; link < transports.Count; link++)
        {
            int captured = link;
            transports[link].Start((ReadOnlySpan<byte> packet, in OscPeer sender) => HandlePacket(packet, in sender, captured));
        }

        if (runControlThread)
        {
            _controlThread = new Thread(ControlLoop) { IsBackground = true, Name = "osc-control" };
            _controlThread.Start();
        }
    }

    /// <summary>
    /// Acts on one received packet as if it arrived on link <paramref name="link"/> from <paramref name="sender"/>:
    /// what every transport calls. Never throws for any input; an invalid packet changes nothing.
    /// </summary>
    public void HandlePacket(ReadOnlySpan<byte> packet, in OscPeer sender, int link) =>
        _dispatcher.HandlePacket(packet, in sender, link);

    /// <summary>
    /// One control step: drop lapsed subscriptions, run bundle messages whose time has come, echo changes to
    /// subscribers, send due meter blobs. The control thread calls it every <see cref="OscServerOptions.ControlInterval"/>.
    /// </summary>
    public void Tick()
    {
        lock (_tickGate)
        {
            _subscribers.RemoveExpired();
            _meterStreams.RemoveExpired();
            RunDueScheduled();
            EchoChanges();
            StreamMeters();
            var sender = new DueValueSender(this);
            _values.SendDue(ref sender);
            FeedMeterListeners();
        }
    }

    /// <summary>Stops the control thread and every transport.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Set();
        _controlThread?.Join(TimeSpan.FromSeconds(2));
        foreach (IOscTransport transport in _links.All)
        {
            transport.Dispose();
        }

        _stop.Dispose();
    }

    private void ControlLoop()
    {
        long intervalTicks = (long)(Options.ControlInterval.TotalSeconds * Stopwatch.Frequency);
        long next = Stopwatch.GetTimestamp();
        long lastFaultLog = long.MinValue;
        long unlogged = 0;
        while (!_stop.IsSet)
        {
            try
            {
                Tick();
            }
            catch (Exception e)
            {
                Counters.AddHandlerFault();

                // A step failing every tick would log 100 lines a second: one line per 10 s, the rest counted.
                long failedAt = Stopwatch.GetTimestamp();
                if (lastFaultLog == long.MinValue || Stopwatch.GetElapsedTime(lastFaultLog, failedAt) >= TimeSpan.FromSeconds(10))
                {
                    _log?.Invoke($"osc: control step failed: {e.GetType().Name}: {e.Message}{(unlogged > 0 ? $"; {unlogged} more failures not logged" : "")}");
                    lastFaultLog = failedAt;
                    unlogged = 0;
                }
                else
                {
                    unlogged++;
                }
            }

            next += intervalTicks;
            long now = Stopwatch.GetTimestamp();
            if (next <= now)
            {
                next = now + intervalTicks;
            }

            _stop.Wait(TimeSpan.FromSeconds((double)(next - now) / Stopwatch.Frequency));
        }
    }

    private void RunDueScheduled()
    {
        long now = _time.GetTimestamp();
        if (!_scheduled.TryTakeDue(now, _scheduledBuffer, out int length, out int link, out OscPeer sender))
        {
            return;
        }

        // Messages due together (a future-dated bundle) land in one batch, as the bundle would have.
        using ParameterBatch batch = _store.BeginBatch();
        do
        {
            _dispatcher.ExecuteScheduled(_scheduledBuffer.AsSpan(0, length), link, in sender);
        }
        while (_scheduled.TryTakeDue(now, _scheduledBuffer, out length, out link, out sender));
    }

    private void EchoChanges()
    {
        int changed = _store.CollectChanges(ref _echoCursor, _changed);
        if (changed == 0)
        {
            return;
        }

        int subscribers = _subscribers.CopyActive(_subscriptionScratch);
        if (subscribers == 0)
        {
            return;
        }

        byte[][] paths = _dispatcher.Paths;
        long sent = 0;
        for (int c = 0; c < changed; c++)
        {
            int index = _changed[c];
            if (!ParameterMessage.TryWrite(_store, index, paths[index], _echoBuffer, out int length))
            {
                continue;
            }

            ReadOnlySpan<byte> packet = _echoBuffer.AsSpan(0, length);
            for (int s = 0; s < subscribers; s++)
            {
                ref readonly Subscription subscriber = ref _subscriptionScratch[s];
                if (!Options.EchoToOriginator &&
                    _origins.IsOriginatorOfCurrentValue(index, subscriber.Link, subscriber.Peer, _store))
                {
                    continue;
                }

                sent += _links.Send(subscriber.Link, packet, subscriber.Peer) ? 1 : 0;
            }
        }

        Counters.AddEchoes(sent);
    }

    private void StreamMeters()
    {
        int due = _meterStreams.TakeDue(_meterScratch);
        if (due == 0)
        {
            return;
        }

        _meters.TryReadLatest(_meterSnapshot);
        Array.Clear(_bankPacketLengths);
        for (int d = 0; d < due; d++)
        {
            ref readonly Subscription stream = ref _meterScratch[d];
            int bank = stream.Topic;
            if (_bankPacketLengths[bank] == 0)
            {
                _bankPacketLengths[bank] = WriteMeterPacket(bank);
            }

            if (_bankPacketLengths[bank] > 0 && _links.Send(stream.Link, _bankPackets[bank].AsSpan(0, _bankPacketLengths[bank]), stream.Peer))
            {
                Counters.AddMeterPacket();
            }
        }
    }

    private void FeedMeterListeners()
    {
        if (_meterListeners.Length == 0)
        {
            return;
        }

        // Nothing new since StreamMeters read leaves the snapshot as it was: listeners see the latest either way.
        _meters.TryReadLatest(_meterSnapshot);
        long now = _time.GetTimestamp();
        foreach (IMeterListener listener in _meterListeners)
        {
            listener.OnMeters(_meterSnapshot, now);
        }
    }

    private int WriteMeterPacket(int bank)
    {
        MeterBank meterBank = _banks[bank]!;
        Span<byte> blob = stackalloc byte[4 + 4 * meterBank.Count];
        meterBank.WriteBlob(_meterSnapshot, blob);
        Span<byte> address = stackalloc byte[12];
        "/meters/"u8.CopyTo(address);
        int end = 8;
        int number = meterBank.Number;
        if (number >= 10) address[end++] = (byte)('0' + number / 10);
        address[end++] = (byte)('0' + number % 10);
        var writer = new OscWriter(_bankPackets[bank]);
        writer.BeginMessage(address.Slice(0, end), "b"u8);
        writer.WriteBlob(blob);
        return writer.TryComplete(out int length) ? length : 0;
    }

    // Writes each due X32 subscription into the value buffer and sends it; reads meters at most once a step.
    private struct DueValueSender(OscServer server) : ValueSubscriptions.IDueSender
    {
        private bool _metersRead;

        public void Send(int link, in OscPeer peer, ReadOnlySpan<byte> address, SubscriptionForm form, ReadOnlySpan<int> indices, int bank)
        {
            byte[] buffer = server._valueBuffer;
            int length;
            switch (form)
            {
                case SubscriptionForm.Value:
                    if (!ParameterMessage.TryWrite(server._store, indices[0], address, buffer, out length)) return;
                    break;
                case SubscriptionForm.Values:
                    length = WriteValues(server._store, address, indices, buffer);
                    break;
                default:
                    if (!_metersRead)
                    {
                        server._meters.TryReadLatest(server._meterSnapshot);
                        _metersRead = true;
                    }

                    MeterBank meterBank = server._banks[bank]!;
                    Span<byte> blob = stackalloc byte[4 + 4 * meterBank.Count];
                    meterBank.WriteBlob(server._meterSnapshot, blob);
                    var writer = new OscWriter(buffer);
                    writer.BeginMessage(address, "b"u8);
                    writer.WriteBlob(blob);
                    if (!writer.TryComplete(out length)) return;
                    break;
            }

            if (length > 0 && server._links.Send(link, buffer.AsSpan(0, length), peer))
            {
                server.Counters.AddEchoes(1);
            }
        }

        // One blob of little-endian 4-byte values: floats as their 0..1 wire value, everything else as an int.
        private static int WriteValues(ParameterStore store, ReadOnlySpan<byte> address, ReadOnlySpan<int> indices, byte[] buffer)
        {
            Span<byte> blob = stackalloc byte[4 * indices.Length];
            for (int i = 0; i < indices.Length; i++)
            {
                Span<byte> slot = blob.Slice(4 * i, 4);
                switch (store.Table[indices[i]].Spec.WireTypeTag)
                {
                    case 'f':
                        BinaryPrimitives.WriteSingleLittleEndian(slot, store.GetNormalized(indices[i]));
                        break;
                    case 'i':
                        BinaryPrimitives.WriteInt32LittleEndian(slot, (int)store.GetReal(indices[i]));
                        break;
                    default:
                        slot.Clear();
                        break;
                }
            }

            var writer = new OscWriter(buffer);
            writer.BeginMessage(address, "b"u8);
            writer.WriteBlob(blob);
            return writer.TryComplete(out int length) ? length : 0;
        }
    }
}
