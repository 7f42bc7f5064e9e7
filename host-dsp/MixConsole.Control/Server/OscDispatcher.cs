using System.Text;
using MixConsole.Control.Meters;
using MixConsole.Control.Osc;
using MixConsole.Control.Security;
using MixConsole.Control.Transport;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Server;

/// <summary>
/// Acts on received packets: validates the whole packet first (an invalid packet changes nothing), passes
/// every message through access control, holds future-dated bundle messages for later, and answers, sets,
/// subscribes or streams. Called on the transports' receive threads; every shared structure it touches is
/// thread-safe, and a parameter set is only a store write; a packet's sets form one store batch, so the
/// console compiler hands a bundle to the audio thread whole.
/// </summary>
internal sealed class OscDispatcher
{
    private const int ReplyBufferBytes = 8192;
    private const int MaxFactor = 100;

    [ThreadStatic]
    private static byte[]? t_reply;

    [ThreadStatic]
    private static char[]? t_nodeText;

    private readonly ParameterStore _store;
    private readonly ParameterTable _table;
    private readonly OscServerOptions _options;
    private readonly AccessController? _access;
    private readonly SubscriptionRegistry _subscribers;
    private readonly SubscriptionRegistry _meterStreams;
    private readonly ValueSubscriptions _values;
    private readonly ScheduledMessageQueue _scheduled;
    private readonly ChangeOrigins _origins;
    private readonly OscServerCounters _counters;
    private readonly OscLinks _links;
    private readonly TimeProvider _time;
    private readonly Action<string>? _log;
    private readonly byte[][] _paths;
    private readonly int _nameIndex;
    private readonly ConsoleIdentity _identity;
    private long _lastLimitLog = long.MinValue;

    public OscDispatcher(
        ParameterStore store,
        OscServerOptions options,
        AccessController? access,
        SubscriptionRegistry subscribers,
        SubscriptionRegistry meterStreams,
        ValueSubscriptions values,
        ScheduledMessageQueue scheduled,
        ChangeOrigins origins,
        OscServerCounters counters,
        OscLinks links,
        TimeProvider time,
        Action<string>? log)
    {
        _store = store;
        _table = store.Table;
        _options = options;
        _access = access;
        _subscribers = subscribers;
        _meterStreams = meterStreams;
        _values = values;
        _scheduled = scheduled;
        _origins = origins;
        _counters = counters;
        _links = links;
        _time = time;
        _log = log;
        _paths = new byte[_table.Count][];
        for (int i = 0; i < _paths.Length; i++)
        {
            _paths[i] = Encoding.ASCII.GetBytes(_table[i].Path);
        }

        _nameIndex = _table.TryGetIndex("/config/name", out int name) ? name : -1;
        _identity = options.Identity ?? ConsoleIdentity.Own(options.Version);
    }

    /// <summary>The meter banks this console serves, by number; null where a number is undefined here.</summary>
    public MeterBank?[] MeterBanks { get; set; } = [];

    /// <summary>Commands beyond the parameter table (scene slots, master loudness), asked in turn; empty when none.</summary>
    public IOscCommandHandler[] Commands { get; set; } = [];

    /// <summary>Every parameter path as ASCII bytes, by index (shared with the echo path).</summary>
    public byte[][] Paths => _paths;

    public void HandlePacket(ReadOnlySpan<byte> packet, in OscPeer sender, int link)
    {
        _counters.AddPacket();
        var visitor = new Visitor(this, link, sender);
        OscParseError error;
        // A packet (a bundle above all) is one batch: the audio hears all of its changes in one block or none yet.
        using (_store.BeginBatch())
        {
            error = OscPacket.Visit(packet, ref visitor);
        }

        if (error == OscParseError.None)
        {
            return;
        }

        _counters.AddMalformedPacket();
        if (_access is not null && _access.Check(in sender, AccessIntent.Read) == RefusalReason.None)
        {
            _access.Refuse(in sender, RefusalReason.Malformed);
        }
    }

    /// <summary>Runs a held message whose time has come (it passed access control when it arrived).</summary>
    public void ExecuteScheduled(ReadOnlySpan<byte> packet, int link, in OscPeer sender)
    {
        if (OscMessage.TryParse(packet, out OscMessage message, out _))
        {
            Execute(in message, link, in sender);
        }
    }

