using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Virtual;
using MixConsole.SurfaceSim.Scripting;
using MixConsole.SurfaceSim.Session;

namespace MixConsole.SurfaceSim.Tests;

/// <summary>An unpaced simulator session against an in-memory host, for tests of the runner, keys and view.</summary>
internal sealed class SimHarness
{
    public SimHarness(string profile = "fader-desk")
    {
        Link = new LoopbackTransport(256);
        Session = new SimSession(SurfaceConfig.Create(profile), Link, paced: false);
        Host = new InMemoryHost(Link);
        Session.EachScan = Host.Pump;
        for (int c = 1; c <= 32; c++)
        {
            Host.Values[$"/ch/{c:00}/mix/fader"] = 0.75f;
            Host.Values[$"/ch/{c:00}/mix/on"] = 1;
            Host.Values[$"/ch/{c:00}/mix/pan"] = 0.5f;
        }
    }

    public LoopbackTransport Link { get; }

    public SimSession Session { get; }

    public InMemoryHost Host { get; }

    public StringWriter Output { get; } = new();

    public SimHarness Connect()
    {
        Assert.True(Session.Connect(2000), "no connection to the in-memory host");
        return this;
    }

    public (bool Ok, ScriptRunner Runner) Run(string script)
    {
        var runner = new ScriptRunner(Session, Output, "test.sim");
        bool ok = runner.Run(ScriptParser.Parse(script, Session.Surface.Config.Profile, "test.sim"));
        return (ok, runner);
    }

    public object? Sent(string address) => Host.Sets.LastOrDefault(s => s.Address == address).Value;
}
