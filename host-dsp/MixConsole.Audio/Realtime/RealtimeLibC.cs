using System.Runtime.InteropServices;

namespace MixConsole.Audio.Realtime;

/// <summary>The few libc calls the audio thread needs: scheduling, memory locking, limits and a monotonic clock.</summary>
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

    [DllImport(Lib)]
    public static extern int pthread_setschedparam(nuint thread, int policy, SchedParam* param);

    [DllImport(Lib)]
    public static extern int pthread_getschedparam(nuint thread, int* policy, SchedParam* param);

    [DllImport(Lib, SetLastError = true)]
    public static extern int mlockall(int flags);

    [DllImport(Lib, SetLastError = true)]
    public static extern int getrlimit(int resource, RLimit* limit);

    [DllImport(Lib)]
    public static extern uint geteuid();

    [DllImport(Lib)]
    public static extern int clock_gettime(int clock, TimeSpec* time);

    [DllImport(Lib)]
    public static extern int clock_nanosleep(int clock, int flags, TimeSpec* request, TimeSpec* remain);
}