    private void OnMessage(in OscMessage message, OscTimeTag timeTag, int link, in OscPeer sender, ref bool stop)
    {
        _counters.AddMessage();
        if (_access is not null)
        {
            RefusalReason reason = _access.Check(in sender, IntentOf(in message));
            if (reason != RefusalReason.None)
            {
                _counters.AddRefusedMessage();

                // A sender outside the allowlist gets nothing more looked at in this packet.
                stop = reason == RefusalReason.NotAllowed;
                return;
            }
        }

        if (!timeTag.IsImmediate && TrySchedule(in message, timeTag, link, in sender))
        {
            return;
        }

        Execute(in message, link, in sender);
    }

    private static AccessIntent IntentOf(in OscMessage message)
    {
        ReadOnlySpan<byte> address = message.Address;
        if (address.StartsWith("/auth/"u8))
        {
            return AccessIntent.Pairing;
        }

        if (message.ArgumentCount == 0 || IsCommand(address))
        {
            return AccessIntent.Read;
        }

        return AccessIntent.Write;
    }

    private static bool IsCommand(ReadOnlySpan<byte> address) =>
        address.SequenceEqual("/xremote"u8) || address.SequenceEqual("/subscribe"u8) || address.SequenceEqual("/renew"u8) ||
        address.SequenceEqual("/unsubscribe"u8) || address.SequenceEqual("/batchsubscribe"u8) || address.SequenceEqual("/formatsubscribe"u8) || address.SequenceEqual("/info"u8) || address.SequenceEqual("/xinfo"u8) ||
        address.SequenceEqual("/status"u8) || address.SequenceEqual("/showdump"u8) ||
        address.SequenceEqual("/node"u8) || address.SequenceEqual("/meters"u8) || address.StartsWith("/meters/"u8);

    // True when the message was dealt with here (held, or refused as unschedulable); false when it is due now.
    private bool TrySchedule(in OscMessage message, OscTimeTag timeTag, int link, in OscPeer sender)
    {
        TimeSpan ahead = timeTag.ToDateTimeOffset() - _time.GetUtcNow();
        if (ahead <= TimeSpan.Zero)
        {
            return false;
        }

        long due = _time.GetTimestamp() + (long)(ahead.TotalSeconds * _time.TimestampFrequency);
        if (ahead > _options.MaxScheduleAhead || !_scheduled.TryAdd(due, link, in sender, message.Packet))
        {
            _counters.AddScheduleRefusal();
            return true;
        }

        _counters.AddScheduledMessage();
        return true;
    }

    private void Execute(in OscMessage message, int link, in OscPeer sender)
    {
        ReadOnlySpan<byte> address = message.Address;
        if (address.SequenceEqual("/xremote"u8))
        {
            SubscribeResult result = _subscribers.Subscribe(link, in sender);
            if (result == SubscribeResult.Full)
            {
                RefuseForLimit(in sender, "/xremote", _subscribers.Capacity);
            }
        }
        else if (address.SequenceEqual("/subscribe"u8))
        {
            SubscribeValue(in message, link, in sender);
        }
        else if (address.SequenceEqual("/formatsubscribe"u8) || address.SequenceEqual("/batchsubscribe"u8))
        {
            SubscribeBatch(in message, link, in sender);
        }
        else if (address.SequenceEqual("/renew"u8))
        {
            Renew(in message, link, in sender);
        }
        else if (address.SequenceEqual("/unsubscribe"u8))
        {
            Unsubscribe(in message, link, in sender);
        }
        else if (address.SequenceEqual("/info"u8))
        {
            ReplyStrings(link, in sender, "/info"u8, _identity.ServerVersion, _identity.ServerName ?? ConsoleName(), _identity.Model, _identity.FirmwareVersion);
        }
        else if (address.SequenceEqual("/xinfo"u8))
        {
            ReplyStrings(link, in sender, "/xinfo"u8, _options.AdvertisedAddress, ConsoleName(), _identity.Model, _identity.FirmwareVersion);
        }
        else if (address.SequenceEqual("/status"u8))
        {
            // An X32 says three strings; under its own name the console adds what it must say loudly (a damaged or unusable store).
            string? note = _options.Identity is null ? _options.StatusNote?.Invoke() : null;
            ReplyStrings(link, in sender, "/status"u8, "active", _options.AdvertisedAddress, ConsoleName(), note);
        }
        else if (address.SequenceEqual("/node"u8))
        {
            ReplyNode(in message, link, in sender);
        }
        else if (address.SequenceEqual("/showdump"u8))
        {
            ReplyShowDump(link, in sender);
        }
        else if (address.SequenceEqual("/meters"u8) || address.StartsWith("/meters/"u8))
        {
            RequestMeters(in message, link, in sender);
        }
        else if (address.StartsWith("/auth/"u8) && _access?.Pairing is { } pairing)
        {
            Span<byte> reply = ReplyBuffer();
            if (pairing.TryHandle(in message, in sender, reply, out int length, out PairingResult verdict))
            {
                if (message.AddressEquals(PairingAuthenticator.ResponseAddress) && verdict != PairingResult.Paired)
                {
                    _access.Refuse(in sender, RefusalReason.PairingFailed);
                }

                Reply(link, in sender, reply.Slice(0, length));
            }
            else
            {
                _counters.AddUnknownAddress();
            }
        }
        else
        {
            ParameterMessageArrived(in message, link, in sender);
        }
    }

