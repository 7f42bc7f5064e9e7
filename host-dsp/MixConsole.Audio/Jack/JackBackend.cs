using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Realtime;

namespace MixConsole.Audio.Jack;

/// <summary>
/// JACK through libjack: one port per channel ("in_1".., "out_1"..), the server's process
/// callback drives the console (the server owns the clock, the period and the real-time
/// thread), xruns the server reports are counted. Works with jackd2 and PipeWire's JACK.
/// The sample rate and period are the server's: <see cref="AudioBackend.Open"/> fails with one line when
/// they differ from what was asked, so nothing runs at a rate nobody chose.
/// <para>The server may change its period while the console runs (<c>jack_bufsize</c>): JACK tells the client
/// on a non-real-time thread between two cycles; there the backend takes the cycle gate (a cycle that finds it
/// taken plays silence, it never waits), asks an <see cref="IResizableAudioCallback"/> to prepare for the new
/// length and grows its own buffers. A callback that cannot follow gets a longer period in pieces no longer than
/// it was prepared for: the sound goes on either way. JACK's process thread enters the runtime in the
/// thread-init callback, which JACK runs on that thread when it starts (during activation), so the first period
/// pays nothing for it.</para>
/// <para>Stopping never lets libjack cancel a thread that may be in managed code (jack_deactivate and
/// jack_client_close cancel the process and notification threads asynchronously; a thread cancelled inside the
/// runtime, or while it waits for a garbage collection, hangs or aborts the process): see <see cref="StopCore"/>.</para>
/// </summary>
public sealed unsafe class JackBackend : AudioBackend
{
    [ThreadStatic]
    private static bool t_enteredAtThreadInit;

    private IntPtr _client;
    private GCHandle _self;
    private IntPtr[] _inPorts = [];
    private IntPtr[] _outPorts = [];
    private int _activated;
    private int _ended;
    private int _gate; // 0 free, 1 a cycle runs, 2 held for a period change
    private int _leaving; // cycles that answered a stop request by asking JACK to end the process thread
    private int _notifying; // notification callbacks under way
    private int _serverGone;
    private int _processThreadEndedItself;
    private int _callbackFrames;
    private int _serverFrames;
    private int _processThreadId;
    private bool _attachedAtThreadInit;
    private string _server = "default";

    /// <inheritdoc />
    public override string Name => "jack";

    /// <summary>Full names of this client's ports, inputs then outputs (e.g. "mixconsole:in_1").</summary>
    public IReadOnlyList<string> PortNames { get; private set; } = [];

    /// <summary>The server's current period in frames (it follows <c>jack_bufsize</c>).</summary>
    public int ServerPeriodFrames => Volatile.Read(ref _serverFrames);

    /// <summary>The longest period the callback takes in one call (a longer server period reaches it in pieces).</summary>
    public int CallbackPeriodFrames => Volatile.Read(ref _callbackFrames);

    /// <summary>Managed id of the thread the periods run on (JACK's process thread; 0 before the first period).</summary>
    public int ProcessThreadId => Volatile.Read(ref _processThreadId);

    /// <summary>True when that thread had entered the runtime in JACK's thread-init callback, before its first period.</summary>
    public bool ProcessThreadAttachedAtInit => Volatile.Read(ref _processThreadId) != 0 && _attachedAtThreadInit;

    /// <summary>
    /// True once a stop has seen JACK's process thread end by itself after the callback answered the stop, so nothing
    /// was left for jack_deactivate to cancel (false before a stop, and with a libjack that keeps its thread).
    /// </summary>
    public bool ProcessThreadEndedItself => Volatile.Read(ref _processThreadEndedItself) != 0;

