using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Virtual;

namespace MixConsole.ControlSurface.Tests;

/// <summary>A virtual surface wired to a fake host; each step runs one scan and lets the host answer.</summary>
internal sealed class SurfaceHarness
{
    public SurfaceHarness(SurfaceConfig config)
    {
        Surface = new VirtualSurface(config);
        Host = new FakeHost(Surface.Loopback);
        Surface.AfterStep = Host.Pump;
    }

    public VirtualSurface Surface { get; }

    public FakeHost Host { get; }

    public Engine.SurfaceEngine Engine => Surface.Engine;

    public static SurfaceHarness FaderDesk(bool motorised = true) => new(SurfaceConfig.CreateFaderDesk(motorised));

    public static SurfaceHarness MasteringPanel() => new(SurfaceConfig.CreateMasteringPanel());

    /// <summary>Starts the surface and runs until connected and the resync burst is answered.</summary>
    public SurfaceHarness Connect()
    {
        Surface.Start();
        Run(200);
        Assert.True(Engine.Link.IsConnected, "surface did not connect");
        return this;
    }

    public void Run(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            Step();
        }
    }

    public void Step()
    {
        Surface.Step();
    }

    public List<(string Address, object? Value)> Sent(string address) =>
        Host.Received.Where(r => r.Address == address && r.Value is not null).ToList();
}