    private void ParameterMessageArrived(in OscMessage message, int link, in OscPeer sender)
    {
        ReadOnlySpan<byte> address = message.Address;
        int replies = _options.MaxRepliesPerQuery;
        if (_table.TryGetIndexUtf8(address, out int index))
        {
            SetOrAnswer(index, in message, link, in sender, ref replies);
            return;
        }

        if (!OscAddressPattern.HasWildcards(address))
        {
            Span<byte> reply = ReplyBuffer();
            foreach (IOscCommandHandler commands in Commands)
            {
                if (!commands.TryHandle(in message, reply, out int length)) continue;
                if (length > 0) Reply(link, in sender, reply.Slice(0, length));
                return;
            }

            _counters.AddUnknownAddress();
            return;
        }

        // Paths not starting with the pattern's literal head ("/ch/" of "/ch/*/mix/on") cannot match.
        ReadOnlySpan<byte> head = address.Slice(0, address.IndexOfAny("*?[{"u8));
        bool matched = false;
        for (int i = 0; i < _paths.Length; i++)
        {
            if (_paths[i].AsSpan().StartsWith(head) && OscAddressPattern.IsMatch(address, _paths[i]))
            {
                matched = true;
                SetOrAnswer(i, in message, link, in sender, ref replies);
            }
        }

        if (!matched)
        {
            _counters.AddUnknownAddress();
        }
    }

    private void SetOrAnswer(int index, in OscMessage message, int link, in OscPeer sender, ref int replies)
    {
        if (message.ArgumentCount == 0)
        {
            if (replies-- > 0)
            {
                Span<byte> reply = ReplyBuffer();
                if (ParameterMessage.TryWrite(_store, index, _paths[index], reply, out int length))
                {
                    Reply(link, in sender, reply.Slice(0, length));
                }
            }

            return;
        }

        if (message.ArgumentCount == 1 && TrySet(index, in message, link, in sender))
        {
            _counters.AddParameterSet();
        }
        else
        {
            _counters.AddRejectedValue();
        }
    }

    private bool TrySet(int index, in OscMessage message, int link, in OscPeer sender)
    {
        if (X32EffectTypes.TryGetParameterSpec(_store, index, out var typed)) return SetEffectParameter(index, typed, in message, link, in sender);
        float before = _store.GetReal(index);
        if (!TrySetValue(index, in message, link, in sender)) return false;
        X32EffectTypes.LoadDefaultsOnTypeChange(_store, index, before);
        return true;
    }

    // An effect par: the X32's float snapped to its slot type's grid, or a position (int or label) on that grid.
    private bool SetEffectParameter(int index, ParameterSpec typed, in OscMessage message, int link, in OscPeer sender)
    {
        float normalized;
        switch (message.GetArgumentType(0))
        {
            case OscType.Float32 when message.TryGetFloat32(0, out float f) && f >= 0 && f <= 1:
                normalized = typed.ToNormalized(typed.FromNormalized(f));
                break;
            case OscType.Int32 when message.TryGetInt32(0, out int i) && i >= 0 && i < typed.StepCount:
                normalized = typed.NormalizedAt(i);
                break;
            case OscType.String:
                Span<char> label = stackalloc char[32];
                if (!message.TryGetString(0, label, out int chars) || !typed.TryGetLabelIndex(label.Slice(0, chars), out int position)) return false;
                normalized = typed.NormalizedAt(position);
                break;
            default:
                return false;
        }

        return SetNormalized(index, _table[index].Spec, normalized, link, in sender);
    }

