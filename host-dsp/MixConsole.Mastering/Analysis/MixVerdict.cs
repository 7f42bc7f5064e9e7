using System.Globalization;
using MixConsole.Mastering.Targets;

namespace MixConsole.Mastering.Analysis;

/// <summary>What a mastering engineer would say about an analysis: one headline, per-platform playback, and warnings.</summary>
/// <param name="Headline">One line: how the main streaming platform will play it and the most pressing problem.</param>
/// <param name="Platforms">One line per streaming platform: the gain its normalisation applies.</param>
/// <param name="Warnings">Problems worth fixing (clipping, overs, DC, phase, headroom), most serious first.</param>
public sealed record MixVerdict(string Headline, IReadOnlyList<string> Platforms, IReadOnlyList<string> Warnings)
{
    /// <summary>Above this true peak a master will clip after lossy encoding, dBTP.</summary>
    public const double StreamingCeilingDbtp = -1;

    /// <summary>Peaks above this in a dynamic (unmastered) mix leave the mastering stage too little room, dBTP.</summary>
    public const double MixHeadroomDbtp = -6;

    /// <summary>A PLR above this marks material as an unmastered mix rather than a master, LU.</summary>
    public const double UnmasteredPlrLu = 14;

    /// <summary>|DC offset| above this (percent of full scale, -60 dBFS) is reported.</summary>
    public const double DcWarnPercent = 0.1;

    private static string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Judges <paramref name="a"/>.</summary>
    public static MixVerdict From(AnalysisResult a)
    {
        var platforms = new List<string>();
        var warnings = new List<string>();
        if (a.IsSilent)
            return new MixVerdict("silence: nothing rises above the -70 LUFS gate, so there is no loudness to judge", platforms, warnings);

        foreach (var t in DeliveryTarget.Streaming)
            platforms.Add(PlaybackLine(t, a.IntegratedLufs, a.TruePeakDbtp));

        var clipped = a.Channels.Where(c => c.ClippedRuns > 0).ToList();
        if (clipped.Count > 0)
            warnings.Add($"clipping: {clipped.Sum(c => c.ClippedRuns)} runs of full-scale samples on {string.Join(", ", clipped.Select(c => c.Name))}");
        if (a.TruePeakDbtp > StreamingCeilingDbtp)
            warnings.Add($"true peak {F(a.TruePeakDbtp)} dBTP is above the {F(StreamingCeilingDbtp)} dBTP streaming ceiling: lossy encoding will add distortion");
        bool unmastered = a.PeakToLoudnessRatioLu > UnmasteredPlrLu;
        if (unmastered && a.TruePeakDbtp > MixHeadroomDbtp)
            warnings.Add($"peaks at {F(a.TruePeakDbtp)} dBTP: leave ~6 dB headroom before mastering");
        foreach (var c in a.Channels)
            if (Math.Abs(c.DcOffsetPercent) > DcWarnPercent)
                warnings.Add($"DC offset of {F(c.DcOffsetPercent, "0.00")} % on {c.Name}: high-pass below 20 Hz");
        if (a.Channels.Count >= 2 && (a.Correlation < 0 || a.WorstCorrelation < -0.3 || a.MonoFoldDownDb < -6))
            warnings.Add($"phase: correlation {F(a.Correlation, "0.00")} (worst 400 ms {F(a.WorstCorrelation, "0.00")}), mono fold-down {F(a.MonoFoldDownDb)} dB: parts cancel in mono");
        if (a.PeakToLoudnessRatioLu < 6)
            warnings.Add($"PLR {F(a.PeakToLoudnessRatioLu)} LU: heavily limited; after normalisation it will sound flatter than more dynamic masters");

        string headline = platforms[0];
        if (warnings.Count > 0) headline += "; " + warnings[0];
        return new MixVerdict(headline, platforms, warnings);
    }

    /// <summary>"Spotify would turn this down 3.2 dB" and its variants.</summary>
    public static string PlaybackLine(DeliveryTarget t, double integratedLufs, double truePeakDbtp)
    {
        double gain = t.PlaybackGainDb(integratedLufs, truePeakDbtp);
        double want = t.IntegratedLufs - integratedLufs;
        if (Math.Abs(gain) < 0.05 && Math.Abs(want) < 0.05)
            return $"{t.DisplayName} would play this as is ({F(t.IntegratedLufs, "0")} LUFS)";
        if (gain < 0)
            return $"{t.DisplayName} would turn this down {F(-gain)} dB (to {F(t.IntegratedLufs, "0")} LUFS)";
        if (gain > 0.05)
        {
            string limited = gain < want - 0.05 ? $", not the {F(want)} dB it needs: peaks hit its {F(t.CeilingDbtp, "0")} dBTP ceiling" : "";
            return $"{t.DisplayName} would turn this up {F(gain)} dB{limited}";
        }
        return t.TurnsUpQuietMasters
            ? $"{t.DisplayName} cannot turn this up (peaks at its ceiling): it plays {F(want)} dB quieter than its {F(t.IntegratedLufs, "0")} LUFS target"
            : $"{t.DisplayName} only turns down: this plays {F(want)} dB quieter than its {F(t.IntegratedLufs, "0")} LUFS target";
    }
}
