using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Virtual;
using MixConsole.SurfaceSim.Timing;

namespace MixConsole.SurfaceSim.Session;

/// <summary>
/// A virtual surface on a real link, each simulated millisecond paced to the wall clock (or unpaced for tests
/// that use an in-memory host). Everything the script runner and the terminal UI do goes through here.
/// </summary>
public sealed class SimSession
{
    /// <summary>Builds the surface for <paramref name="config"/> on <paramref name="transport"/>; <paramref name="paced"/> ties it to real time.</summary>
    public SimSession(SurfaceConfig config, IOscTransport transport, bool paced)
    {
        Surface = new VirtualSurface(config, transport);
        Pacer = paced ? new RealTimePacer(Surface.Clock.NowMs) : null;
        Surface.AfterStep = AfterStep;
    }

    /// <summary>The surface and its virtual hardware.</summary>
    public VirtualSurface Surface { get; }

    /// <summary>The real-time pacer, null when unpaced.</summary>
    public RealTimePacer? Pacer { get; }

    /// <summary>Runs after every scan (after pacing): the UI redraws here, a test host answers here.</summary>
    public Action? EachScan { get; set; }

    /// <summary>True for the fader desk profile.</summary>
    public bool IsFaderDesk => Surface.Engine.FaderDesk is not null;

    /// <summary>Simulated time since start, ms.</summary>
    public long NowMs => Surface.Clock.NowMs;

    /// <summary>
    /// Starts the surface and runs until the host answered the handshake, every visible control was queried
    /// and answered (plus <paramref name="answerMs"/> for the answers in flight) and the motor faders have
    /// arrived where the host put them. False after <paramref name="timeoutMs"/> without a host.
    /// </summary>
    public bool Connect(int timeoutMs, int answerMs = 100)
    {
        Surface.Start();
        Pacer?.Restart(NowMs);
        long deadline = NowMs + timeoutMs;
        while (!Surface.Engine.Link.IsConnected)
        {
            if (NowMs >= deadline)
            {
                return false;
            }

            Surface.Step();
        }

        while (Surface.Engine.PendingResync > 0 && NowMs < deadline)
        {
            Surface.Step();
        }

        Surface.Run(answerMs);
        RunUntil(SizeKnown, timeoutMs);
        RunUntil(MotorsAtRest, Surface.Config.Tuning.Motors.MoveTimeoutMs);
        return Surface.Engine.Link.IsConnected;
    }

    /// <summary>
    /// Runs a throwaway surface against an in-memory host for a moment, so the first real scans do not pay
    /// for compiling the scan code (tens of milliseconds that would make the first scans late).
    /// </summary>
    public static void WarmUp()
    {
        var load = new ScanWorkload();
        for (int i = 0; i < 2000; i++)
        {
            load.Step();
        }
    }

    /// <summary>Runs <paramref name="ms"/> scans.</summary>
    public void Run(int ms) => Surface.Run(ms);

    /// <summary>Runs scans until <paramref name="condition"/> holds or <paramref name="ms"/> pass; true when it held.</summary>
    public bool RunUntil(Func<bool> condition, int ms)
    {
        long deadline = NowMs + ms;
        while (!condition())
        {
            if (NowMs >= deadline)
            {
                return false;
            }

            Surface.Step();
        }

        return true;
    }

    // The desk shows the console's strips once the host answered its size probe.
    private bool SizeKnown() => Surface.Engine.FaderDesk is not { } desk || desk.LayerSize(Layer.Channels) > 0;

    private bool MotorsAtRest()
    {
        if (Surface.Engine.FaderDesk is not { } desk)
        {
            return true;
        }

        for (int s = 0; s < FaderDeskSurface.Strips; s++)
        {
            if (desk.IsMotorised(s) && desk.IsMotorMoving(s))
            {
                return false;
            }
        }

        return true;
    }

    private void AfterStep()
    {
        Pacer?.AfterScan(Surface.Clock.NowMs);
        EachScan?.Invoke();
    }
}