    private bool TrySetValue(int index, in OscMessage message, int link, in OscPeer sender)
    {
        ParameterSpec spec = _table[index].Spec;
        switch (message.GetArgumentType(0))
        {
            case OscType.Float32:
                return message.TryGetFloat32(0, out float f) && SetNormalized(index, spec, f, link, in sender);
            case OscType.Float64:
                return message.TryGetFloat64(0, out double d) && SetNormalized(index, spec, (float)d, link, in sender);
            case OscType.Int32:
                return message.TryGetInt32(0, out int i) && SetInt(index, spec, i, link, in sender);
            case OscType.Int64:
                return message.TryGetInt64(0, out long h) && h is >= int.MinValue and <= int.MaxValue &&
                       SetInt(index, spec, (int)h, link, in sender);
            case OscType.True:
            case OscType.False:
                return spec.Kind == ParameterKind.Bool && message.TryGetBoolean(0, out bool on) &&
                       SetInt(index, spec, on ? 1 : 0, link, in sender);
            case OscType.String:
                return SetFromString(index, spec, in message, link, in sender);
            default:
                return false;
        }
    }

    private bool SetNormalized(int index, ParameterSpec spec, float normalized, int link, in OscPeer sender)
    {
        if (!_store.TrySetNormalized(index, normalized))
        {
            return false;
        }

        _origins.Record(index, link, in sender, spec.FromNormalized(normalized));
        return true;
    }

    private bool SetInt(int index, ParameterSpec spec, int value, int link, in OscPeer sender)
    {
        if (!_store.TrySetInt(index, value))
        {
            return false;
        }

        _origins.Record(index, link, in sender, spec.Kind == ParameterKind.Float ? spec.RealAt(value) : spec.SnapReal(value));
        return true;
    }

    private bool SetFromString(int index, ParameterSpec spec, in OscMessage message, int link, in OscPeer sender)
    {
        if (spec.Kind == ParameterKind.String)
        {
            if (!message.TryGetString(0, out ReadOnlySpan<byte> utf8) || utf8.Length > spec.MaxLength ||
                utf8.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0)
            {
                return false;
            }

            // Names are rare and short: the string the store keeps is made here, once.
            string text = Encoding.ASCII.GetString(utf8);
            if (!_store.TrySetText(index, text))
            {
                return false;
            }

            _origins.RecordText(index, link, in sender, text);
            return true;
        }

        if (spec.Kind is not (ParameterKind.Enum or ParameterKind.Bool))
        {
            return false;
        }

        Span<char> label = stackalloc char[32];
        if (!message.TryGetString(0, label, out int chars) || !spec.TryGetLabelIndex(label.Slice(0, chars), out int position) ||
            !_store.TrySetLabel(index, label.Slice(0, chars)))
        {
            return false;
        }

        _origins.Record(index, link, in sender, position);
        return true;
    }

    private void ReplyNode(in OscMessage message, int link, in OscPeer sender)
    {
        if (message.ArgumentCount != 1 || !message.TryGetString(0, out ReadOnlySpan<byte> node) ||
            node.Length > 256 || node.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0)
        {
            _counters.AddRejectedValue();
            return;
        }

        if (!_table.TryGetNodeChildrenUtf8(node, out IReadOnlyList<int> children) && !TryGetFirstNodeBelow(node, out children))
        {
            _counters.AddUnknownAddress();
            return;
        }

        char[] line = t_nodeText ??= new char[ReplyBufferBytes / 2];
        if (!NodeText.TryFormat(_store, children, line, out int chars))
        {
            _counters.AddRejectedValue();
            return;
        }

        ReplyNodeLine(link, in sender, line.AsSpan(0, chars));
    }

    // "/showdump": the show as node lines, the X32's header first (show name, ten counters, firmware), then each
    // handler's (the scene slots). Rare, so it may allocate.
    private void ReplyShowDump(int link, in OscPeer sender)
    {
        ReplyNodeLine(link, in sender, ("/-show/showfile/show \"\" 0 0 0 0 0 0 0 0 0 0 \"V" + _identity.FirmwareVersion + "\"\n").AsSpan());
        foreach (IOscCommandHandler commands in Commands)
        {
            foreach (string line in commands.ShowDumpLines())
            {
                ReplyNodeLine(link, in sender, line.AsSpan());
            }
        }
    }

