using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;

namespace MixConsole.Mastering.Analysis;

/// <summary>
/// The measurements of <see cref="FileAnalyzer"/> fed block by block, so a pass that already streams a file
/// (the mastering pipeline's render passes) analyses it on the way instead of reading it again.
/// </summary>
public sealed class AnalysisAccumulator
{
    private readonly LoudnessMeter _meter = new();
    private readonly MixStatistics _stats;
    private readonly WavFormat _format;
    private long _frames;

    /// <summary>Prepares for blocks of up to <paramref name="maxBlockFrames"/> frames of audio in <paramref name="format"/>.</summary>
    /// <param name="format">Rate, channel count and mask of the audio (the sample format is only reported).</param>
    /// <param name="maxBlockFrames">Largest block given to <see cref="Process"/>.</param>
    /// <param name="history">Receives momentary and short-term loudness at 10 Hz; may be null.</param>
    public AnalysisAccumulator(WavFormat format, int maxBlockFrames, ILoudnessHistorySink? history = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        _format = format;
        int channels = format.Channels;
        var weights = format.ChannelMask != 0
            ? ChannelWeights.FromChannelMask((WaveChannelMask)format.ChannelMask, channels)
            : ChannelWeights.ForChannelCount(channels);
        _meter.Prepare(new ProcessSpec(format.SampleRateHz, maxBlockFrames, channels), weights,
            history is null ? LoudnessMeterOptions.Default : LoudnessMeterOptions.Default with { HistorySink = history });
        _stats = new MixStatistics(channels, format.SampleRateHz);
    }

    /// <summary>Frames measured so far.</summary>
    public long Frames => _frames;

    /// <summary>Integrated loudness so far, LUFS (minus infinity when nothing passes the gates).</summary>
    public double IntegratedLufs => _meter.IntegratedLufs;

    /// <summary>Measures the first <paramref name="frames"/> frames of <paramref name="buffer"/>.</summary>
    public void Process(AudioBuffer buffer, int frames)
    {
        _meter.Process(buffer, frames);
        _stats.Process(buffer, frames);
        _frames += frames;
    }

    /// <summary>The figures so far, labelled with <paramref name="displayName"/>.</summary>
    public AnalysisResult Result(string displayName)
    {
        int channels = _format.Channels;
        var names = ChannelNames.For(channels, _format.ChannelMask);
        var perChannel = new ChannelAnalysis[channels];
        for (int c = 0; c < channels; c++)
        {
            perChannel[c] = new ChannelAnalysis(
                names[c],
                Decibels.FromGain(_meter.ChannelSamplePeak(c)),
                Decibels.FromGain(_meter.ChannelTruePeak(c)),
                _stats.RmsDbfs(c),
                _stats.DcOffset(c) * 100,
                _stats.ClippedRuns(c));
        }

        return new AnalysisResult
        {
            File = displayName,
            Format = FileAnalyzer.Describe(_format),
            SampleRateHz = _format.SampleRateHz,
            Frames = _frames,
            IntegratedLufs = _meter.IntegratedLufs,
            LoudnessRangeLu = _meter.LoudnessRangeLu,
            TruePeakDbtp = _meter.TruePeakDbtp,
            SamplePeakDbfs = _meter.SamplePeakDbfs,
            MaxMomentaryLufs = _meter.MaxMomentaryLufs,
            MaxShortTermLufs = _meter.MaxShortTermLufs,
            Correlation = _stats.Correlation(),
            WorstCorrelation = _stats.WorstWindowCorrelation(),
            MonoFoldDownDb = _stats.MonoFoldDownDb(),
            Channels = perChannel,
        };
    }
}