    /// <inheritdoc />
    protected override AudioFormatInfo OpenCore(AudioBackendOptions options)
    {
        _client = LibJack.Open(options.JackClientName, options.JackServerName, out string? error);
        if (_client == IntPtr.Zero) throw new AudioBackendException(error!);
        try
        {
            _server = options.JackServerName ?? Environment.GetEnvironmentVariable("JACK_DEFAULT_SERVER") ?? "default";
            int rate = (int)LibJack.jack_get_sample_rate(_client);
            int period = (int)LibJack.jack_get_buffer_size(_client);
            if (rate != options.SampleRateHz)
                throw new AudioBackendException($"JACK server '{_server}' runs at {rate} Hz, not {options.SampleRateHz} Hz (--rate {rate} to follow it)");
            if (period is < AudioBackendOptions.MinPeriodFrames or > AudioBackendOptions.MaxPeriodFrames)
                throw new AudioBackendException($"JACK server '{_server}' uses {period}-frame periods; the console takes {AudioBackendOptions.MinPeriodFrames}-{AudioBackendOptions.MaxPeriodFrames}");
            _inPorts = Register("in", options.ChannelsIn, LibJack.PortIsInput);
            _outPorts = Register("out", options.ChannelsOut, LibJack.PortIsOutput);
            PortNames = [.. _inPorts.Concat(_outPorts).Select(p => Marshal.PtrToStringUTF8(LibJack.jack_port_name(p)) ?? "")];
            _self = GCHandle.Alloc(this);
            IntPtr arg = GCHandle.ToIntPtr(_self);
            _serverFrames = period;
            _callbackFrames = period;
            LibJack.jack_set_thread_init_callback(_client, &OnThreadInit, arg);
            LibJack.jack_set_buffer_size_callback(_client, &OnBufferSize, arg);
            LibJack.jack_set_process_callback(_client, &OnProcess, arg);
            LibJack.jack_set_xrun_callback(_client, &OnXrun, arg);
            LibJack.jack_on_shutdown(_client, &OnShutdown, arg);
            // The server states its driver's latency on the physical ports: capture side plus playback side.
            (int capture, int playback) = PhysicalLatency();
            int periods = Math.Max(1, (capture + playback + period - 1) / period);
            return new AudioFormatInfo(Name, $"server '{_server}' as {options.JackClientName}", rate, period, periods,
                options.ChannelsIn, options.ChannelsOut, AudioSampleFormat.Float32, capture + playback,
                string.Create(CultureInfo.InvariantCulture, $"server-reported capture {capture} + playback {playback} frames, period {period}"), Linked: true);
        }
        catch
        {
            CloseCore();
            throw;
        }
    }

    /// <inheritdoc />
    protected override void StartCore(IAudioCallback callback)
    {
        // The server's period may have changed between Open and Start.
        FollowPeriod(Volatile.Read(ref _serverFrames));
        int rc = LibJack.jack_activate(_client);
        if (rc != 0) throw new AudioBackendException($"JACK server '{_server}' refused to activate the client (error {rc})");
        Volatile.Write(ref _activated, 1);
        Realtime = LibJack.jack_is_realtime(_client) != 0
            ? new RealtimeResult(true, 0, false, "real-time: JACK's process thread (the server runs real-time)")
            : new RealtimeResult(false, 0, false, "real-time: JACK server runs without real-time scheduling (jackd -R to ask for it)");
        if (Options.JackAutoConnect) Connect();
    }

    /// <summary>
    /// Stops without a thread cancellation landing in managed code. jack_deactivate cancels JACK's process thread
    /// (pthread_cancel, asynchronous); cancelled inside the callback, or while suspended for another thread's garbage
    /// collection, the thread dies with the runtime believing it still runs managed code, and the next collection
    /// waits for it forever. So the stop request is answered by the process callback itself: it returns non-zero,
    /// and JACK2 then deactivates the client from that thread and ends it with pthread_exit from libjack's own code,
    /// after the callback has returned. Once that thread has ended, jack_deactivate has nothing left to cancel.
    /// A libjack that keeps its thread (PipeWire's does not cancel it) or a server that no longer cycles falls back
    /// to a plain jack_deactivate.
    /// </summary>
    protected override void StopCore()
    {
        if (Interlocked.Exchange(ref _activated, 0) != 1) return;
        if (Volatile.Read(ref _serverGone) == 0) AwaitProcessThreadEnd();
        LibJack.jack_deactivate(_client);
    }

