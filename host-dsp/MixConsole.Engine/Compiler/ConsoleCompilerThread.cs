using MixConsole.Engine.Mastering;
using MixConsole.Engine.Mixer;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// The live driver of the <see cref="ConsoleCompiler"/>: a control thread that compiles whenever the store
/// says it changed (a write outside a batch, or the close of a batch) and at a slow tick as a backstop, so
/// the audio thread only takes snapshots. Starting it switches the engine's
/// <see cref="MixerEngine.CompileOnAudioThread"/> off; disposing it switches that back on. Waking and
/// compiling allocate nothing.
/// </summary>
public sealed class ConsoleCompilerThread : IDisposable
{
    /// <summary>Backstop interval between compiles when no change wakes the thread.</summary>
    public static readonly TimeSpan DefaultTick = TimeSpan.FromMilliseconds(20);

    private readonly MixerEngine _engine;
    private readonly ConsoleCompiler _compiler;
    private readonly LiveMasterChain? _masterChain;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Action _onChange;
    private readonly Thread _thread;
    private readonly TimeSpan _tick;
    private volatile bool _stopping;
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

        _wake.Dispose();
    }

    private void Run()
    {
        while (!_stopping)
        {
            _wake.Wait(_tick);
            // Reset before compiling: a change that lands during the compile sets it again and is compiled next.
            _wake.Reset();
            Interlocked.Increment(ref _wakeUps);
            _compiler.Compile();
            _masterChain?.Compile();
        }
    }
}
