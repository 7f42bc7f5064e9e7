using System.Threading.Tasks.Sources;

namespace MixConsole.Web.Live;

/// <summary>
/// A wake-up for one awaiting loop that allocates nothing per wait or set (a Task per meter frame would be
/// garbage 30 times a second per page). Sets while nobody waits collapse into one.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Signalled = 1;
    private const int Waiting = 2;

    // The waiter resumes on a pool thread (Set is called from the OSC control thread, which must not send), queued
    // as this work item: the delegate form of queueing would allocate a work item per wake-up.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };
    private int _state;

    /// <summary>Completes when <see cref="Set"/> is called (at once when it was called since the last wait). One waiter.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signalled) == Signalled)
        {
            return ValueTask.CompletedTask;
        }

        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Signalled)
        {
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }

        return new ValueTask(this, _core.Version);
    }

    /// <summary>Wakes the waiter, or the next wait; safe from any thread.</summary>
    public void Set()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == Signalled)
            {
                return;
            }

            if (state == Idle && Interlocked.CompareExchange(ref _state, Signalled, Idle) == Idle)
            {
                return;
            }

            if (state == Waiting && Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }
    }

    void IThreadPoolWorkItem.Execute() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