    private void ReplyNodeLine(int link, in OscPeer sender, ReadOnlySpan<char> line)
    {
        Span<byte> reply = ReplyBuffer();
        var writer = new OscWriter(reply);
        writer.BeginMessage("/node"u8, "s"u8);
        writer.WriteString(line);
        if (writer.TryComplete(out int length))
        {
            Reply(link, in sender, reply.Slice(0, length));
        }
    }

    // A node with no leaf of its own ("ch/01", "config", "/") answers as the X32 does: the line of the first node below it.
    private bool TryGetFirstNodeBelow(ReadOnlySpan<byte> node, out IReadOnlyList<int> children)
    {
        children = [];
        if (!node.IsEmpty && node[0] == (byte)'/') node = node.Slice(1);
        if (!node.IsEmpty && node[^1] == (byte)'/') node = node[..^1];
        foreach (byte[] path in _paths)
        {
            // "/" + node + "/" begins the path (every path, for the root).
            if (node.IsEmpty || (path.Length > node.Length + 2 && path.AsSpan(1).StartsWith(node) && path[node.Length + 1] == (byte)'/'))
            {
                int leaf = path.AsSpan().LastIndexOf((byte)'/');
                return _table.TryGetNodeChildrenUtf8(path.AsSpan(0, leaf), out children);
            }
        }

        return false;
    }

    // "/subscribe ,s path [,i factor]": the value itself, every 50 ms x factor, for 10 s.
    private void SubscribeValue(in OscMessage message, int link, in OscPeer sender)
    {
        if (message.ArgumentCount is < 1 or > 2 || !message.TryGetString(0, out ReadOnlySpan<byte> path) ||
            !TryGetFactor(in message, 1, out int factor))
        {
            _counters.AddRejectedValue();
            return;
        }

        if (!_table.TryGetIndexUtf8(path, out int index))
        {
            _counters.AddUnknownAddress();
            return;
        }

        Span<int> one = [index];
        if (!_values.Subscribe(link, in sender, _paths[index], SubscriptionForm.Value, one, -1, _options.MeterInterval * factor))
        {
            RefuseForLimit(in sender, "/subscribe", _options.MaxSubscribers);
        }
    }

    // "/formatsubscribe ,ss..siii alias path.. first last factor": every path with "**" replaced by first..last, one blob.
    // "/batchsubscribe ,ssiii alias path a b factor": a meter bank (or one parameter) under the alias.
    private void SubscribeBatch(in OscMessage message, int link, in OscPeer sender)
    {
        int count = message.ArgumentCount;
        if (count < 5 || !message.TryGetString(0, out ReadOnlySpan<byte> alias) || alias.Length > ValueSubscriptions.MaxAddressBytes ||
            alias.IsEmpty || alias[0] != (byte)'/' || !message.TryGetInt32(count - 3, out int first) ||
            !message.TryGetInt32(count - 2, out int last) || !TryGetFactor(in message, count - 1, out int factor))
        {
            _counters.AddRejectedValue();
            return;
        }

        TimeSpan interval = _options.MeterInterval * factor;
        bool added;
        if (count == 5 && message.TryGetString(1, out ReadOnlySpan<byte> bankPath) && TryParseBank(bankPath, out int bank))
        {
            // a and b choose the strips of banks 5 and 6, as in /meters.
            bank = MeterBank.Topic(bank, first, bank == 5 ? Math.Max(last, 1) : 0);
            if (bank < 0)
            {
                _counters.AddRejectedValue();
                return;
            }

            added = _values.Subscribe(link, in sender, alias, SubscriptionForm.Meters, [], bank, interval);
        }
        else
        {
            Span<int> indices = stackalloc int[ValueSubscriptions.MaxIndices];
            int found = 0;
            for (int a = 1; a < count - 3; a++)
            {
                if (!message.TryGetString(a, out ReadOnlySpan<byte> pattern) || !TryExpand(pattern, first, last, indices, ref found))
                {
                    _counters.AddUnknownAddress();
                    return;
                }
            }

            added = _values.Subscribe(link, in sender, alias, SubscriptionForm.Values, indices.Slice(0, found), -1, interval);
        }

        if (!added)
        {
            RefuseForLimit(in sender, "/formatsubscribe", _options.MaxSubscribers);
        }
    }

