namespace MixConsole.Control.Server;

/// <summary>What an <see cref="OscServer"/> has done so far; every counter only grows. Safe to read from any thread.</summary>
public sealed class OscServerCounters
{
    private long _packets;
    private long _malformedPackets;
    private long _messages;
    private long _refusedMessages;
    private long _parametersSet;
    private long _rejectedValues;
    private long _unknownAddresses;
    private long _queriesAnswered;
    private long _echoesSent;
    private long _meterPacketsSent;
    private long _scheduledMessages;
    private long _scheduleRefusals;
    private long _subscriberLimitRefusals;
    private long _sendFailures;
    private long _handlerFaults;

    /// <summary>Packets handed to the dispatcher.</summary>
    public long Packets => Interlocked.Read(ref _packets);

    /// <summary>Packets that failed OSC validation (nothing in them was acted on).</summary>
    public long MalformedPackets => Interlocked.Read(ref _malformedPackets);

    /// <summary>Messages in valid packets.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Messages refused by access control (allowlist, rate limit, pairing).</summary>
    public long RefusedMessages => Interlocked.Read(ref _refusedMessages);

    /// <summary>Parameter sets accepted by the store (including ones that left the value as it was).</summary>
    public long ParametersSet => Interlocked.Read(ref _parametersSet);

    /// <summary>Sets whose value the parameter refused (out of range, wrong type, unknown label, extra arguments).</summary>
    public long RejectedValues => Interlocked.Read(ref _rejectedValues);

    /// <summary>Messages to an address that is neither a parameter, a pattern matching one, nor a command.</summary>
    public long UnknownAddresses => Interlocked.Read(ref _unknownAddresses);

    /// <summary>Answers sent to queries (values, /info, /status, /node).</summary>
    public long QueriesAnswered => Interlocked.Read(ref _queriesAnswered);

    /// <summary>Change messages sent to subscribers.</summary>
    public long EchoesSent => Interlocked.Read(ref _echoesSent);

    /// <summary>Meter blobs sent.</summary>
    public long MeterPacketsSent => Interlocked.Read(ref _meterPacketsSent);

    /// <summary>Messages from future-dated bundles held for later.</summary>
    public long ScheduledMessages => Interlocked.Read(ref _scheduledMessages);

    /// <summary>Future-dated messages refused (queue full, too far ahead, too long).</summary>
    public long ScheduleRefusals => Interlocked.Read(ref _scheduleRefusals);

    /// <summary>Subscription or meter requests refused because the registry was full.</summary>
    public long SubscriberLimitRefusals => Interlocked.Read(ref _subscriberLimitRefusals);

    /// <summary>Replies, echoes or meters the transport could not send.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Unexpected exceptions caught in the control loop (logged; the loop carries on).</summary>
    public long HandlerFaults => Interlocked.Read(ref _handlerFaults);

    internal void AddPacket() => Interlocked.Increment(ref _packets);

    internal void AddMalformedPacket() => Interlocked.Increment(ref _malformedPackets);

    internal void AddMessage() => Interlocked.Increment(ref _messages);

    internal void AddRefusedMessage() => Interlocked.Increment(ref _refusedMessages);

    internal void AddParameterSet() => Interlocked.Increment(ref _parametersSet);

    internal void AddRejectedValue() => Interlocked.Increment(ref _rejectedValues);

    internal void AddUnknownAddress() => Interlocked.Increment(ref _unknownAddresses);

    internal void AddQueryAnswered() => Interlocked.Increment(ref _queriesAnswered);

    internal void AddEchoes(long count) => Interlocked.Add(ref _echoesSent, count);

    internal void AddMeterPacket() => Interlocked.Increment(ref _meterPacketsSent);

    internal void AddScheduledMessage() => Interlocked.Increment(ref _scheduledMessages);

    internal void AddScheduleRefusal() => Interlocked.Increment(ref _scheduleRefusals);

    internal void AddSubscriberLimitRefusal() => Interlocked.Increment(ref _subscriberLimitRefusals);

    internal void AddSendFailure() => Interlocked.Increment(ref _sendFailures);

    internal void AddHandlerFault() => Interlocked.Increment(ref _handlerFaults);
}
