using System.Globalization;
using MixConsole.ControlSurface.Config;
using MixConsole.SurfaceSim.Interactive;
using MixConsole.SurfaceSim.Link;
using MixConsole.SurfaceSim.Measure;
using MixConsole.SurfaceSim.Scripting;
using MixConsole.SurfaceSim.Session;

namespace MixConsole.SurfaceSim.Cli;

/// <summary>Runs one simulator invocation: help, measurement, script or terminal UI.</summary>
public static class SimCli
{
    /// <summary>Every expect held.</summary>
    public const int ExitOk = 0;

    /// <summary>An expect or action failed.</summary>
    public const int ExitFailed = 1;

    /// <summary>Bad command line or script, or no host.</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs with <paramref name="args"/>; returns the exit status.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        SimOptions options;
        try
        {
            options = SimOptions.Parse(args);
        }
        catch (UsageException e)
        {
            errors.WriteLine($"SurfaceSim: {e.Message}");
            return ExitUsage;
        }

        if (options.Help)
        {
            output.WriteLine(HelpText.Page);
            return ExitOk;
        }

        if (options.Measure)
        {
            ScanMeasurement.Result result = ScanMeasurement.Run(options.Seconds, paced: !options.Unpaced);
            output.WriteLine(result.Report());
            return ExitOk;
        }

        try
        {
            return options.Script is null ? RunInteractive(options, output, errors) : RunScript(options, output, errors);
        }
        catch (UsageException e)
        {
            errors.WriteLine($"SurfaceSim: {e.Message}");
            return ExitUsage;
        }
        catch (ScriptException e)
        {
            errors.WriteLine($"SurfaceSim: the script has {e.Problems.Count} problem(s); nothing was run:");
            foreach (string problem in e.Problems)
            {
                errors.WriteLine("  " + problem);
            }

            return ExitUsage;
        }
        catch (SurfaceConfigException e)
        {
            errors.WriteLine($"SurfaceSim: {e.Message}");
            return ExitUsage;
        }
    }

    private static SurfaceConfig Config(SimOptions o)
    {
        SurfaceConfig config = o.Profile == ProfileNames.FaderDesk ? SurfaceConfig.CreateFaderDesk(!o.NoMotors) : SurfaceConfig.Create(o.Profile);
        config.Network.PairKey = o.PairKey;
        return config;
    }

    private static int RunScript(SimOptions o, TextWriter output, TextWriter errors)
    {
        string name = o.Script == "-" ? "stdin" : o.Script!;
        string text;
        try
        {
            text = o.Script == "-" ? Console.In.ReadToEnd() : File.ReadAllText(o.Script!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read script {name}: {e.Message}");
        }

        IReadOnlyList<ScriptAction> actions = ScriptParser.Parse(text, o.Profile, name);
        using var transport = new UdpOscTransport(HostAddress.Parse(o.Connect));
        SimSession.WarmUp();
        var session = new SimSession(Config(o), transport, paced: true);
        if (!Connect(session, transport, o, errors))
        {
            return ExitUsage;
        }

        output.WriteLine($"connected to {transport.Host} as {o.Profile}; running {name} ({actions.Count} actions)");
        output.Flush();
        var runner = new ScriptRunner(session, output, name) { Verbose = o.Verbose };
        bool ok = runner.Run(actions);
        string pacing = session.Pacer is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"; pacing: worst lag {p.MaxLagMs:0.0} ms, {p.LateScans} scans over 5 ms late")
            : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(ok ? "ok" : "FAILED")}: {actions.Count} actions, {runner.Held} expects held, {runner.Failed} failed in {session.NowMs / 1000.0:0.00} s{pacing}"));
        transport.Close();
        return ok ? ExitOk : ExitFailed;
    }

    private static int RunInteractive(SimOptions o, TextWriter output, TextWriter errors)
    {
        if (Console.IsInputRedirected || Console.IsOutputRedirected)
        {
            throw new UsageException("the interactive surface needs a terminal; use --script FILE (see --help)");
        }

        using var transport = new UdpOscTransport(HostAddress.Parse(o.Connect));
        var session = new SimSession(Config(o), transport, paced: true);
        output.WriteLine($"connecting to {transport.Host} as {o.Profile} ...");
        SimSession.WarmUp();
        if (!Connect(session, transport, o, errors))
        {
            return ExitUsage;
        }

        new TerminalUi(session, transport.Host.ToString()).Run();
        transport.Close();
        return ExitOk;
    }

    private static bool Connect(SimSession session, UdpOscTransport transport, SimOptions o, TextWriter errors)
    {
        if (session.Connect(o.ConnectTimeoutMs))
        {
            return true;
        }

        if (session.Surface.Engine.Link.PairingsRefused > 0)
        {
            errors.WriteLine($"SurfaceSim: the host at {transport.Host} refused the pairing key ({session.Surface.Engine.Link.PairingsRefused} tries); give the file serve has with --pair-key FILE");
            return false;
        }

        string why = transport.Refusals > 0 ? "nothing listens on that port" : "no answer to /info";
        errors.WriteLine($"SurfaceSim: no host at {transport.Host} within {o.ConnectTimeoutMs} ms ({why}); start one with: ./mixconsole serve --audio null --osc-port {transport.Host.Port}");
        return false;
    }
}
