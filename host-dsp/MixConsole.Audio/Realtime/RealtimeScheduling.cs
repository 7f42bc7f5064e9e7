using System.Runtime;
using System.Runtime.InteropServices;

namespace MixConsole.Audio.Realtime;

/// <summary>
/// Asks Linux for SCHED_FIFO on the calling thread and for locked memory, and says in one line
/// what was granted and, when refused, what to change (systemd LimitRTPRIO / LimitMEMLOCK).
/// </summary>
public static unsafe class RealtimeScheduling
{
    private static int s_memoryLocked;

    /// <summary>Applies <paramref name="options"/> to the calling thread (call it on the audio thread itself).</summary>
    public static RealtimeResult ApplyToCurrentThread(RealtimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LowLatencyGc)
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        if (!OperatingSystem.IsLinux())
            return options.Priority > 0 || options.LockMemory
                ? new RealtimeResult(false, 0, false, "real-time: not available on this OS (Linux only); running at normal priority")
                : RealtimeResult.NotRequested;

        var parts = new List<string>(2);
        bool granted = false;
        int priority = 0;
        if (options.Priority > 0)
        {
            int wanted = Math.Clamp(options.Priority, 1, 99);
            var param = new RealtimeLibC.SchedParam { Priority = wanted };
            int rc = RealtimeLibC.pthread_setschedparam(RealtimeLibC.pthread_self(), RealtimeLibC.SchedFifo, &param);
            if (rc == 0)
            {
                granted = true;
                priority = wanted;
                parts.Add($"SCHED_FIFO {wanted}");
            }
            else
            {
                parts.Add($"SCHED_FIFO {wanted} refused ({Explain(rc)}; RLIMIT_RTPRIO is {Limit(RealtimeLibC.RlimitRtprio)}: run as the systemd unit with LimitRTPRIO=95 or add the user to a group with rtprio) - normal priority");
            }
        }
        if (options.CpuAffinity is { Count: > 0 } cpus) parts.Add(Pin(cpus));
        bool locked = false;
        if (options.LockMemory)
        {
            (locked, string note) = LockMemory();
            parts.Add(note);
        }
        if (parts.Count == 0) return RealtimeResult.NotRequested;
        return new RealtimeResult(granted, priority, locked, "real-time: " + string.Join(", ", parts));
    }

    /// <summary>The calling thread's scheduling policy and priority (policy 1 = SCHED_FIFO).</summary>
    public static (int Policy, int Priority) CurrentThreadPolicy()
    {
        int policy;
        RealtimeLibC.SchedParam param;
        RealtimeLibC.pthread_getschedparam(RealtimeLibC.pthread_self(), &policy, &param);
        return (policy, param.Priority);
    }

    // One line either way: pinned, or why not (a CPU this machine lacks, a cpuset that excludes it).
    private static string Pin(IReadOnlyList<int> cpus)
    {
        ulong* mask = stackalloc ulong[RealtimeLibC.CpuSetWords];
        for (int i = 0; i < RealtimeLibC.CpuSetWords; i++) mask[i] = 0;
        foreach (int cpu in cpus)
        {
            if (cpu < 0 || cpu >= RealtimeLibC.CpuSetWords * 64) return $"CPU {cpu} is not a CPU number - not pinned";
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }
        string list = string.Join(",", cpus);
        if (RealtimeLibC.sched_setaffinity(0, RealtimeLibC.CpuSetWords * sizeof(ulong), mask) == 0) return $"pinned to CPU {list}";
        int errno = Marshal.GetLastPInvokeError();
        return $"not pinned to CPU {list} ({(errno == 22 ? $"this machine has CPUs 0-{Environment.ProcessorCount - 1} or its cpuset excludes them" : Explain(errno))})";
    }

    private static (bool Locked, string Note) LockMemory()
    {
        if (Volatile.Read(ref s_memoryLocked) == 1) return (true, "memory locked");
        ulong limit = LimitValue(RealtimeLibC.RlimitMemlock);
        // With a finite limit MCL_FUTURE would make the GC's later mappings fail: lock only when it cannot run out.
        if (limit != RealtimeLibC.RlimInfinity && RealtimeLibC.geteuid() != 0)
            return (false, $"memory not locked (RLIMIT_MEMLOCK is {limit / 1024} KiB; set LimitMEMLOCK=infinity in the systemd unit)");
        if (RealtimeLibC.mlockall(RealtimeLibC.McLCurrent | RealtimeLibC.McLFuture) != 0)
            return (false, $"memory not locked (mlockall: {Explain(Marshal.GetLastPInvokeError())})");
        Volatile.Write(ref s_memoryLocked, 1);
        return (true, "memory locked");
    }

    private static string Limit(int resource)
    {
        ulong v = LimitValue(resource);
        return v == RealtimeLibC.RlimInfinity ? "unlimited" : v.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ulong LimitValue(int resource)
    {
        RealtimeLibC.RLimit limit;
        return RealtimeLibC.getrlimit(resource, &limit) == 0 ? limit.Current : 0;
    }

    private static string Explain(int errno) => errno switch
    {
        RealtimeLibC.EPerm => "not permitted: not root and no real-time limit",
        12 => "out of memory or over RLIMIT_MEMLOCK",
        22 => "invalid priority",
        _ => $"error {errno}",
    };
}
