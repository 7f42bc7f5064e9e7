namespace MixConsole.Mastering.Targets;

/// <summary>
/// A place a master is delivered to: the loudness it is played back at and the
/// true-peak ceiling it asks for (values in REFERENCE.md, "Delivery targets").
/// </summary>
/// <param name="Id">Command-line name, e.g. "spotify".</param>
/// <param name="DisplayName">Human name, e.g. "Spotify".</param>
/// <param name="IntegratedLufs">Integrated loudness the platform normalises to, LUFS.</param>
/// <param name="CeilingDbtp">Highest true peak the platform asks for, dBTP.</param>
/// <param name="ToleranceLu">How far from the target still counts as on target, LU.</param>
/// <param name="TurnsUpQuietMasters">True when playback raises quiet masters (only up to the ceiling); false when it only turns down.</param>
/// <param name="SampleRateHz">Delivery sample rate when the target fixes one (CD: 44100), otherwise null.</param>
/// <param name="BitsPerSample">Delivery word length when the target fixes one (CD: 16), otherwise null.</param>
public sealed record DeliveryTarget(
    string Id,
    string DisplayName,
    double IntegratedLufs,
    double CeilingDbtp,
    double ToleranceLu = 0.5,
    bool TurnsUpQuietMasters = false,
    int? SampleRateHz = null,
    int? BitsPerSample = null)
{
    /// <summary>Every target MixConsole knows, in the order help lists them.</summary>
    public static IReadOnlyList<DeliveryTarget> All { get; } =
    [
        new("spotify", "Spotify", -14, -1, TurnsUpQuietMasters: true),
        new("apple-music", "Apple Music", -16, -1, TurnsUpQuietMasters: true),
        new("youtube", "YouTube", -14, -1),
        new("tidal", "Tidal", -14, -1),
        new("amazon", "Amazon Music", -14, -1),
        new("deezer", "Deezer", -15, -1),
        new("aes-streaming", "AES TD1008 streaming", -16, -1),
        new("ebu-r128", "EBU R128 broadcast", -23, -1, ToleranceLu: 0.2),
        new("atsc-a85", "ATSC A/85 broadcast", -24, -2, ToleranceLu: 2),
        // CD has no normalisation; -9 LUFS is a common loud-but-sane CD master level.
        new("cd", "CD (44.1 kHz, 16-bit)", -9, -1, ToleranceLu: 1, SampleRateHz: 44100, BitsPerSample: 16),
    ];

    /// <summary>The streaming services a listener's verdict is phrased against.</summary>
    public static IReadOnlyList<DeliveryTarget> Streaming { get; } =
        [Find("spotify")!, Find("apple-music")!, Find("youtube")!, Find("tidal")!, Find("amazon")!, Find("deezer")!];

    /// <summary>The target with this id (case-insensitive), or null.</summary>
    public static DeliveryTarget? Find(string id)
    {
        foreach (var t in All)
            if (string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase))
                return t;
        return null;
    }

    /// <summary>
    /// Gain in dB the platform applies on playback to a master of
    /// <paramref name="integratedLufs"/> and <paramref name="truePeakDbtp"/>: negative turns down;
    /// a positive gain is limited so the peak stays under the ceiling (as Spotify does without its limiter).
    /// </summary>
    public double PlaybackGainDb(double integratedLufs, double truePeakDbtp)
    {
        double gain = IntegratedLufs - integratedLufs;
        if (gain <= 0 || !TurnsUpQuietMasters) return Math.Min(gain, 0);
        return Math.Max(0, Math.Min(gain, CeilingDbtp - truePeakDbtp));
    }
}
