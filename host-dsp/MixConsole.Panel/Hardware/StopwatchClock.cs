using System.Diagnostics;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.Panel.Hardware;

/// <summary>Monotonic milliseconds for the core (debounce, acceleration, link timers).</summary>
internal sealed class StopwatchClock : IClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public long NowMs => (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
}
