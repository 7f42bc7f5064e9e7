using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Mixer;
using MixConsole.Engine.Parameters;
using MixConsole.Host.Cli;
using MixConsole.Mastering.Delivery;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;
using MixConsole.Mastering.Report;
using MixConsole.Mastering.Targets;

namespace MixConsole.Host.Offline;

/// <summary>Loudness and peak of a rendered stereo file.</summary>
internal sealed record RenderedLevels(double IntegratedLufs, double TruePeakDbtp, double SamplePeakDbfs)
{
    /// <summary>For a master: the preset, each multiband band's deepest gain reduction (low band first) and the limiter's, dB.</summary>
    public MasterStageWork? Work { get; init; }
}

/// <summary>Which stage of a master did how much of the peak control, dB of deepest gain reduction.</summary>
internal sealed record MasterStageWork(string Preset, IReadOnlyList<double> MultibandDb, IReadOnlyList<double> CrossoversHz, double LimiterDb);

/// <summary>What a render produced.</summary>
internal sealed record MixRenderResult(string OutputPath, int SampleRateHz, long Frames, int InputFiles, RenderedLevels Mix,
    DeliveryTarget? Target, RenderedLevels? Master, WavSampleFormat Format);

/// <summary>
/// Renders a <see cref="MixSession"/> through the console engine, and with a delivery target through the
/// master chain as well. Deterministic: the same session gives the same file, bit for bit.
/// </summary>
internal static class SessionRenderer
{
    /// <summary>Frames per engine block when rendering (output does not depend on it).</summary>
    public const int BlockFrames = 512;