    // "/ch/**/mix/fader" 1..4 is /ch/01/mix/fader../ch/04/mix/fader; "**" takes the width the table uses (01 or 1).
    private bool TryExpand(ReadOnlySpan<byte> pattern, int first, int last, Span<int> indices, ref int found)
    {
        int star = pattern.IndexOf("**"u8);
        if (star < 0)
        {
            if (found == indices.Length || !_table.TryGetIndexUtf8(pattern, out indices[found]))
            {
                return false;
            }

            found++;
            return true;
        }

        if (first < 0 || last < first || last > 999)
        {
            return false;
        }

        Span<byte> path = stackalloc byte[pattern.Length + 1];
        ReadOnlySpan<byte> tail = pattern.Slice(star + 2);
        pattern.Slice(0, star).CopyTo(path);
        for (int n = first; n <= last; n++)
        {
            if (found == indices.Length)
            {
                return false;
            }

            int digits = WriteNumber(path.Slice(star), n, 2);
            tail.CopyTo(path.Slice(star + digits));
            if (!_table.TryGetIndexUtf8(path.Slice(0, star + digits + tail.Length), out indices[found]))
            {
                digits = WriteNumber(path.Slice(star), n, 1);
                tail.CopyTo(path.Slice(star + digits));
                if (!_table.TryGetIndexUtf8(path.Slice(0, star + digits + tail.Length), out indices[found]))
                {
                    return false;
                }
            }

            found++;
        }

        return true;
    }

    private static int WriteNumber(Span<byte> destination, int n, int minDigits)
    {
        int digits = n >= 100 ? 3 : n >= 10 || minDigits == 2 ? 2 : 1;
        for (int d = digits - 1; d >= 0; d--)
        {
            destination[d] = (byte)('0' + n % 10);
            n /= 10;
        }

        return digits;
    }

    // "/renew [,s alias]": another 10 s for that subscription, or for every one of the client's.
    private void Renew(in OscMessage message, int link, in OscPeer sender)
    {
        if (!TryGetAlias(in message, out ReadOnlySpan<byte> alias))
        {
            return;
        }

        _values.Renew(link, in sender, alias);
        if (alias.IsEmpty)
        {
            _subscribers.Renew(link, in sender);
            _meterStreams.Renew(link, in sender);
        }
    }

    // "/unsubscribe [,s alias]": ends that subscription, or everything the client receives (/xremote and meters too).
    private void Unsubscribe(in OscMessage message, int link, in OscPeer sender)
    {
        if (!TryGetAlias(in message, out ReadOnlySpan<byte> alias))
        {
            return;
        }

        _values.Unsubscribe(link, in sender, alias);
        if (alias.IsEmpty || alias.SequenceEqual("/xremote"u8))
        {
            _subscribers.Unsubscribe(link, in sender);
        }

        for (int bank = 0; bank < MeterBanks.Length; bank++)
        {
            if (alias.IsEmpty || (TryParseBank(alias, out int named) && MeterBanks[bank]?.Number == named))
            {
                _meterStreams.Unsubscribe(link, in sender, bank);
            }
        }
    }

    // The optional alias of /renew and /unsubscribe (empty: all of the client's); false, counted, when it is not a string.
    private bool TryGetAlias(in OscMessage message, out ReadOnlySpan<byte> alias)
    {
        alias = default;
        if (message.ArgumentCount == 0 || message.TryGetString(0, out alias))
        {
            return true;
        }

        _counters.AddRejectedValue();
        return false;
    }

    // The X32's time factor: sends every 50 ms x factor; 0 and 1 both mean every 50 ms.
    private static bool TryGetFactor(in OscMessage message, int argument, out int factor)
    {
        factor = 1;
        if (argument >= message.ArgumentCount)
        {
            return true;
        }

        if (!message.TryGetInt32(argument, out factor))
        {
            return false;
        }

        factor = Math.Clamp(factor, 1, MaxFactor);
        return true;
    }

