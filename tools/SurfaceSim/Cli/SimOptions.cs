using System.Globalization;
using MixConsole.ControlSurface.Config;

namespace MixConsole.SurfaceSim.Cli;

/// <summary>The simulator's command line.</summary>
public sealed class SimOptions
{
    /// <summary>Host to connect to, "HOST:PORT".</summary>
    public string Connect { get; private set; } = "127.0.0.1:10023";

    /// <summary>Surface profile: fader-desk or mastering-panel.</summary>
    public string Profile { get; private set; } = ProfileNames.FaderDesk;

    /// <summary>Script file ("-" for standard input); null for the interactive terminal.</summary>
    public string? Script { get; private set; }

    /// <summary>Measure the scan loop instead of connecting.</summary>
    public bool Measure { get; private set; }

    /// <summary>Measurement length in seconds of real time (paced) or simulated time (unpaced).</summary>
    public double Seconds { get; private set; } = 10;

    /// <summary>Run the measurement back to back instead of at 1 kHz real time.</summary>
    public bool Unpaced { get; private set; }

    /// <summary>How long to wait for the host's first answer.</summary>
    public int ConnectTimeoutMs { get; private set; } = 5000;

    /// <summary>Print every script action and every expect that held.</summary>
    public bool Verbose { get; private set; }

    /// <summary>Fader desk without motors (soft takeover instead).</summary>
    public bool NoMotors { get; private set; }

    /// <summary>The console's pairing key (the file given to serve --pair-key), null when the host does not pair.</summary>
    public byte[]? PairKey { get; private set; }

    /// <summary>Show the help.</summary>
    public bool Help { get; private set; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> naming the mistake.</summary>
    public static SimOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SimOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inline = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{arg} needs a value (see --help)");
                }

                return args[++i];
            }

            switch (arg)
            {
                case "-h":
                case "--help":
                    o.Help = true;
                    break;
                case "--connect":
                    o.Connect = Value();
                    break;
                case "--profile":
                    o.Profile = Value();
                    if (o.Profile != ProfileNames.FaderDesk && o.Profile != ProfileNames.MasteringPanel)
                    {
                        throw new UsageException($"--profile '{o.Profile}' is not a surface; use {ProfileNames.FaderDesk} or {ProfileNames.MasteringPanel}");
                    }

                    break;
                case "--script":
                    o.Script = Value();
                    break;
                case "--measure":
                    o.Measure = true;
                    break;
                case "--seconds":
                    string s = Value();
                    if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0) || seconds > 3600)
                    {
                        throw new UsageException($"--seconds expects 0..3600, got '{s}'");
                    }

                    o.Seconds = seconds;
                    break;
                case "--unpaced":
                    o.Unpaced = true;
                    break;
                case "--connect-timeout":
                    string t = Value();
                    if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int ms) || ms < 100 || ms > 600_000)
                    {
                        throw new UsageException($"--connect-timeout expects milliseconds (100..600000), got '{t}'");
                    }

                    o.ConnectTimeoutMs = ms;
                    break;
                case "-v":
                case "--verbose":
                    o.Verbose = true;
                    break;
                case "--no-motors":
                    o.NoMotors = true;
                    break;
                case "--pair-key":
                    string keyFile = Value();
                    try
                    {
                        o.PairKey = File.ReadAllBytes(keyFile);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        throw new UsageException($"cannot read pair key {keyFile}: {e.Message}");
                    }

                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}' (see --help)");
            }
        }

        if (o.Measure && o.Script is not null)
        {
            throw new UsageException("--measure and --script do not go together: --measure runs its own workload without a host");
        }

        if (o.NoMotors && o.Profile != ProfileNames.FaderDesk)
        {
            throw new UsageException("--no-motors applies to the fader-desk profile");
        }

        return o;
    }
}