    public static MixRenderResult Render(MixSession session, string outputPath, DeliveryTarget? master, double tailSeconds,
        Action<double>? progress = null, CancellationToken cancellation = default, Action<ParameterStore>? adjust = null, string? reportPath = null,
        MasterPreset? preset = null)
    {
        var readers = new List<(WavReader Reader, SessionInput Input, AudioBuffer Buffer)>();
        try
        {
            int rate = OpenInputs(session, readers);
            var store = new ParameterStore(ParameterTable.Create(session.Config));
            if (session.Parameters is { } parameters)
            {
                try
                {
                    SceneFile.ApplyParameters(store, parameters);
                }
                catch (SceneFormatException e)
                {
                    throw new UserFacingException($"{Path.GetFileName(session.Path)}: {e.Message}");
                }
            }

            // A stereo file is a linked pair: the odd channel's settings drive both sides.
            foreach (var (reader, item, _) in readers)
                if (reader.Format.Channels == 2) store.TrySetInt(store.Table.IndexOf(ParameterPaths.ChannelLink(item.Channel)), 1);
            adjust?.Invoke(store);

            var engine = new MixerEngine(store);
            engine.Prepare(rate, BlockFrames, session.Config.Channels, 2);
            long inputFrames = 0;
            foreach (var (reader, _, _) in readers) inputFrames = Math.Max(inputFrames, reader.FrameCount);
            long total = inputFrames + (long)Math.Round(tailSeconds * rate);

            var input = new AudioBuffer(session.Config.Channels, BlockFrames);
            var output = new AudioBuffer(2, BlockFrames);
            var meter = new LoudnessMeter();
            meter.Prepare(new ProcessSpec(rate, BlockFrames, 2));
            var format = master is null ? WavSampleFormat.Float32 : master.BitsPerSample == 16 ? WavSampleFormat.Pcm16 : WavSampleFormat.Pcm24;
            string temporary = outputPath + ".partial";
            // Mastering reads the mix back from disk: nothing is held in memory, whatever the length.
            WavWriter? writer = WavWriter.Create(temporary, new WavFormat(rate, 2, WavSampleFormat.Float32));
            try
            {
                for (long start = 0; start < total; start += BlockFrames)
                {
                    cancellation.ThrowIfCancellationRequested();
                    int n = (int)Math.Min(BlockFrames, total - start);
                    input.Clear(n);
                    foreach (var (reader, item, buffer) in readers)
                    {
                        int got = reader.Read(buffer, n);
                        for (int c = 0; c < buffer.Channels; c++)
                            buffer.Channel(c, got).CopyTo(input.Channel(item.Channel - 1 + c));
                    }

                    engine.Process(input, output, n);
                    meter.Process(output, n);
                    writer.Write(output, n);

                    if ((start / BlockFrames) % 256 == 0) progress?.Invoke((double)start / total * (master is null ? 1.0 : 0.5));
                }

                var mix = Levels(meter);
                writer.Dispose();
                writer = null;
                RenderedLevels? mastered = null;
                if (master is not null)
                    mastered = Master(temporary, outputPath, master, progress, cancellation, reportPath, preset, $"the mix of {Path.GetFileName(session.Path)}");
                else
                    File.Move(temporary, outputPath, overwrite: true);
                progress?.Invoke(1.0);
                return new MixRenderResult(outputPath, rate, total, readers.Count, mix, master, mastered, format);
            }
            finally
            {
                writer?.Dispose();
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
        finally
        {
            foreach (var (reader, _, _) in readers) reader.Dispose();
        }
    }

    /// <summary>
    /// Masters the mix file at <paramref name="mixPath"/> to <paramref name="target"/> through the mastering
    /// pipeline (<paramref name="preset"/>, transparent by default: loudness and true-peak control), the same as <c>mixconsole master</c>.
    /// </summary>
    public static RenderedLevels Master(string mixPath, string outputPath, DeliveryTarget target, Action<double>? progress = null,
        CancellationToken cancellation = default, string? reportPath = null, MasterPreset? preset = null, string? mixName = null)
    {
        bool report = reportPath is not null;
        preset ??= MasterPreset.Transparent;
        using var session = new MasteringSession(mixPath, preset, collectPlots: report);
        var half = progress is null ? null : new SecondHalf(progress);
        session.Analyze(withSpectrum: report, null, cancellation);
        session.Prepare(null, cancellation);
        // The mix is float; a delivered master is 24-bit (16 where the target says so), dithered once, last.
        var request = Deliverer.RequestFor(target, outputPath) with { Format = target.BitsPerSample == 16 ? WavSampleFormat.Pcm16 : WavSampleFormat.Pcm24 };
        var outcome = session.Render(request, half, cancellation);
        if (reportPath is not null) File.WriteAllText(reportPath, HtmlReport.Build(session, outcome, $"{Path.GetFileName(outputPath)} for {target.DisplayName}", mixName));
        var crossovers = new MasterChain().Multiband.Crossover;
        return new RenderedLevels(outcome.After.IntegratedLufs, outcome.After.TruePeakDbtp, outcome.After.SamplePeakDbfs)
        {
            Work = new MasterStageWork(preset.Name, session.MultibandMaxGainReductionDb,
                [.. Enumerable.Range(0, Math.Max(0, session.MultibandMaxGainReductionDb.Count - 1)).Select(crossovers.GetCrossoverHz)], outcome.MaxGainReductionDb),
        };
    }

    /// <summary>Reports the mastering stage as the second half of the render, synchronously.</summary>
    private sealed class SecondHalf(Action<double> progress) : IProgress<double>
    {
        public void Report(double value) => progress(0.5 + 0.5 * value);
    }

    /// <summary>Integrated loudness and peaks of planar audio (BS.1770).</summary>
    public static RenderedLevels Measure(IReadOnlyList<float[]> channels, int rate)
    {
        var meter = new LoudnessMeter();
        meter.Prepare(new ProcessSpec(rate, 4096, channels.Count));
        var block = new AudioBuffer(channels.Count, 4096);
        int frames = channels[0].Length;
        for (int start = 0; start < frames; start += 4096)
        {
            int n = Math.Min(4096, frames - start);
            for (int c = 0; c < channels.Count; c++) channels[c].AsSpan(start, n).CopyTo(block.Channel(c));
            meter.Process(block, n);
        }

        return Levels(meter);
    }

    private static RenderedLevels Levels(LoudnessMeter meter) =>
        new(meter.IntegratedLufs, meter.TryGetTruePeakDbtp(out double tp) ? tp : double.NegativeInfinity, meter.SamplePeakDbfs);

    private static int OpenInputs(MixSession session, List<(WavReader, SessionInput, AudioBuffer)> readers)
    {
        int? rate = session.RateHz;
        string? rateSource = rate is null ? null : "the session";
        var taken = new string?[session.Config.Channels + 1];
        foreach (var input in session.Inputs)
        {
            if (!File.Exists(input.FullPath)) throw new UserFacingException($"{input.File}: file not found (looked for {input.FullPath})");
            WavReader reader;
            try
            {
                reader = WavReader.Open(input.FullPath);
            }
            catch (WavFormatException e)
            {
                throw new UserFacingException(e.Message);
            }
            catch (IOException e)
            {
                throw new UserFacingException($"{input.File}: cannot be read: {e.Message}");
            }

            readers.Add((reader, input, new AudioBuffer(reader.Format.Channels, BlockFrames)));
            int channels = reader.Format.Channels;
            if (channels > 2)
                throw new UserFacingException($"{input.File} has {channels} channels; a session input is a mono or a stereo file (split multichannel files into stems)");
            if (channels == 2 && input.Channel % 2 == 0)
                throw new UserFacingException($"{input.File} is stereo and needs a linked pair starting on an odd channel (1, 3, 5, ...); it names channel {input.Channel}");
            if (input.Channel + channels - 1 > session.Config.Channels)
                throw new UserFacingException($"{input.File} is stereo on channel {input.Channel}: channel {input.Channel + 1} does not exist on this {session.Config.Channels}-channel console");
            for (int c = input.Channel; c < input.Channel + channels; c++)
            {
                if (taken[c] is { } other) throw new UserFacingException($"{input.File} and {other} both use channel {c}");
                taken[c] = input.File;
            }

            int fileRate = reader.Format.SampleRateHz;
            if (rate is null)
            {
                rate = fileRate;
                rateSource = input.File;
            }
            else if (fileRate != rate)
            {
                throw new UserFacingException(
                    $"{input.File} is {fileRate} Hz but {rateSource} is {rate} Hz; the mixer does not resample: convert the file first (e.g. sox \"{input.File}\" -r {rate} out.wav)");
            }
        }

        return rate!.Value;
    }
}
