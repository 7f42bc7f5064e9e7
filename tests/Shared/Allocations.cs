using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit;

namespace MixConsole.Tests.Shared;

/// <summary>
/// What one measured run allocated: every byte allocated on the measuring thread over all <see cref="Calls"/>
/// (a total, never the least of several rounds), and the garbage collections that ran meanwhile.
/// </summary>
/// <param name="Bytes">Bytes allocated on the measuring thread over the whole measured run.</param>
/// <param name="Calls">Calls in the measured run.</param>
/// <param name="WarmupCalls">Calls made before the count started.</param>
/// <param name="Gen0Collections">Collections of generation 0 or higher during the run, in the whole process.</param>
/// <param name="Gen1Collections">Collections of generation 1 or higher during the run, in the whole process.</param>
/// <param name="Gen2Collections">Full collections during the run, in the whole process.</param>
internal readonly record struct AllocationResult(long Bytes, long Calls, long WarmupCalls, int Gen0Collections, int Gen1Collections, int Gen2Collections)
{
    /// <summary>Bytes per measured call, averaged over the run.</summary>
    public double BytesPerCall => Calls == 0 ? 0 : (double)Bytes / Calls;

    public override string ToString() =>
        $"{Bytes} bytes allocated on the measuring thread over {Calls} measured calls ({BytesPerCall:0.###} bytes per call) after {WarmupCalls} warm-up calls; "
        + $"garbage collections during the run, whole process (other tests included): gen0 {Gen0Collections}, gen1 {Gen1Collections}, gen2 {Gen2Collections}";
}

/// <summary>
/// Zero-allocation checks that see every allocation: warm up, then count the bytes allocated on this thread over the
/// whole measured run, so a single allocating call anywhere in it fails the check.
/// </summary>
internal static class Allocations
{
    /// <summary>Calls made before counting starts, at the least.</summary>
    public const int DefaultWarmupCalls = 1_000;

