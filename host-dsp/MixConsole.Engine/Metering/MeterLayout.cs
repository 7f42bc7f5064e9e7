using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Metering;

/// <summary>
/// Where each reading sits in a meter frame: a fixed-length run of floats the audio thread publishes
/// at <see cref="MixerMeters.PublishRateHz"/>. Levels are linear (1.0 = 0 dBFS, as X32 meter blobs);
/// gain reduction is in dB (positive = attenuating); loudness in LUFS, <see cref="SilenceLufs"/> when
/// nothing has been measured yet. Order: header, channels, buses, effect returns, main, mono, solo, loudness, matrices.
/// </summary>
public sealed class MeterLayout
{
    /// <summary>Floats per input channel: peak and RMS before the fader, peak and RMS after it, gate and compressor gain reduction.</summary>
    public const int PerChannel = 6;

    /// <summary>Floats per mix bus: peak, RMS (after the fader), compressor gain reduction.</summary>
    public const int PerBus = 3;

    /// <summary>Floats per effect return: left and right peak, then left and right RMS (after the return faders).</summary>
    public const int PerFxReturn = 4;

    /// <summary>Floats per matrix bus: peak, RMS (after the fader), compressor gain reduction.</summary>
    public const int PerMatrix = 3;

    /// <summary>Header floats: time and frames lost.</summary>
    public const int HeaderLength = 2;

    /// <summary>Loudness reported when there is none to report (nothing measured, or silence).</summary>
    public const float SilenceLufs = -200f;

    /// <summary>Builds the layout for a console of size <paramref name="config"/>.</summary>
    public MeterLayout(ConsoleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        FirstChannel = HeaderLength;
        FirstBus = FirstChannel + config.InputStrips * PerChannel;
        FirstFxReturn = FirstBus + config.Buses * PerBus;
        Main = FirstFxReturn + config.FxSlots * PerFxReturn;
        Mono = Main + 5;
        Solo = Mono + 2;
        Loudness = Solo + 2;
        FirstMatrix = Loudness + 3;
        FrameLength = FirstMatrix + config.Matrices * PerMatrix;
    }

    /// <summary>The console size this layout describes.</summary>
    public ConsoleConfig Config { get; }

    /// <summary>Floats in one frame.</summary>
    public int FrameLength { get; }

    /// <summary>Offset of the frame's time: seconds of audio processed since Prepare, at the end of the window.</summary>
    public int Seconds => 0;

    /// <summary>Offset of the count of frames the ring had no room for since the previous published frame.</summary>
    public int FramesLost => 1;

    /// <summary>Offset of channel 0's first reading.</summary>
    public int FirstChannel { get; }

    /// <summary>Offset of bus 0's first reading.</summary>
    public int FirstBus { get; }

    /// <summary>Offset of effect return 0's first reading.</summary>
    public int FirstFxReturn { get; }

    /// <summary>Offset of the main bus: peak L, peak R, RMS L, RMS R (at the output, after the master chain), compressor gain reduction.</summary>
    public int Main { get; }

    /// <summary>Offset of the mono bus: peak, RMS.</summary>
    public int Mono { get; }

    /// <summary>Offset of the solo bus: peak L, peak R.</summary>
    public int Solo { get; }

    /// <summary>Offset of main loudness: momentary, short-term, integrated (LUFS, BS.1770).</summary>
    public int Loudness { get; }

    /// <summary>Offset of matrix 0's first reading (after loudness, so the readings before keep their places).</summary>
    public int FirstMatrix { get; }

    /// <summary>Peak of matrix <paramref name="matrix"/> (0-based) after its fader; RMS and compressor gain reduction (dB) follow.</summary>
    public int MatrixPeak(int matrix) => FirstMatrix + matrix * PerMatrix;

    /// <summary>Peak before the fader of channel <paramref name="channel"/> (0-based).</summary>
    public int ChannelPeakPreFader(int channel) => FirstChannel + channel * PerChannel;

    /// <summary>RMS before the fader of channel <paramref name="channel"/> (0-based).</summary>
    public int ChannelRmsPreFader(int channel) => FirstChannel + channel * PerChannel + 1;

    /// <summary>Peak after the fader of channel <paramref name="channel"/> (0-based).</summary>
    public int ChannelPeakPostFader(int channel) => FirstChannel + channel * PerChannel + 2;

    /// <summary>RMS after the fader of channel <paramref name="channel"/> (0-based).</summary>
    public int ChannelRmsPostFader(int channel) => FirstChannel + channel * PerChannel + 3;

    /// <summary>Gate gain reduction (dB) of channel <paramref name="channel"/> (0-based).</summary>
    public int ChannelGateReduction(int channel) => FirstChannel + channel * PerChannel + 4;

    /// <summary>Compressor gain reduction (dB) of channel <paramref name="channel"/> (0-based).</summary>
    public int ChannelCompressorReduction(int channel) => FirstChannel + channel * PerChannel + 5;

    /// <summary>Peak of bus <paramref name="bus"/> (0-based) after its fader.</summary>
    public int BusPeak(int bus) => FirstBus + bus * PerBus;

    /// <summary>RMS of bus <paramref name="bus"/> (0-based) after its fader.</summary>
    public int BusRms(int bus) => FirstBus + bus * PerBus + 1;

    /// <summary>Compressor gain reduction (dB) of bus <paramref name="bus"/> (0-based).</summary>
    public int BusCompressorReduction(int bus) => FirstBus + bus * PerBus + 2;

    /// <summary>Left peak of effect return <paramref name="slot"/> (0-based); right follows.</summary>
    public int FxReturnPeak(int slot) => FirstFxReturn + slot * PerFxReturn;

    /// <summary>Left RMS of effect return <paramref name="slot"/> (0-based); right follows.</summary>
    public int FxReturnRms(int slot) => FirstFxReturn + slot * PerFxReturn + 2;
}
