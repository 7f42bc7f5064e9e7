using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;
using MixConsole.Mastering.Targets;

namespace MixConsole.Mastering.Delivery;

/// <summary>
/// One mix, many deliverables: one analysis and one pre-limiter render shared by every target, then one
/// master per target named DIR/STEM.TARGET.wav. A target that fixes a rate and word length (cd: 44.1 kHz,
/// 16-bit) is resampled with the <see cref="Dsp.Resampling.SampleRateConverter"/> before its limiter, so its
/// true peak is limited and verified at the delivery rate, and dithered once, last.
/// </summary>
public static class Deliverer
{
    /// <summary>The file a target's master is written to.</summary>
    public static string OutputPath(string inputPath, string directory, DeliveryTarget target) =>
        Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(inputPath)}.{target.Id}.wav");

    /// <summary>Masters <paramref name="session"/> (analysed and prepared) for each of <paramref name="targets"/> into <paramref name="directory"/>.</summary>
    /// <param name="session">The mix, analysed.</param>
    /// <param name="directory">Output folder (created if missing).</param>
    /// <param name="targets">Where the masters go.</param>
    /// <param name="configure">Adjusts each target's request (format, limits) before it is rendered; may be null.</param>
    /// <param name="progress">Receives (target, fraction of that target's current pass); may be null.</param>
    /// <param name="cancellation">Stops between blocks.</param>
    public static IReadOnlyList<MasterOutcome> Run(MasteringSession session, string directory, IReadOnlyList<DeliveryTarget> targets,
        Func<DeliveryTarget, MasterRequest, MasterRequest>? configure = null, Action<DeliveryTarget, double>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(targets);
        Directory.CreateDirectory(directory);
        var outcomes = new List<MasterOutcome>();
        foreach (var target in targets)
        {
            var request = RequestFor(target, OutputPath(session.InputPath, directory, target));
            if (configure is not null) request = configure(target, request);
            IProgress<double>? p = progress is null ? null : new Progress(f => progress(target, f));
            outcomes.Add(session.Render(request, p, cancellation));
        }
        return outcomes;
    }

    /// <summary>The request a target implies: its loudness and ceiling, and its rate and word length when it fixes them.</summary>
    public static MasterRequest RequestFor(DeliveryTarget target, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new MasterRequest(outputPath, target.IntegratedLufs, target.CeilingDbtp)
        {
            SampleRateHz = target.SampleRateHz,
            Format = target.BitsPerSample switch { 16 => Audio.Wav.WavSampleFormat.Pcm16, 24 => Audio.Wav.WavSampleFormat.Pcm24, _ => null },
            Label = target.Id,
        };
    }

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
