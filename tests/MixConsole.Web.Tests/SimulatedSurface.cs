using System.Net;
using MixConsole.ControlSurface.Config;
using MixConsole.SurfaceSim.Link;
using MixConsole.SurfaceSim.Scripting;
using MixConsole.SurfaceSim.Session;

namespace MixConsole.Web.Tests;

/// <summary>The surface simulator's fader desk (the firmware's logic) on a real UDP link to serve, driven by scripts.</summary>
internal sealed class SimulatedSurface : IDisposable
{
    private readonly UdpOscTransport _link;
    private readonly SimSession _session;
    private readonly StringWriter _printed = new();

    public SimulatedSurface(int oscPort)
    {
        _link = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, oscPort));
        _session = new SimSession(SurfaceConfig.Create("fader-desk"), _link, paced: true);
        SimSession.WarmUp();
        Assert.True(_session.Connect(60_000), "the surface did not connect");
    }

    /// <summary>What the script runner printed (failed expects say what they saw).</summary>
    public string Printed
    {
        get
        {
            lock (_printed) return _printed.ToString();
        }
    }

    /// <summary>Runs a script on a worker thread (one at a time); true when every expect held.</summary>
    public Task<bool> RunAsync(string script) => Task.Run(() =>
    {
        lock (_printed)
        {
            var runner = new ScriptRunner(_session, _printed, "surface.sim");
            return runner.Run(ScriptParser.Parse(script, _session.Surface.Config.Profile, "surface.sim"));
        }
    });

    public void Dispose() => _link.Dispose();
}
