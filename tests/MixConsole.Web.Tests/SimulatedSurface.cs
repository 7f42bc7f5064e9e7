using System.Collections.Concurrent;
using System.Net;
using MixConsole.ControlSurface.Config;
using MixConsole.SurfaceSim.Link;
using MixConsole.SurfaceSim.Scripting;
using MixConsole.SurfaceSim.Session;

namespace MixConsole.Web.Tests;

/// <summary>
/// The surface simulator's fader desk (the firmware's logic) on a real UDP link to serve. It scans all the time on
/// its own thread, as a real surface does (reading echoes, renewing /xremote); scripts run there in turn.
/// </summary>
internal sealed class SimulatedSurface : IDisposable
{
    private readonly UdpOscTransport _link;
    private readonly SimSession _session;
    private readonly StringWriter _printed = new();
    private readonly BlockingCollection<(string Script, TaskCompletionSource<bool> Done)> _scripts = new();
    private readonly Thread _thread;
    private volatile bool _stop;

    public SimulatedSurface(int oscPort)
    {
        _link = new UdpOscTransport(new IPEndPoint(IPAddress.Loopback, oscPort));
        _session = new SimSession(SurfaceConfig.Create("fader-desk"), _link, paced: true);
        SimSession.WarmUp();
        Assert.True(_session.Connect(60_000), "the surface did not connect");
        _thread = new Thread(Scan) { IsBackground = true, Name = "surface" };
        _thread.Start();
    }

    /// <summary>What the script runner printed (failed expects say what they saw).</summary>
    public string Printed
    {
        get
        {
            lock (_printed) return _printed.ToString();
        }
    }

    /// <summary>Runs a script on the surface's thread; true when every expect held.</summary>
    public Task<bool> RunAsync(string script)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _scripts.Add((script, done));
        return done.Task;
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _link.Dispose();
        _scripts.Dispose();
    }

    private void Scan()
    {
        while (!_stop)
        {
            if (!_scripts.TryTake(out var next))
            {
                _session.Run(10);
                continue;
            }

            try
            {
                lock (_printed)
                {
                    var runner = new ScriptRunner(_session, _printed, "surface.sim");
                    next.Done.SetResult(runner.Run(ScriptParser.Parse(next.Script, _session.Surface.Config.Profile, "surface.sim")));
                }
            }
            catch (Exception e)
            {
                next.Done.SetException(e);
            }
        }
    }
}
