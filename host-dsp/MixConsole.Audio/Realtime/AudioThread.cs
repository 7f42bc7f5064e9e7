namespace MixConsole.Audio.Realtime;

/// <summary>
/// A dedicated audio thread: started, promoted to real time on itself, and joined on stop.
/// <see cref="Start"/> returns once the thread knows what scheduling it got.
/// </summary>
public sealed class AudioThread
{
    private readonly Action _body;
    private readonly RealtimeOptions _options;
    private readonly ManualResetEventSlim _started = new(false);
    private Thread? _thread;

    /// <summary>Creates (does not start) a thread that runs <paramref name="body"/> under <paramref name="options"/>.</summary>
    public AudioThread(string name, RealtimeOptions options, Action body)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _body = body ?? throw new ArgumentNullException(nameof(body));
    }

    /// <summary>The thread's name (shown by top -H and gdb).</summary>
    public string Name { get; }

    /// <summary>What the kernel granted; <see cref="RealtimeResult.NotRequested"/> before start.</summary>
    public RealtimeResult Realtime { get; private set; } = RealtimeResult.NotRequested;

    /// <summary>Starts the thread and waits until it has applied its scheduling.</summary>
    public void Start()
    {
        if (_thread is not null) throw new InvalidOperationException("the audio thread is already started");
        _thread = new Thread(Run, maxStackSize: 1 << 20) { IsBackground = true, Name = Name, Priority = ThreadPriority.Highest };
        _thread.Start();
        _started.Wait();
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the thread to finish; true when it has.</summary>
    public bool Join(TimeSpan timeout) => _thread is null || _thread.Join(timeout);

    /// <summary>True when called from this audio thread.</summary>
    public bool IsCurrentThread => _thread is not null && Thread.CurrentThread == _thread;

    private void Run()
    {
        try
        {
            Realtime = RealtimeScheduling.ApplyToCurrentThread(_options);
        }
        finally
        {
            _started.Set();
        }
        _body();
    }
}
