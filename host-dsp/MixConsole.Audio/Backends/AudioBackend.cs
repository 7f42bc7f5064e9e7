using MixConsole.Audio.Realtime;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Backends;

/// <summary>
/// What every backend shares: the planar buffers handed to the callback, the counters, the
/// end-of-stream signal and the frame budget (<see cref="AudioBackendOptions.MaxFrames"/>).
/// </summary>
public abstract class AudioBackend : IAudioBackend
{
    private readonly ManualResetEventSlim _ended = new(false);
    private long _xruns;
    private long _suspends;
    private long _callbacks;
    private long _frames;
    private long _maxFrames = long.MaxValue;
    private int _stopRequested;
    private Exception? _fault;
    private bool _disposed;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The options given to <see cref="Open"/>.</summary>
    protected AudioBackendOptions Options { get; private set; } = new();

    /// <summary>The negotiated format (valid after <see cref="Open"/>).</summary>
    protected AudioFormatInfo? Format { get; private set; }

    /// <summary>Planar input handed to the callback (at least one channel).</summary>
    protected AudioBuffer Input { get; private set; } = new(1, 1);

    /// <summary>Planar output handed to the callback (at least one channel).</summary>
    protected AudioBuffer Output { get; private set; } = new(1, 1);

    /// <summary>The callback given to <see cref="Start"/>.</summary>
    protected IAudioCallback? Callback { get; private set; }

    /// <summary>True once <see cref="Stop"/> has been asked for.</summary>
    protected bool StopRequested => Volatile.Read(ref _stopRequested) != 0;

    /// <summary>Frames left before the frame budget is spent.</summary>
    protected long FramesRemaining => _maxFrames - Volatile.Read(ref _frames);

    /// <inheritdoc />
    public long Xruns => Interlocked.Read(ref _xruns);

    /// <inheritdoc />
    public long Suspends => Interlocked.Read(ref _suspends);

    /// <inheritdoc />
    public long Callbacks => Interlocked.Read(ref _callbacks);

    /// <inheritdoc />
    public long FramesProcessed => Interlocked.Read(ref _frames);

    /// <inheritdoc />
    public CallbackTimes CallbackTimes { get; } = new();

    /// <inheritdoc />
    public virtual RealtimeResult Realtime { get; protected set; } = RealtimeResult.NotRequested;

    /// <inheritdoc />
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <inheritdoc />
    public AudioFormatInfo Open(AudioBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Format is not null) throw new InvalidOperationException($"the {Name} backend is already open");
        options.Validate();
        Options = options;
        var format = OpenCore(options);
        Format = format;
        _maxFrames = options.MaxFrames ?? long.MaxValue;
        Input = new AudioBuffer(Math.Max(1, format.ChannelsIn), format.PeriodFrames);
        Output = new AudioBuffer(Math.Max(1, format.ChannelsOut), format.PeriodFrames);
        return format;
    }

    /// <inheritdoc />
    public void Start(IAudioCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (Format is null) throw new InvalidOperationException($"open the {Name} backend before starting it");
        if (Callback is not null) throw new InvalidOperationException($"the {Name} backend is already started");
        Callback = callback;
        StartCore(callback);
    }

    /// <inheritdoc />
    public void Stop()
    {
        if (Callback is null) return;
        if (Interlocked.Exchange(ref _stopRequested, 1) == 1 && _ended.IsSet) return;
        StopCore();
        _ended.Set();
    }

    /// <inheritdoc />
    public bool WaitForEnd(TimeSpan timeout) => _ended.Wait(timeout);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        Stop();
        _disposed = true;
        CloseCore();
        _ended.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the device and returns what was negotiated; throws <see cref="AudioBackendException"/> with one clear line.</summary>
    protected abstract AudioFormatInfo OpenCore(AudioBackendOptions options);

    /// <summary>Starts the stream (an audio thread, or a server's callback).</summary>
    protected abstract void StartCore(IAudioCallback callback);

    /// <summary>Stops the stream and waits for the audio thread.</summary>
    protected abstract void StopCore();

    /// <summary>Releases the device.</summary>
    protected abstract void CloseCore();

    /// <summary>
    /// Runs one period through the callback: clears the output, calls it, times and counts it. Returns
    /// false once the frame budget is spent (the stream should end). Allocation-free.
    /// </summary>
    protected bool RunPeriod(IAudioCallback callback, int frames)
    {
        Output.Clear(frames);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        callback.Process(Input, Output, frames);
        CallbackTimes.Add(System.Diagnostics.Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _callbacks);
        long done = Interlocked.Add(ref _frames, frames);
        return done < _maxFrames;
    }

    /// <summary>
    /// Grows the planar buffers to hold periods of <paramref name="frames"/> frames (a longer period than the
    /// one opened with, as after a JACK buffer-size change). Allocates: call only while no period runs, never on
    /// the audio thread; the next period sees the new buffers.
    /// </summary>
    protected void GrowBuffers(int frames)
    {
        if (frames > Input.CapacityFrames) Input = new AudioBuffer(Input.Channels, frames);
        if (frames > Output.CapacityFrames) Output = new AudioBuffer(Output.Channels, frames);
    }

    /// <summary>Counts one xrun.</summary>
    protected void CountXrun() => Interlocked.Increment(ref _xruns);

    /// <summary>Counts one suspend.</summary>
    protected void CountSuspend() => Interlocked.Increment(ref _suspends);

    /// <summary>Marks the stream as ended by itself, with the fault that ended it if any.</summary>
    protected void SignalEnd(Exception? fault = null)
    {
        if (fault is not null) Interlocked.CompareExchange(ref _fault, fault, null);
        _ended.Set();
    }
}
