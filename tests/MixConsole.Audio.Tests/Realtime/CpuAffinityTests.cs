using System.Runtime.InteropServices;
using MixConsole.Audio.Profiles;
using MixConsole.Audio.Realtime;

namespace MixConsole.Audio.Tests.Realtime;

/// <summary>The audio thread pins itself to the CPUs asked for, read back from the kernel with sched_getaffinity.</summary>
public sealed unsafe partial class CpuAffinityTests
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int tid, nuint size, ulong* mask);

    private static int[] CpusOfCallingThread()
    {
        ulong* mask = stackalloc ulong[16];
        Assert.Equal(0, sched_getaffinity(0, 16 * sizeof(ulong), mask));
        var cpus = new List<int>();
        for (int cpu = 0; cpu < 16 * 64; cpu++)
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0) cpus.Add(cpu);
        return [.. cpus];
    }

    private static (int[] Cpus, RealtimeResult Result) RunAudioThread(RealtimeOptions options)
    {
        int[] seen = [];
        var thread = new AudioThread("affinity-test", options, () => seen = CpusOfCallingThread());
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        return (seen, thread.Realtime);
    }

    [Fact]
    public void TheAudioThread_RunsOnlyOnTheCpuAskedFor_AndTheRestOfTheProcessStaysWhereItWas()
    {
        int[] before = CpusOfCallingThread();
        int target = before[^1];
        var (cpus, result) = RunAudioThread(RealtimeOptions.None with { CpuAffinity = [target] });
        Assert.Equal([target], cpus);
        Assert.Contains($"pinned to CPU {target}", result.Message);
        Assert.Equal(before, CpusOfCallingThread());
    }

    [Fact]
    public void WithoutAffinity_TheAudioThreadMayRunWhereverTheProcessMay()
    {
        var (cpus, _) = RunAudioThread(RealtimeOptions.None);
        Assert.Equal(CpusOfCallingThread(), cpus);
    }

    [Fact]
    public void ACpuTheMachineLacks_IsReportedInOneLine_AndTheThreadRunsOn()
    {
        var (cpus, result) = RunAudioThread(RealtimeOptions.None with { CpuAffinity = [1000] });
        Assert.Contains("not pinned to CPU 1000", result.Message);
        Assert.Equal(CpusOfCallingThread(), cpus);
    }

    [Fact]
    public void TheProfilesPinTheAudioThread_ToTheFourthCore()
    {
        foreach (string name in new[] { "pi4-cs42448", "pi5-hifiberry-dac8x-adc8x" })
        {
            var options = HardwareProfiles.Find(name).ToOptions(new MixConsole.Audio.Backends.AudioBackendOptions());
            Assert.Equal([3], options.Realtime.CpuAffinity!);
        }
    }
}
