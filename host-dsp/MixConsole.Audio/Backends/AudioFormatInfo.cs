using System.Globalization;

namespace MixConsole.Audio.Backends;

/// <summary>What a backend negotiated: the format the callback will see and the latency the I/O adds.</summary>
/// <param name="Backend">Backend name ("alsa", "jack", "wav", "null").</param>
/// <param name="Device">The device, server or file in use.</param>
/// <param name="SampleRateHz">Sample rate in hertz.</param>
/// <param name="PeriodFrames">Frames per callback.</param>
/// <param name="Periods">Periods in the device buffer.</param>
/// <param name="ChannelsIn">Console inputs (0 = none).</param>
/// <param name="ChannelsOut">Console outputs (0 = none).</param>
/// <param name="SampleFormat">Interleaved sample format on the device side.</param>
/// <param name="LatencyFrames">Frames from an input sample to the output sample it becomes through a pass-through callback, converters excluded.</param>
/// <param name="LatencyNote">How <paramref name="LatencyFrames"/> arises, e.g. "2 periods x 32 frames".</param>
/// <param name="Linked">True when capture and playback run on one clock (ALSA snd_pcm_link, JACK, the file backends).</param>
public sealed record AudioFormatInfo(
    string Backend,
    string Device,
    int SampleRateHz,
    int PeriodFrames,
    int Periods,
    int ChannelsIn,
    int ChannelsOut,
    AudioSampleFormat SampleFormat,
    int LatencyFrames,
    string LatencyNote,
    bool Linked)
{
    /// <summary>Latency in milliseconds.</summary>
    public double LatencyMs => LatencyFrames * 1000.0 / SampleRateHz;

    /// <summary>One period in milliseconds.</summary>
    public double PeriodMs => PeriodFrames * 1000.0 / SampleRateHz;

    /// <summary>The start banner's format line, e.g. "alsa hw:0: 48000 Hz, S32_LE, 16 in / 16 out, period 32 x 2 (0.67 ms)".</summary>
    public string DescribeFormat() => string.Create(CultureInfo.InvariantCulture,
        $"{Backend} {Device}: {SampleRateHz} Hz, {SampleFormat.AlsaName()}, {ChannelsIn} in / {ChannelsOut} out, period {PeriodFrames} x {Periods} ({PeriodMs:0.00} ms){(Linked ? "" : ", capture and playback not linked")}");

    /// <summary>The start banner's latency line, e.g. "latency: 2 periods x 32 frames = 64 frames (1.33 ms) + converters".</summary>
    public string DescribeLatency() => string.Create(CultureInfo.InvariantCulture,
        $"latency: {LatencyNote} = {LatencyFrames} frames ({LatencyMs:0.00} ms){(Backend is "alsa" or "jack" ? " + converters" : "")}");
}
