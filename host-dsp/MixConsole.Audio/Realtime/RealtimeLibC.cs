using System.Runtime.InteropServices;

namespace MixConsole.Audio.Realtime;

/// <summary>The few libc calls the audio thread needs: scheduling, memory locking, limits, a monotonic clock, reaping an ended thread.</summary>
internal static unsafe class RealtimeLibC
{
    private const string Lib = "libc";

    public const int SchedFifo = 1;
    public const int McLCurrent = 1;
    public const int McLFuture = 2;
    public const int RlimitMemlock = 8;
    public const int RlimitRtprio = 14;
    public const int ClockMonotonic = 1;
    public const int TimerAbsTime = 1;
    public const int EPerm = 1;
    public const int EIntr = 4;
    public const int EBusy = 16;
    public const int CpuSetWords = 16;
    public const ulong RlimInfinity = ulong.MaxValue;

    [StructLayout(LayoutKind.Sequential)]
    public struct SchedParam
    {
        public int Priority;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport(Lib)]
    public static extern nuint pthread_self();

    /// <summary>Reaps <paramref name="thread"/> if it has ended (0); <see cref="EBusy"/> while it runs.</summary>
    [DllImport(Lib)]
    public static extern int pthread_tryjoin_np(nuint thread, IntPtr result);

    [DllImport(Lib)]
    public static extern int pthread_setschedparam(nuint thread, int policy, SchedParam* param);

    [DllImport(Lib)]
    public static extern int pthread_getschedparam(nuint thread, int* policy, SchedParam* param);

    [DllImport(Lib, SetLastError = true)]
    public static extern int mlockall(int flags);

    /// <summary>Pins thread <paramref name="tid"/> (0 = the calling thread) to the CPUs set in <paramref name="mask"/>.</summary>
    [DllImport(Lib, SetLastError = true)]
    public static extern int sched_setaffinity(int tid, nuint size, ulong* mask);

    [DllImport(Lib, SetLastError = true)]
    public static extern int getrlimit(int resource, RLimit* limit);

    [DllImport(Lib)]
    public static extern uint geteuid();

    [DllImport(Lib)]
    public static extern int clock_gettime(int clock, TimeSpec* time);

    [DllImport(Lib)]
    public static extern int clock_nanosleep(int clock, int flags, TimeSpec* request, TimeSpec* remain);
}
