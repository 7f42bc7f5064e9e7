using System.Globalization;
using MixConsole.Audio.Backends;
using MixConsole.Audio.Jack;
using MixConsole.Control.Server;

namespace MixConsole.Host.Serve;

/// <summary>
/// serve's running report: a status line every <c>--status</c> seconds (audio frames and blocks, the period in
/// force, xruns, control traffic, garbage collections since the audio started, the worst and 99.9th-percentile callback time) and the collections again at exit.
/// Any collection suspends every managed thread, the audio thread included, so the count is the number to watch:
/// it stays 0 on a healthy console. A line is formatted into a reused buffer, so reporting adds no garbage itself.
/// </summary>
internal sealed class ServeStatus
{
    private readonly LiveAudioBackend _audio;
    private readonly OscServer _server;
    private readonly TextWriter _output;
    private readonly char[] _line = new char[512];
    private readonly int[] _baseline = new int[3];

    public ServeStatus(LiveAudioBackend audio, OscServer server, TextWriter output)
    {
        _audio = audio;
        _server = server;
        _output = output;
        StartCounting();
    }

    /// <summary>Collections of generation 0, 1 and 2 since <see cref="StartCounting"/>. A gen1 or gen2 collection counts in gen0 too.</summary>
    public (int Gen0, int Gen1, int Gen2) Collections =>
        (GC.CollectionCount(0) - _baseline[0], GC.CollectionCount(1) - _baseline[1], GC.CollectionCount(2) - _baseline[2]);

    /// <summary>The period the backend runs now (JACK's follows the server's buffer size).</summary>
    public int PeriodFrames => _audio.Backend is JackBackend jack ? jack.ServerPeriodFrames : _audio.BlockFrames;

    /// <summary>Counts collections from now on (call as the audio starts).</summary>
    public void StartCounting()
    {
        for (int g = 0; g < _baseline.Length; g++) _baseline[g] = GC.CollectionCount(g);
    }

    /// <summary>Writes one status line.</summary>
    public void WriteStatus()
    {
        var live = _audio.Backend;
        OscServerCounters c = _server.Counters;
        var (gen0, gen1, gen2) = Collections;
        CallbackTimes times = live.CallbackTimes;
        if (_line.AsSpan().TryWrite(CultureInfo.InvariantCulture,
            $"status  {live.FramesProcessed} frames, {live.Callbacks} blocks, period {PeriodFrames}, {live.Xruns} xruns; {c.Packets} packets, {c.ParametersSet} sets, {c.EchoesSent} echoes, {c.MeterPacketsSent} meter blobs; gc {gen0} gen0, {gen1} gen1, {gen2} gen2; callback worst {times.WorstMicroseconds:0} us, p99.9 {times.PercentileMicroseconds(0.999):0} us{Environment.NewLine}",
            out int length))
        {
            _output.Write(_line.AsSpan(0, length));
        }
    }

    /// <summary>The exit lines: callback times, and collections since the audio started.</summary>
    public string Summary()
    {
        var (gen0, gen1, gen2) = Collections;
        CallbackTimes times = _audio.Backend.CallbackTimes;
        return string.Create(CultureInfo.InvariantCulture,
            $"timing  {times.Count} callbacks: worst {times.WorstMicroseconds:0} us, p99.9 {times.PercentileMicroseconds(0.999):0} us, p99 {times.PercentileMicroseconds(0.99):0} us, of a {PeriodFrames * 1e6 / _audio.SampleRateHz:0} us period{Environment.NewLine}" +
            $"gc      {gen0} gen0, {gen1} gen1, {gen2} gen2 collections since the audio started (each one paused every thread, the audio thread too)");
    }
}