    // "/meters/N [,i factor]" or X32's "/meters ,s /meters/N [,i ...]" (the last int is the time factor).
    private void RequestMeters(in OscMessage message, int link, in OscPeer sender)
    {
        ReadOnlySpan<byte> bankAddress = message.Address;
        int firstInt = 0;
        if (bankAddress.SequenceEqual("/meters"u8))
        {
            if (!message.TryGetString(0, out bankAddress))
            {
                _counters.AddRejectedValue();
                return;
            }

            firstInt = 1;
        }

        if (!TryParseBank(bankAddress, out int bank))
        {
            _counters.AddUnknownAddress();
            return;
        }

        // Banks 5 and 6 take their strip selection first; the int after it, if any, is the time factor.
        Span<int> choice = [0, bank == 5 ? 1 : 0];
        int arguments = MeterBank.ArgumentCount(bank), factor = 1;
        for (int a = firstInt; a < message.ArgumentCount; a++)
        {
            int n = a - firstInt;
            if (!message.TryGetInt32(a, out int value))
            {
                _counters.AddRejectedValue();
                return;
            }

            if (n < arguments) choice[n] = value;
            else factor = value;
        }

        bank = MeterBank.Topic(bank, choice[0], choice[1]);
        if (bank < 0)
        {
            _counters.AddRejectedValue();
            return;
        }

        factor = Math.Clamp(factor, 1, MaxFactor);
        SubscribeResult result = _meterStreams.Subscribe(link, in sender, bank, _options.MeterInterval * factor);
        if (result == SubscribeResult.Full)
        {
            RefuseForLimit(in sender, "/meters", _meterStreams.Capacity);
        }
    }

    private bool TryParseBank(ReadOnlySpan<byte> address, out int bank)
    {
        bank = -1;
        if (!address.StartsWith("/meters/"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> digits = address.Slice(8);
        if (digits.IsEmpty || digits.Length > 2 || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        int n = 0;
        foreach (byte digit in digits)
        {
            n = n * 10 + (digit - '0');
        }

        if (n >= MeterBank.BankCount || n >= MeterBanks.Length || MeterBanks[n] is null)
        {
            return false;
        }

        bank = n;
        return true;
    }

    private string ConsoleName()
    {
        string name = _nameIndex >= 0 ? _store.GetText(_nameIndex) : "";
        return name.Length > 0 ? name : _options.ServerName;
    }

    private void ReplyStrings(int link, in OscPeer sender, ReadOnlySpan<byte> address, string a, string b, string c, string? d)
    {
        Span<byte> reply = ReplyBuffer();
        var writer = new OscWriter(reply);
        writer.BeginMessage(address, d is null ? "sss"u8 : "ssss"u8);
        writer.WriteString(a.AsSpan());
        writer.WriteString(b.AsSpan());
        writer.WriteString(c.AsSpan());
        if (d is not null)
        {
            writer.WriteString(d.AsSpan());
        }

        if (writer.TryComplete(out int length))
        {
            Reply(link, in sender, reply.Slice(0, length));
        }
    }

    private void Reply(int link, in OscPeer sender, ReadOnlySpan<byte> packet)
    {
        if (_links.Send(link, packet, in sender))
        {
            _counters.AddQueryAnswered();
        }
    }

    private void RefuseForLimit(in OscPeer sender, string what, int capacity)
    {
        _counters.AddSubscriberLimitRefusal();
        long now = _time.GetTimestamp();
        long last = Interlocked.Read(ref _lastLimitLog);

        // One line a minute at most: a full registry under a reconnect storm must not flood the log.
        if (_log is not null && (last == long.MinValue || _time.GetElapsedTime(last, now) >= TimeSpan.FromMinutes(1)) &&
            Interlocked.CompareExchange(ref _lastLimitLog, now, last) == last)
        {
            _log($"osc: {what} from {sender} refused: {capacity} subscriptions already (raise --max-subscribers)");
        }
    }

    private static Span<byte> ReplyBuffer() => t_reply ??= new byte[ReplyBufferBytes];

    private struct Visitor(OscDispatcher owner, int link, OscPeer sender) : IOscMessageVisitor
    {
        private readonly OscPeer _sender = sender;
        private bool _stopped;

        public void OnMessage(in OscMessage message, OscTimeTag timeTag)
        {
            if (!_stopped)
            {
                owner.OnMessage(in message, timeTag, link, in _sender, ref _stopped);
            }
        }
    }
}
