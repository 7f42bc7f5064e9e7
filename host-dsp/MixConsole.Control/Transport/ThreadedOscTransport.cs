namespace MixConsole.Control.Transport;

/// <summary>
/// What the UDP and serial transports share: one receive thread started once, a handler whose exceptions are
/// counted and logged but never end the loop, a count of failed sends, and a stop that happens once.
/// </summary>
public abstract class ThreadedOscTransport : IOscTransport
{
    private readonly string _threadName;
    private readonly Action<string>? _log;
    private Thread? _thread;
    private volatile bool _stopping;
    private int _stopRequested;
    private long _sendFailures;
    private long _handlerFaults;
    private long _lastFaultLog = long.MinValue;
    private long _unloggedFaults;

    /// <summary>Shortest time between two fault lines: a stream of faulting packets must not flood the log (nor make garbage).</summary>
    public static TimeSpan FaultLogInterval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Prepares the shared state; the receive thread is named <paramref name="threadName"/>.</summary>
    /// <param name="threadName">Name of the receive thread, e.g. "osc-udp-receive".</param>
    /// <param name="log">Receives one line per unexpected fault; never called per packet in normal use.</param>
    protected ThreadedOscTransport(string threadName, Action<string>? log)
    {
        ArgumentException.ThrowIfNullOrEmpty(threadName);
        _threadName = threadName;
        _log = log;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>Sends that failed (unreachable, too large, line stalled, closed).</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Exceptions thrown by the handler (caught, logged, the loop carries on).</summary>
    public long HandlerFaults => Interlocked.Read(ref _handlerFaults);

    /// <summary>True once <see cref="IDisposable.Dispose"/> has begun: the receive loop ends, sends are refused.</summary>
    protected bool IsStopping => _stopping;

    /// <inheritdoc/>
    public void Start(OscPacketHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_thread is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        _thread = new Thread(() => ReceiveLoop(handler)) { IsBackground = true, Name = _threadName };
        _thread.Start();
    }

    /// <inheritdoc/>
    public abstract bool Send(ReadOnlySpan<byte> packet, in OscPeer destination);

    /// <inheritdoc/>
    public abstract void Dispose();

    /// <summary>Runs on the receive thread until <see cref="IsStopping"/>; hands each packet to <see cref="Deliver"/>.</summary>
    protected abstract void ReceiveLoop(OscPacketHandler handler);

    /// <summary>Hands one packet to the handler; an exception from it is counted and logged, never thrown.</summary>
    protected void Deliver(OscPacketHandler handler, ReadOnlySpan<byte> packet, in OscPeer sender)
    {
        try
        {
            handler(packet, in sender);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _handlerFaults);
            if (TryTakeFaultLogTurn(out long unlogged))
            {
                Log($"osc: handler fault from {sender}: {e.GetType().Name}: {e.Message}{UnloggedNote(unlogged)}");
            }
        }
    }

    /// <summary>Counts one failed send.</summary>
    protected void CountSendFailure() => Interlocked.Increment(ref _sendFailures);

    /// <summary>Writes one line to the log, if there is one.</summary>
    protected void Log(string line) => _log?.Invoke(line);

    /// <summary>
    /// True when a fault may be logged now (at most one line per <see cref="FaultLogInterval"/>); otherwise the fault
    /// is only counted. <paramref name="unlogged"/> says how many were counted without a line since the last one.
    /// Build the line only after a true answer.
    /// </summary>
    protected bool TryTakeFaultLogTurn(out long unlogged)
    {
        unlogged = 0;
        if (_log is null)
        {
            return false;
        }

        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastFaultLog);
        if ((last != long.MinValue && now - last < (long)FaultLogInterval.TotalMilliseconds) ||
            Interlocked.CompareExchange(ref _lastFaultLog, now, last) != last)
        {
            Interlocked.Increment(ref _unloggedFaults);
            return false;
        }

        unlogged = Interlocked.Exchange(ref _unloggedFaults, 0);
        return true;
    }

    /// <summary>"; 12 more not logged" when faults went unlogged, else nothing.</summary>
    protected static string UnloggedNote(long unlogged) => unlogged > 0 ? $"; {unlogged} more since the last line, not logged" : "";

    /// <summary>Marks the transport stopping; true only for the first call, so a dispose runs once.</summary>
    protected bool TryBeginStop()
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) != 0)
        {
            return false;
        }

        _stopping = true;
        return true;
    }

    /// <summary>True once the receive thread has ended (or never started).</summary>
    internal bool ReceiveThreadEnded => _thread is not { IsAlive: true };

    /// <summary>Waits (up to 2 s) for the receive thread to see <see cref="IsStopping"/> and end.</summary>
    protected void WaitForReceiveThread() => _thread?.Join(TimeSpan.FromSeconds(2));
}
