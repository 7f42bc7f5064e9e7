namespace MixConsole.Audio.Jack;

/// <summary>
/// A JACK client with no ports that only counts the xruns the server reports: the baseline a
/// soak compares the console against (the same server, the same time, no console attached).
/// </summary>
public sealed unsafe class JackXrunMonitor : IDisposable
{
    private readonly System.Runtime.InteropServices.GCHandle _self;
    private IntPtr _client;
    private long _xruns;

    /// <summary>Connects to <paramref name="serverName"/> (null = default) and starts counting.</summary>
    /// <exception cref="Backends.AudioBackendException">No server is running.</exception>
    public JackXrunMonitor(string? serverName, string clientName = "mixconsole-xrun-monitor")
    {
        _client = LibJack.Open(clientName, serverName, out string? error);
        if (_client == IntPtr.Zero) throw new Backends.AudioBackendException(error!);
        _self = System.Runtime.InteropServices.GCHandle.Alloc(this);
        LibJack.jack_set_xrun_callback(_client, &OnXrun, System.Runtime.InteropServices.GCHandle.ToIntPtr(_self));
        LibJack.jack_activate(_client);
    }

    /// <summary>Xruns reported since construction.</summary>
    public long Xruns => Interlocked.Read(ref _xruns);

    /// <summary>Disconnects.</summary>
    public void Dispose()
    {
        if (_client == IntPtr.Zero) return;
        LibJack.jack_deactivate(_client);
        // jack_client_close cancels the notification thread: no xrun may call into managed code from then on.
        LibJack.jack_set_xrun_callback(_client, null, IntPtr.Zero);
        LibJack.Close(_client);
        _client = IntPtr.Zero;
        _self.Free();
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int OnXrun(IntPtr arg)
    {
        if (System.Runtime.InteropServices.GCHandle.FromIntPtr(arg).Target is JackXrunMonitor self) Interlocked.Increment(ref self._xruns);
        return 0;
    }
}
