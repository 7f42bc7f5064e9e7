using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Preview;
using MixConsole.Mastering.Matching;

namespace MixConsole.Mastering.Preview;

/// <summary>One system's preview of a master: the curve, the WAV written and what the master loses on it.</summary>
/// <param name="Curve">The system's curve.</param>
/// <param name="OutputPath">The preview WAV.</param>
/// <param name="Findings">What the master loses (or gains) there, in words.</param>
public sealed record PreviewOutput(PreviewCurve Curve, string OutputPath, IReadOnlyList<string> Findings);

/// <summary>Every system's preview of one master, and the master's spectrum they were judged on.</summary>
/// <param name="InputPath">The master.</param>
/// <param name="Format">The master's format.</param>
/// <param name="Frames">Frames in the master.</param>
/// <param name="Spectrum">The master's average mid and side spectrum.</param>
/// <param name="Outputs">One per system, in <see cref="PreviewCurves.All"/> order.</param>
public sealed record PreviewResult(string InputPath, WavFormat Format, long Frames, AverageSpectrum Spectrum, IReadOnlyList<PreviewOutput> Outputs);

/// <summary>
/// Renders a master through every preview system in one pass over the file: DIR/NAME.SYSTEM.wav each (32-bit float,
/// so the systems that lift the bass never clip), while the master's spectrum is measured for the findings.
/// </summary>
public static class PreviewRenderer
{
    private const int BlockFrames = 4096;

    /// <summary>Renders <paramref name="inputPath"/> into <paramref name="outputDir"/> (created when missing).</summary>
    /// <exception cref="WavFormatException">The input is not a readable WAV.</exception>
    /// <exception cref="IOException">A file cannot be read or written.</exception>
    public static PreviewResult Render(string inputPath, string outputDir, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(outputDir);
        using var reader = WavReader.Open(inputPath);
        WavFormat format = reader.Format;
        Directory.CreateDirectory(outputDir);
        var outputFormat = new WavFormat(format.SampleRateHz, format.Channels, WavSampleFormat.Float32, format.ChannelMask);
        var spec = new ProcessSpec(format.SampleRateHz, BlockFrames, format.Channels);
        IReadOnlyList<PreviewCurve> curves = PreviewCurves.All;
        var processors = new PreviewProcessor[curves.Count];
        var writers = new WavWriter[curves.Count];
        var paths = new string[curves.Count];
        string stem = Path.GetFileNameWithoutExtension(inputPath);
        try
        {
            for (int s = 0; s < curves.Count; s++)
            {
                processors[s] = new PreviewProcessor(curves[s].System);
                processors[s].Prepare(spec);
                paths[s] = Path.Combine(outputDir, $"{stem}.{curves[s].Name}.wav");
                writers[s] = WavWriter.Create(paths[s], outputFormat);
            }

            var spectrum = new SpectrumAccumulator(format.SampleRateHz, format.Channels);
            var input = new AudioBuffer(format.Channels, BlockFrames);
            var work = new AudioBuffer(format.Channels, BlockFrames);
            long done = 0, total = Math.Max(1, reader.FrameCount);
            int frames;
            while ((frames = reader.Read(input, BlockFrames)) > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                spectrum.Process(input, frames);
                for (int s = 0; s < curves.Count; s++)
                {
                    for (int c = 0; c < format.Channels; c++) input.Channel(c, frames).CopyTo(work.Channel(c, frames));
                    processors[s].Process(work, frames);
                    writers[s].Write(work, frames);
                }

                done += frames;
                progress?.Report((double)done / total);
            }

            AverageSpectrum master = spectrum.Result();
            var outputs = new PreviewOutput[curves.Count];
            for (int s = 0; s < curves.Count; s++) outputs[s] = new PreviewOutput(curves[s], paths[s], PreviewFindings.For(curves[s], master));
            return new PreviewResult(inputPath, format, done, master, outputs);
        }
        finally
        {
            foreach (WavWriter? writer in writers) writer?.Dispose();
        }
    }
}
