using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;

namespace MixConsole.Mastering.Analysis;

/// <summary>Streams a WAV file through the loudness meter and the mix statistics: the work behind <c>mixconsole analyze</c>.</summary>
public static class FileAnalyzer
{
    /// <summary>Frames decoded per block: large enough to amortise per-block work, small enough to stay in cache.</summary>
    public const int BlockFrames = 8192;

    /// <summary>
    /// Analyses the file at <paramref name="path"/>. Throws <see cref="WavFormatException"/> (one line naming
    /// the file and the problem) for input it cannot read.
    /// </summary>
    /// <param name="path">WAV file to analyse.</param>
    /// <param name="progress">Receives the fraction done (0..1) about every second of audio decoded in bulk; may be null.</param>
    /// <param name="history">Receives momentary and short-term loudness at 10 Hz for plots; may be null.</param>
    /// <param name="cancellation">Stops the analysis between blocks.</param>
    public static AnalysisResult Analyze(string path, IProgress<double>? progress = null, ILoudnessHistorySink? history = null, CancellationToken cancellation = default)
    {
        using var reader = WavReader.Open(path);
        return Analyze(reader, path, progress, history, cancellation);
    }

    /// <summary>Analyses everything left in <paramref name="reader"/>.</summary>
    public static AnalysisResult Analyze(WavReader reader, string displayName, IProgress<double>? progress = null, ILoudnessHistorySink? history = null, CancellationToken cancellation = default)
    {
        var format = reader.Format;
        var accumulator = new AnalysisAccumulator(format, BlockFrames, history);
        var buffer = new AudioBuffer(format.Channels, BlockFrames);

        long total = reader.FramesRemaining;
        long done = 0, lastReport = 0;
        int n;
        while ((n = reader.Read(buffer, BlockFrames)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            accumulator.Process(buffer, n);
            done += n;
            if (progress is not null && total > 0 && done - lastReport >= 30L * format.SampleRateHz)
            {
                progress.Report((double)done / total);
                lastReport = done;
            }
        }
        return accumulator.Result(displayName);
    }

    /// <summary>"PCM 24-bit, 48000 Hz, stereo" style description of a WAV format.</summary>
    public static string Describe(WavFormat format)
    {
        string sample = format.SampleFormat switch
        {
            WavSampleFormat.Float32 => "float 32-bit",
            WavSampleFormat.Float64 => "float 64-bit",
            _ => $"PCM {format.SampleFormat.BitsPerSample()}-bit",
        };
        string layout = format.Channels switch { 1 => "mono", 2 => "stereo", 6 => "5.1", 8 => "7.1", _ => $"{format.Channels} channels" };
        return $"{sample}, {format.SampleRateHz} Hz, {layout}";
    }
}
