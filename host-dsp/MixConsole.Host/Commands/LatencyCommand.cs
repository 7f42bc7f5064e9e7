using System.Globalization;
using MixConsole.Audio.Latency;
using MixConsole.Host.Cli;
using MixConsole.Host.Serve;

namespace MixConsole.Host.Commands;

/// <summary><c>mixconsole latency</c>: the round trip of a card measured through a loopback cable.</summary>
internal sealed class LatencyCommand : ICommand
{
    public string Name => "latency";

    public string Summary => "measure a card's round trip through a loopback cable (impulse out, found in)";

    public string Usage => "mixconsole latency [--audio alsa] [--profile NAME] [--out N] [--in N] [--impulses N]";

    public string Description => """
        Plays an impulse on one output every half second and finds it again on one input, which a cable
        connects to that output; prints the median delay next to the software's share (periods x period),
        the rest being the I2S controller's FIFO and DMA and the converters. Uses the same devices, profile
        and period options as serve.

        Example: mixconsole latency --profile pi4-cs42448 --out 1 --in 1
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("audio", "NAME", $"backend: {string.Join(", ", AudioBackends.Names)} (default alsa)"),
        new("profile", "NAME", "hardware profile (devices, channel map, period)"),
        new("device", "PCM", "ALSA playback PCM (default: the profile's)"),
        new("capture-device", "PCM", "ALSA capture PCM"),
        new("period", "FRAMES", "frames per period (default: the profile's, else 64)"),
        new("periods", "N", "periods per buffer, 2-4"),
        new("rate", "HZ", "sample rate (default 48000)"),
        new("out", "N", "output the impulse leaves on (1-based, default 1)"),
        new("in", "N", "input the cable brings it back to (1-based, default 1)"),
        new("impulses", "N", "impulses to send (default 10)"),
        new("jack-server", "NAME", "JACK server (with --audio jack)"),
        new("rt-priority", "N", "SCHED_FIFO priority of the audio thread (default 70; 0 = normal)"),
        new("no-mlock", null, "do not lock memory"),
    ];

    public int Run(ParsedArgs args, CommandContext context)
    {
        if (args.Positionals.Count > 0) throw new UsageException($"unexpected argument '{args.Positionals[0]}'");
        int output = args.GetInt("out", 1, 1, 32) - 1;
        int input = args.GetInt("in", 1, 1, 32) - 1;
        int impulses = args.GetInt("impulses", 10, 1, 1000);
        var hardware = args.Get("profile") is { } profile ? ServeCommand.FindHardware(profile) ?? throw new UsageException($"--profile: no hardware profile '{profile}'") : null;
        var settings = new ServeSettings
        {
            Audio = args.Get("audio") ?? AudioBackends.Alsa,
            SampleRateHz = args.GetDouble("rate", 48_000),
            BlockFrames = args.GetInt("period", 64, 16, 1024),
            LiveAudio = ServeCommand.LiveAudioOptions(args, hardware),
        };
        using var live = AudioBackends.Create(settings, input + 1, output + 1);
        var format = live.Format;
        if (output >= format.ChannelsOut || input >= format.ChannelsIn)
            throw new UserFacingException($"--out {output + 1} / --in {input + 1}: this device has {format.ChannelsOut} outputs and {format.ChannelsIn} inputs");
        // Half a second apart: far longer than any round trip, short enough to finish in seconds.
        int interval = format.SampleRateHz / 2;
        var probe = new LoopbackLatencyProbe(output, input, interval, impulses);
        var w = context.Out;
        w.WriteLine(format.DescribeFormat());
        live.Backend.Start(probe);
        bool done = probe.Done.Wait(TimeSpan.FromSeconds(impulses * 0.5 + 30)) || live.Backend.WaitForEnd(TimeSpan.Zero);
        live.Backend.Stop();
        if (live.Backend.Fault is { } fault) throw new UserFacingException(fault.Message);
        if (!done) throw new UserFacingException("the device stopped delivering periods before the measurement ended");
        double ms = 1000.0 / format.SampleRateHz;
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"software: {format.LatencyFrames} frames ({format.LatencyFrames * ms:0.00} ms) = {format.LatencyNote}"));
        long median = probe.MedianDelayFrames();
        if (median < 0)
        {
            context.Err.WriteLine($"no impulse came back on input {input + 1} from output {output + 1} ({probe.Sent} sent): check the loopback cable, its levels and the channel numbers");
            return 1;
        }
        var delays = probe.Delays.ToArray();
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured: {median} frames ({median * ms:0.00} ms), median of {delays.Length} of {probe.Sent} impulses (min {delays.Min()}, max {delays.Max()}), output {output + 1} -> input {input + 1}"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hardware: {median - format.LatencyFrames} frames ({(median - format.LatencyFrames) * ms:0.00} ms) beyond the software's (FIFO, DMA, converters); xruns {live.Backend.Xruns}"));
        return 0;
    }
}
