using System.Runtime.InteropServices;

namespace MixConsole.Audio.Jack;

/// <summary>The slice of libjack the JACK backend uses (JACK2 and PipeWire's libjack alike).</summary>
internal static unsafe class LibJack
{
    private const string Lib = "libjack.so.0";

    public const int NoStartServer = 0x01;
    public const int ServerName = 0x04;
    public const ulong PortIsInput = 0x1;
    public const ulong PortIsOutput = 0x2;
    public const ulong PortIsPhysical = 0x4;
    public const int CaptureLatency = 0;
    public const int PlaybackLatency = 1;
    public const string AudioType = "32 bit float mono audio";

    [StructLayout(LayoutKind.Sequential)]
    public struct LatencyRange
    {
        public uint Min;
        public uint Max;
    }

    // jack_client_open is variadic; the server name travels as its one extra pointer argument,
    // which the x86-64 and arm64 Linux calling conventions pass exactly like a fixed argument.
    [DllImport(Lib)]
    public static extern IntPtr jack_client_open([MarshalAs(UnmanagedType.LPUTF8Str)] string name, int options, out int status, [MarshalAs(UnmanagedType.LPUTF8Str)] string? serverName);

    [DllImport(Lib)] public static extern int jack_client_close(IntPtr client);
    [DllImport(Lib)] public static extern uint jack_get_sample_rate(IntPtr client);
    [DllImport(Lib)] public static extern uint jack_get_buffer_size(IntPtr client);
    [DllImport(Lib)] public static extern int jack_is_realtime(IntPtr client);

    [DllImport(Lib)]
    public static extern IntPtr jack_port_register(IntPtr client, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string type, nuint flags, nuint bufferSize);

    [DllImport(Lib)] public static extern float* jack_port_get_buffer(IntPtr port, uint frames);
    [DllImport(Lib)] public static extern IntPtr jack_port_name(IntPtr port);
    [DllImport(Lib)] public static extern IntPtr jack_port_by_name(IntPtr client, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    [DllImport(Lib)] public static extern void jack_port_get_latency_range(IntPtr port, int mode, LatencyRange* range);

    [DllImport(Lib)] public static extern int jack_set_process_callback(IntPtr client, delegate* unmanaged<uint, IntPtr, int> callback, IntPtr arg);
    [DllImport(Lib)] public static extern int jack_set_xrun_callback(IntPtr client, delegate* unmanaged<IntPtr, int> callback, IntPtr arg);
    [DllImport(Lib)] public static extern int jack_set_buffer_size_callback(IntPtr client, delegate* unmanaged<uint, IntPtr, int> callback, IntPtr arg);
    [DllImport(Lib)] public static extern int jack_set_thread_init_callback(IntPtr client, delegate* unmanaged<IntPtr, void> callback, IntPtr arg);
    [DllImport(Lib)] public static extern void jack_on_shutdown(IntPtr client, delegate* unmanaged<IntPtr, void> callback, IntPtr arg);

    [DllImport(Lib)] public static extern nuint jack_client_thread_id(IntPtr client);
    [DllImport(Lib)] public static extern int jack_activate(IntPtr client);
    [DllImport(Lib)] public static extern int jack_deactivate(IntPtr client);

    [DllImport(Lib)]
    public static extern int jack_connect(IntPtr client, [MarshalAs(UnmanagedType.LPUTF8Str)] string source, [MarshalAs(UnmanagedType.LPUTF8Str)] string destination);

    [DllImport(Lib)]
    public static extern IntPtr jack_get_ports(IntPtr client, [MarshalAs(UnmanagedType.LPUTF8Str)] string? namePattern, [MarshalAs(UnmanagedType.LPUTF8Str)] string? typePattern, nuint flags);

    [DllImport(Lib)] public static extern void jack_free(IntPtr pointer);

    /// <summary>Reads a NULL-terminated char** port list and frees it.</summary>
    public static List<string> TakePortList(IntPtr list)
    {
        var names = new List<string>();
        if (list == IntPtr.Zero) return names;
        for (int i = 0; ; i++)
        {
            IntPtr p = Marshal.ReadIntPtr(list, i * IntPtr.Size);
            if (p == IntPtr.Zero) break;
            names.Add(Marshal.PtrToStringUTF8(p) ?? "");
        }
        jack_free(list);
        return names;
    }

    // Long enough for a loaded machine's server to answer; a wedged one costs this once.
    private static readonly TimeSpan ClosePatience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// jack_client_close, bounded: libjack waits for the server's answer without a timeout and a wedged server never
    /// gives one (jackaudio/jack2#395), which would hang a console's stop for ever. False when the close was abandoned
    /// to its own thread; the client's handle must not be used again either way.
    /// </summary>
    public static bool Close(IntPtr client)
    {
        if (client == IntPtr.Zero) return true;
        var closer = new Thread(() => jack_client_close(client)) { IsBackground = true, Name = "jack close" };
        closer.Start();
        if (closer.Join(ClosePatience)) return true;
        Interlocked.Increment(ref _closesAbandoned);
        return false;
    }

    private static int _closesAbandoned;

    /// <summary>Closes this process has abandoned because the server never answered.</summary>
    public static int ClosesAbandoned => Volatile.Read(ref _closesAbandoned);

    /// <summary>Opens a client without starting a server; null and a one-line reason when there is none.</summary>
    public static IntPtr Open(string clientName, string? server, out string? error)
    {
        IntPtr client;
        int status;
        try
        {
            client = jack_client_open(clientName, NoStartServer | (server is null ? 0 : ServerName), out status, server);
        }
        catch (DllNotFoundException)
        {
            error = "libjack.so.0 is not installed (apt-get install libjack-jackd2-0)";
            return IntPtr.Zero;
        }
        error = client != IntPtr.Zero ? null
            : $"no JACK server{(server is null ? "" : $" named '{server}'")} is running (status 0x{status:x}; start one with jackd{(server is null ? "" : $" -n {server}")} -d alsa or -d dummy)";
        return client;
    }
}