    // Tiered compilation starts counting calls towards the optimised tier only 100 ms after the last method was first
    // compiled, and compiles on a background thread: keep calling long past that so the run measures optimised code.
    private static readonly TimeSpan MinimumWarmup = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Warms <paramref name="call"/> up (at least <paramref name="warmupCalls"/> calls and <see cref="MinimumWarmup"/>),
    /// then counts the bytes it allocates over <paramref name="calls"/> further calls.
    /// <paramref name="unmeasured"/>, when given, runs before every call (warm-up included) and is left out of the count:
    /// control-side work such as setting a parameter that the measured call then applies.
    /// </summary>
    public static AllocationResult Measure(Action call, int calls, int warmupCalls = DefaultWarmupCalls, Action? unmeasured = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        long warmed = WarmUp(call, unmeasured, warmupCalls);
        // A collection first: this thread then holds no half-used allocation context, whose unused rest (up to 8 KB) a
        // collection started by another thread can bill to it as "allocated" on a busy machine.
        GC.Collect(0);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long bytes = unmeasured is null ? Count(call, calls) : CountEach(call, unmeasured, calls);
        return new AllocationResult(bytes, calls, warmed,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
    }

    /// <summary>
    /// Fails, naming <paramref name="what"/> with the bytes and calls, unless <paramref name="calls"/> calls after a warm-up
    /// allocate nothing at all on this thread. A run that allocates is repeated once, warm-up and all, and the repeat
    /// must allocate nothing. See <see cref="Measure"/> for the parameters.
    /// </summary>
    public static void AssertNone(Action call, int calls, string what, int warmupCalls = DefaultWarmupCalls, Action? unmeasured = null)
    {
        AllocationResult first = Measure(call, calls, warmupCalls, unmeasured);
        if (first.Bytes == 0) return;
        // One retry of the whole warm-up and run: one-off runtime work (a late tier-up) lands in one run, a call that allocates in both.
        AllocationResult second = Measure(call, calls, warmupCalls, unmeasured);
        if (second.Bytes != 0)
            Assert.Fail($"{what} allocates: {second}. The run before it, also measured after its own warm-up: {first.Bytes} bytes over {first.Calls} calls.");
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long WarmUp(Action call, Action? unmeasured, int warmupCalls)
    {
        long start = Stopwatch.GetTimestamp();
        long done = 0;
        while (done < warmupCalls || Stopwatch.GetElapsedTime(start) < MinimumWarmup)
        {
            unmeasured?.Invoke();
            call();
            done++;
        }

        return done;
    }

    // The counting loops are compiled fully optimised at first call, so no tier-up or on-stack replacement runs inside them.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Count(Action call, int calls)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++) call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long CountEach(Action call, Action unmeasured, int calls)
    {
        long bytes = 0;
        for (int i = 0; i < calls; i++)
        {
            unmeasured();
            long before = GC.GetAllocatedBytesForCurrentThread();
            call();
            bytes += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return bytes;
    }
}

/// <summary>
/// The same count for code a test does not call itself, such as an audio callback on a backend's thread: call
/// <see cref="Tick"/> once at the end of every call, on that one thread. Counting starts after the warm-up calls and
/// covers every call after them.
/// </summary>
internal sealed class AllocationProbe(int warmupCalls)
{
    private readonly int _warmupCalls = warmupCalls >= 1 ? warmupCalls : throw new ArgumentOutOfRangeException(nameof(warmupCalls), "at least the first call is warm-up");
    private long _calls;
    private long _bytesAtStart, _bytesNow;
    private int _gen0AtStart, _gen1AtStart, _gen2AtStart, _gen0Now, _gen1Now, _gen2Now;
    private int _threadId;
    private volatile bool _otherThread;

    /// <summary>Calls counted so far, warm-up included; once it reads n, the figures of the first n calls are all in.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls before counting starts.</summary>
    public int WarmupCalls => _warmupCalls;

    /// <summary>Counts the call that just finished; on the thread that made it.</summary>
    public void Tick()
    {
        long calls = _calls + 1;
        if (calls >= _warmupCalls)
        {
            if (calls == _warmupCalls) GC.Collect(0); // no half-used allocation context to be billed for, as in Allocations.Measure
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            if (calls == _warmupCalls)
            {
                _threadId = Environment.CurrentManagedThreadId;
                (_bytesAtStart, _gen0AtStart, _gen1AtStart, _gen2AtStart) = (bytes, gen0, gen1, gen2);
            }
            else if (Environment.CurrentManagedThreadId != _threadId)
            {
                _otherThread = true; // another thread's allocation counter means nothing here
            }

            (_bytesNow, _gen0Now, _gen1Now, _gen2Now) = (bytes, gen0, gen1, gen2);
        }

        Interlocked.Exchange(ref _calls, calls); // publishes the figures with the count
    }

    /// <summary>The count so far; read it once the calls have stopped.</summary>
    public AllocationResult Result => new(_bytesNow - _bytesAtStart, Math.Max(0, Calls - _warmupCalls), Math.Min(Calls, _warmupCalls),
        _gen0Now - _gen0AtStart, _gen1Now - _gen1AtStart, _gen2Now - _gen2AtStart);

    /// <summary>Fails, naming <paramref name="what"/>, unless calls were counted and they allocated nothing.</summary>
    public void AssertNone(string what)
    {
        AllocationResult result = Result;
        if (result.Calls == 0) Assert.Fail($"{what}: nothing measured, {Calls} calls in all and {_warmupCalls} are warm-up.");
        if (_otherThread) Assert.Fail($"{what}: the calls came from more than one thread, so no one thread's count covers them.");
        if (result.Bytes != 0) Assert.Fail($"{what} allocates: {result}.");
    }
}

/// <summary>
/// Counts the garbage collections in the whole process from <see cref="Start"/> on. Starting collects fully first, so
/// the window begins with an empty generation 0: the test host's own background allocations (timers, a few hundred
/// bytes a second) cannot tip a collection that a nearly spent budget left over from an earlier test would have.
/// </summary>
internal readonly struct GcWindow
{
    private readonly int _start;

    private GcWindow(int start) => _start = start;

    /// <summary>Collects fully, then starts counting.</summary>
    public static GcWindow Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new GcWindow(GC.CollectionCount(0));
    }

    /// <summary>Collections of any generation since the start (a gen1 or gen2 collection counts once).</summary>
    public int Collections => GC.CollectionCount(0) - _start;
}
