using MixConsole.Engine.Mastering;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// The live driver of the <see cref="ConsoleCompiler"/>: a control thread that compiles whenever the store
/// says it changed (a write outside a batch, or the close of a batch) and at a slow tick as a backstop, so
/// the audio thread only takes snapshots. Starting it switches the engine's
/// <see cref="MixerEngine.CompileOnAudioThread"/> off; disposing it switches that back on. Waking and
/// compiling allocate nothing. <see cref="RunPaused"/> hands the compiler over to another thread for a while (to
/// prepare the engine again for a new period while nothing else compiles or publishes).
/// </summary>
public sealed class ConsoleCompilerThread : IDisposable
{
    /// <summary>Backstop interval between compiles when no change wakes the thread.</summary>
    public static readonly TimeSpan DefaultTick = TimeSpan.FromMilliseconds(20);

    private readonly MixerEngine _engine;
    private readonly ConsoleCompiler _compiler;
    private readonly LiveMasterChain? _masterChain;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly ManualResetEventSlim _parked = new(false);
    private readonly ManualResetEventSlim _resume = new(false);
    private readonly Action _onChange;
    private readonly Thread _thread;
    private readonly TimeSpan _tick;
    private volatile bool _stopping;
    private volatile bool _pauseRequested;
    private int _pausers; // 0 free, 1 a pause under way, Disposed
    private const int Disposed = 2;
    private int _state; // 0 new, 1 running, 2 disposed
    private long _wakeUps;

    /// <summary>Creates the driver for <paramref name="engine"/> (and the live master chain plugged into it, when given); <see cref="Start"/> runs it.</summary>
    public ConsoleCompilerThread(MixerEngine engine, TimeSpan? tick = null, LiveMasterChain? masterChain = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _masterChain = masterChain;
        _compiler = engine.Compiler;
        _tick = tick ?? DefaultTick;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_tick, TimeSpan.Zero, nameof(tick));
        _onChange = Wake;
        _thread = new Thread(Run) { Name = "console compiler", IsBackground = true, Priority = ThreadPriority.AboveNormal };
    }

    /// <summary>Times the thread woke up (changes and ticks), a statistic.</summary>
    public long WakeUps => Interlocked.Read(ref _wakeUps);

    /// <summary>Hands compiling to this thread: the engine stops compiling on the audio thread.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("the compiler thread was started already");
        _engine.CompileOnAudioThread = false;
        if (_masterChain is not null) _masterChain.CompileOnAudioThread = false;
        _compiler.Store.Changed += _onChange;
        _thread.Start();
    }

    /// <summary>Asks for a compile now (any thread; what the store's change signal calls).</summary>
    public void Wake() => _wake.Set();

    /// <summary>
    /// Runs <paramref name="action"/> while the compiler thread is parked between two compiles (at once when it does
    /// not run): the action may prepare the engine and the master chain, which the compiler thread would otherwise
    /// compile into and publish from at the same time. Changes made meanwhile are compiled when it resumes. One
    /// caller at a time; not for the audio thread (it waits).
    /// </summary>
    public void RunPaused(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var spin = default(SpinWait);
        for (int held; (held = Interlocked.CompareExchange(ref _pausers, 1, 0)) != 0; spin.SpinOnce())
        {
            if (held == Disposed)
            {
                action();
                return;
            }
        }

        try
        {
            if (Volatile.Read(ref _state) != 1)
            {
                action();
                return;
            }

            _resume.Reset();
            _parked.Reset();
            _pauseRequested = true;
            _wake.Set();
            // The thread parks at its next wake; one that has stopped (disposed meanwhile) never will.
            while (!_parked.Wait(TimeSpan.FromMilliseconds(50)) && _thread.IsAlive)
            {
            }

            try
            {
                action();
            }
            finally
            {
                _pauseRequested = false;
                _resume.Set();
            }
        }
        finally
        {
            Volatile.Write(ref _pausers, 0);
        }
    }

    /// <summary>Stops the thread and gives compiling back to the engine's audio thread.</summary>
    public void Dispose()
    {
        int state = Interlocked.Exchange(ref _state, 2);
        if (state == 2) return;
        if (state == 1)
        {
            _compiler.Store.Changed -= _onChange;
            _stopping = true;
            _wake.Set();
            _thread.Join();
            _engine.CompileOnAudioThread = true;
            if (_masterChain is not null) _masterChain.CompileOnAudioThread = true;
        }

        // A pause under way ends before the events it waits on go.
        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref _pausers, Disposed, 0) != 0) spin.SpinOnce();
        _wake.Dispose();
        _parked.Dispose();
        _resume.Dispose();
    }

    private void Run()
    {
        while (!_stopping)
        {
            _wake.Wait(_tick);
            // Reset before compiling: a change that lands during the compile sets it again and is compiled next.
            _wake.Reset();
            if (_pauseRequested)
            {
                _parked.Set();
                _resume.Wait();
                continue;
            }

            Interlocked.Increment(ref _wakeUps);
            _compiler.Compile();
            _masterChain?.Compile();
        }
    }
}
