using MixConsole.Mastering.Matching;
using MixConsole.Mastering.Pipeline;
using MixConsole.Mastering.Presets;

namespace MixConsole.Mastering.Album;

/// <summary>
/// Album normalisation, as Spotify and Tidal play albums: one album gain makes the loudest song meet the
/// target, and every song keeps its loudness relative to the others. Each song still gets its own loudness
/// search (the limiter works harder on louder songs), so the relative loudness holds to within the search
/// tolerance instead of drifting by each song's limiting. Optionally the tonal balance is made consistent:
/// each song's mid and side spectra move toward the album's average by an amount.
/// </summary>
public static class AlbumMaster
{
    /// <summary>Album targets for songs of <paramref name="inputLufs"/>: the loudest lands on <paramref name="targetLufs"/>, the rest keep their distance.</summary>
    public static double[] SongTargets(IReadOnlyList<double> inputLufs, double targetLufs)
    {
        ArgumentNullException.ThrowIfNull(inputLufs);
        double loudest = inputLufs.Where(double.IsFinite).DefaultIfEmpty(targetLufs).Max();
        return inputLufs.Select(l => double.IsFinite(l) ? targetLufs + (l - loudest) : targetLufs).ToArray();
    }

    /// <summary>The album's average spectrum: each song's spectrum scaled to unit mid energy, averaged (every song counts once, whatever its level or length).</summary>
    public static AverageSpectrum AverageOf(IReadOnlyList<AverageSpectrum> spectra)
    {
        ArgumentNullException.ThrowIfNull(spectra);
        var first = spectra[0];
        var mid = new double[first.MidPower.Length];
        var side = new double[first.SidePower.Length];
        foreach (var s in spectra)
        {
            if (s.FftSize != first.FftSize || s.SampleRateHz != first.SampleRateHz)
                throw new ArgumentException("album songs must share a sample rate for tonal matching");
            double norm = s.BandPower(s.MidPower, AverageSpectrum.LowestHz, s.HighestHz);
            if (norm <= 0) continue;
            for (int k = 0; k < mid.Length; k++) { mid[k] += s.MidPower[k] / norm; side[k] += s.SidePower[k] / norm; }
        }
        return first with { MidPower = mid, SidePower = side, Segments = spectra.Sum(s => s.Segments) };
    }

    /// <summary>
    /// Masters <paramref name="inputs"/> as one album into <paramref name="directory"/> (same file names).
    /// <paramref name="toneAmount"/> (0..1) moves each song's tone toward the album average; 0 leaves tone alone.
    /// <paramref name="written"/> sees each song's session and master while the session is open (for its report).
    /// </summary>
    public static IReadOnlyList<AlbumSong> Run(IReadOnlyList<string> inputs, string directory, double targetLufs, double ceilingDbtp,
        MasterPreset preset, double toneAmount, Func<string, MasterRequest, MasterRequest>? configure = null,
        bool collectPlots = false, Action<string, string, double>? progress = null, CancellationToken cancellation = default,
        Action<MasteringSession, MasterOutcome>? written = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(preset);
        var sessions = new List<MasteringSession>();
        try
        {
            foreach (string input in inputs)
            {
                var session = new MasteringSession(input, preset, collectPlots);
                sessions.Add(session);
                session.Analyze(withSpectrum: toneAmount > 0, Report(progress, input, "analysing"), cancellation);
            }
            if (toneAmount > 0)
            {
                var average = AverageOf(sessions.Select(s => s.Spectrum!).ToList());
                foreach (var s in sessions) s.MatchToward(average, toneAmount, 0);
            }
            double[] targets = SongTargets(sessions.Select(s => s.Before.IsSilent ? double.NegativeInfinity : s.Before.IntegratedLufs).ToList(), targetLufs);
            Directory.CreateDirectory(directory);
            var songs = new List<AlbumSong>();
            for (int i = 0; i < sessions.Count; i++)
            {
                var s = sessions[i];
                s.Prepare(Report(progress, s.InputPath, "preparing"), cancellation);
                var request = new MasterRequest(Path.Combine(directory, Path.GetFileName(s.InputPath)), targets[i], ceilingDbtp)
                {
                    Label = Path.GetFileName(s.InputPath),
                };
                if (configure is not null) request = configure(s.InputPath, request);
                var outcome = s.Render(request, Report(progress, s.InputPath, "mastering"), cancellation);
                written?.Invoke(s, outcome);
                songs.Add(new AlbumSong(s.InputPath, s.Before.IntegratedLufs, targets[i], outcome));
            }
            return songs;
        }
        finally
        {
            foreach (var s in sessions) s.Dispose();
        }
    }

    private static IProgress<double>? Report(Action<string, string, double>? progress, string input, string stage) =>
        progress is null ? null : new Relay(f => progress(input, stage, f));

    private sealed class Relay(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