    private void AwaitProcessThreadEnd()
    {
        nuint thread = LibJack.jack_client_thread_id(_client);
        if (thread == 0) return;
        var patience = System.Diagnostics.Stopwatch.StartNew();
        // StopRequested is set: the next cycle answers (a server that stopped cycling never does).
        while (Volatile.Read(ref _leaving) == 0)
        {
            if (patience.Elapsed > HandOverPatience) return;
            Thread.Sleep(1);
        }

        // The cycle has returned non-zero; JACK2 now deactivates and exits that thread. Reaping it here (nothing in
        // libjack joins a thread that ended itself) also frees its stack. A second answering cycle means this libjack
        // keeps its thread: nothing to wait for.
        while (Volatile.Read(ref _leaving) == 1 && patience.Elapsed < HandOverPatience)
        {
            int joined = RealtimeLibC.pthread_tryjoin_np(thread, IntPtr.Zero);
            if (joined == 0) Volatile.Write(ref _processThreadEndedItself, 1);
            if (joined != RealtimeLibC.EBusy) return;
            Thread.Sleep(1);
        }
    }

    // For a stop to be answered or a gate to be had: long enough for a loaded machine to run one more cycle; a server
    // that has stopped cycling costs this once.
    private static readonly TimeSpan HandOverPatience = TimeSpan.FromSeconds(5);

    // The buffer-size notification: a non-real-time thread, between two cycles (the server stops its driver
    // around the change and waits for every client), so allocating here is allowed. In JACK2's asynchronous mode a
    // client's cycle can outlast the driver's: the gate makes the preparation and any cycle exclusive (a cycle that
    // finds it held plays silence, it never waits); a gate not had in time leaves the callback as it is, fed in pieces.
    private void BufferSizeChanged(int frames)
    {
        Volatile.Write(ref _serverFrames, frames);
        if (Callback is null || frames == Volatile.Read(ref _callbackFrames)) return;
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (Interlocked.CompareExchange(ref _gate, 2, 0) != 0)
        {
            if (patience.Elapsed > HandOverPatience) return;
            Thread.Sleep(1);
        }

        try
        {
            FollowPeriod(frames);
        }
        finally
        {
            Volatile.Write(ref _gate, 0);
        }
    }

    private void FollowPeriod(int frames)
    {
        if (frames == Volatile.Read(ref _callbackFrames) || frames <= 0 || Callback is not IResizableAudioCallback resizable) return;
        try
        {
            if (!resizable.TryPrepareForPeriod(frames)) return;
        }
        catch (Exception e)
        {
            // Half-prepared state must not run: end the stream with the reason rather than play it.
            Volatile.Write(ref _ended, 1);
            SignalEnd(new AudioBackendException($"JACK server '{_server}' changed its period to {frames} frames and the console could not follow: {e.Message}", e));
            return;
        }
        GrowBuffers(frames);
        Volatile.Write(ref _callbackFrames, frames);
    }

    /// <inheritdoc />
    protected override void CloseCore()
    {
        if (_client != IntPtr.Zero)
        {
            if (Interlocked.Exchange(ref _activated, 0) == 1) LibJack.jack_deactivate(_client);
            QuietNotifications();
            LibJack.Close(_client);
            _client = IntPtr.Zero;
        }
        if (_self.IsAllocated) _self.Free();
    }

    // jack_client_close cancels the notification thread as deactivate cancels the process thread: with the client
    // inactive, unhook every callback that enters managed code and let one under way return first.
    private void QuietNotifications()
    {
        LibJack.jack_set_xrun_callback(_client, null, IntPtr.Zero);
        LibJack.jack_set_buffer_size_callback(_client, null, IntPtr.Zero);
        LibJack.jack_on_shutdown(_client, null, IntPtr.Zero);
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref _notifying) != 0 && patience.Elapsed < HandOverPatience) Thread.Sleep(1);
    }

    /// <summary>The latency the server reports for this client's ports (capture + playback, worst case), in frames.</summary>
    public int ReportedLatencyFrames()
    {
        uint capture = 0, playback = 0;
        LibJack.LatencyRange r;
        foreach (var p in _inPorts)
        {
            LibJack.jack_port_get_latency_range(p, LibJack.CaptureLatency, &r);
            capture = Math.Max(capture, r.Max);
        }
        foreach (var p in _outPorts)
        {
            LibJack.jack_port_get_latency_range(p, LibJack.PlaybackLatency, &r);
            playback = Math.Max(playback, r.Max);
        }
        return (int)(capture + playback);
    }

    private (int Capture, int Playback) PhysicalLatency()
    {
        var captures = LibJack.TakePortList(LibJack.jack_get_ports(_client, null, LibJack.AudioType, (nuint)(LibJack.PortIsPhysical | LibJack.PortIsOutput)));
        var playbacks = LibJack.TakePortList(LibJack.jack_get_ports(_client, null, LibJack.AudioType, (nuint)(LibJack.PortIsPhysical | LibJack.PortIsInput)));
        LibJack.LatencyRange r = default;
        uint capture = 0, playback = 0;
        if (captures.Count > 0)
        {
            LibJack.jack_port_get_latency_range(LibJack.jack_port_by_name(_client, captures[0]), LibJack.CaptureLatency, &r);
            capture = r.Max;
        }
        if (playbacks.Count > 0)
        {
            LibJack.jack_port_get_latency_range(LibJack.jack_port_by_name(_client, playbacks[0]), LibJack.PlaybackLatency, &r);
            playback = r.Max;
        }
        return ((int)capture, (int)playback);
    }

    private IntPtr[] Register(string prefix, int count, ulong flags)
    {
        var ports = new IntPtr[count];
        for (int i = 0; i < count; i++)
        {
            ports[i] = LibJack.jack_port_register(_client, $"{prefix}_{i + 1}", LibJack.AudioType, (nuint)flags, 0);
            if (ports[i] == IntPtr.Zero) throw new AudioBackendException($"JACK server '{_server}' refused port {prefix}_{i + 1}");
        }
        return ports;
    }

    private void Connect()
    {
        var captures = LibJack.TakePortList(LibJack.jack_get_ports(_client, null, LibJack.AudioType, (nuint)(LibJack.PortIsPhysical | LibJack.PortIsOutput)));
        var playbacks = LibJack.TakePortList(LibJack.jack_get_ports(_client, null, LibJack.AudioType, (nuint)(LibJack.PortIsPhysical | LibJack.PortIsInput)));
        for (int i = 0; i < _inPorts.Length && i < captures.Count; i++)
            LibJack.jack_connect(_client, captures[i], Marshal.PtrToStringUTF8(LibJack.jack_port_name(_inPorts[i]))!);
        for (int i = 0; i < _outPorts.Length && i < playbacks.Count; i++)
            LibJack.jack_connect(_client, Marshal.PtrToStringUTF8(LibJack.jack_port_name(_outPorts[i]))!, playbacks[i]);
    }

    // Returns non-zero to answer a stop request (JACK2 then ends this thread from its own code; see StopCore).
    private int Cycle(uint nframes)
    {
        if (StopRequested)
        {
            ClearOutputs(nframes, 0);
            Interlocked.Increment(ref _leaving);
            return 1;
        }

        if (Interlocked.CompareExchange(ref _gate, 1, 0) != 0)
        {
            // The period is being changed on the notification thread: this cycle is silence.
            ClearOutputs(nframes, 0);
            return 0;
        }

        if (_processThreadId == 0)
        {
            _attachedAtThreadInit = t_enteredAtThreadInit;
            Volatile.Write(ref _processThreadId, Environment.CurrentManagedThreadId);
        }

        try
        {
            CycleCore(nframes);
        }
        finally
        {
            Volatile.Write(ref _gate, 0);
        }

        return 0;
    }

    private void CycleCore(uint nframes)
    {
        int frames = (int)nframes;
        var callback = Callback;
        if (callback is null || Volatile.Read(ref _ended) != 0)
        {
            ClearOutputs(nframes, 0);
            return;
        }
        // Normally one piece; a period longer than the callback could prepare for arrives in pieces it can take.
        int piece = Volatile.Read(ref _callbackFrames);
        var input = Input;
        var output = Output;
        for (int done = 0; done < frames;)
        {
            int n = Math.Min(piece, frames - done);
            for (int c = 0; c < _inPorts.Length; c++)
                new ReadOnlySpan<float>(LibJack.jack_port_get_buffer(_inPorts[c], nframes) + done, n).CopyTo(input.Channel(c, n));
            bool more = RunPeriod(callback, n);
            for (int c = 0; c < _outPorts.Length; c++)
                output.Channel(c, n).CopyTo(new Span<float>(LibJack.jack_port_get_buffer(_outPorts[c], nframes) + done, n));
            done += n;
            if (!more)
            {
                ClearOutputs(nframes, done);
                Volatile.Write(ref _ended, 1);
                SignalEnd();
                return;
            }
        }
    }

    private void ClearOutputs(uint nframes, int from)
    {
        for (int c = 0; c < _outPorts.Length; c++)
            new Span<float>(LibJack.jack_port_get_buffer(_outPorts[c], nframes) + from, (int)nframes - from).Clear();
    }

    [UnmanagedCallersOnly]
    private static int OnProcess(uint nframes, IntPtr arg)
    {
        try
        {
            var self = Unsafe.As<JackBackend>(GCHandle.FromIntPtr(arg).Target!);
            return self.Cycle(nframes);
        }
        catch (Exception e)
        {
            // An exception must not cross into libjack: end the stream with it instead.
            var self = GCHandle.FromIntPtr(arg).Target as JackBackend;
            if (self is not null)
            {
                Volatile.Write(ref self._ended, 1);
                self.SignalEnd(e);
            }
            return 0;
        }
    }

    // JACK runs this on its process thread before the first cycle (JACK2 also on its notification thread, at
    // activation): entering managed code here attaches the thread to the runtime, and makes its Thread object, at
    // activation rather than inside the first period's deadline.
    [UnmanagedCallersOnly]
    private static void OnThreadInit(IntPtr arg)
    {
        try
        {
            _ = Thread.CurrentThread;
            t_enteredAtThreadInit = true;
        }
        catch (Exception)
        {
            // Nothing may cross into libjack; the first period would attach the thread anyway.
        }
    }

    [UnmanagedCallersOnly]
    private static int OnBufferSize(uint nframes, IntPtr arg)
    {
        if (GCHandle.FromIntPtr(arg).Target is not JackBackend self) return 0;
        Interlocked.Increment(ref self._notifying);
        try
        {
            self.BufferSizeChanged((int)nframes);
        }
        catch (Exception)
        {
            // Nothing may cross into libjack; the periods go on in pieces of the old length.
        }
        finally
        {
            Interlocked.Decrement(ref self._notifying);
        }
        return 0;
    }

    [UnmanagedCallersOnly]
    private static int OnXrun(IntPtr arg)
    {
        if (GCHandle.FromIntPtr(arg).Target is JackBackend self)
        {
            Interlocked.Increment(ref self._notifying);
            self.CountXrun();
            Interlocked.Decrement(ref self._notifying);
        }
        return 0;
    }

    [UnmanagedCallersOnly]
    private static void OnShutdown(IntPtr arg)
    {
        if (GCHandle.FromIntPtr(arg).Target is JackBackend self)
        {
            Interlocked.Increment(ref self._notifying);
            Volatile.Write(ref self._serverGone, 1);
            Volatile.Write(ref self._ended, 1);
            self.SignalEnd(new AudioBackendException($"JACK server '{self._server}' shut down"));
            Interlocked.Decrement(ref self._notifying);
        }
    }
}
