using MixConsole.Dsp.Mastering;

namespace MixConsole.Mastering.Presets;

/// <summary>
/// Tonal and dynamic character of a master: settings for the chain's EQ, multiband compressor, imager,
/// saturation and limiter timing. Level-dependent stages are set for a mix at <see cref="NominalLufs"/>: the
/// chain's input trim brings every mix there first (the loudness gain later sets the final level), so a preset
/// sounds the same on a quiet mix and a loud one.
/// </summary>
/// <param name="Name">Command-line name, e.g. "warm".</param>
/// <param name="Description">One line for help: what it does to the sound.</param>
/// <param name="UsesDynamics">True when the multiband compressor runs (false: bypassed, not merely neutral).</param>
public sealed record MasterPreset(string Name, string Description, bool UsesDynamics)
{
    /// <summary>Loudness the input trim brings a mix to before the level-dependent stages, LUFS.</summary>
    public const double NominalLufs = -18;

    /// <summary>Widest input trim the preset applies either way, dB.</summary>
    public const double MaxTrimDb = 24;

    /// <summary>Only DC/subsonic clean-up and the true-peak limiter: the loudness target, nothing else.</summary>
    public static MasterPreset Transparent { get; } = new("transparent", "loudness and peak control only: subsonic high-pass, gain, true-peak limiter", false);

    /// <summary>Low-end weight, softened top, gentle glue and a little oversampled saturation.</summary>
    public static MasterPreset Warm { get; } = new("warm", "+1.5 dB low shelf at 120 Hz, -1 dB high shelf at 8 kHz, 2:1 glue, light tape saturation", true);

    /// <summary>Presence and air, tamed lows, gentle glue.</summary>
    public static MasterPreset Bright { get; } = new("bright", "+2 dB high shelf at 9 kHz, +1 dB presence at 3.5 kHz, -1 dB below 60 Hz, 1.5:1 glue", true);

    /// <summary>Kick and snare forward: slower attack on the lows, firmer ratio, quicker limiter release.</summary>
    public static MasterPreset Punchy { get; } = new("punchy", "+1 dB at 70 Hz, 3:1 low band with 30 ms attack, 2:1 mids, faster limiter release (40 ms)", true);

    /// <summary>Loud and dense with the limiter kept light: fast multiband compression takes the drums' transients first.</summary>
    public static MasterPreset Tight { get; } = new("tight", "fast multiband compression takes the hits before the limiter: 4:1 above -16 dB, 0.5 ms attack, 60 ms release", true);

    /// <summary>Wider image above the bass, mono lows, a touch of air.</summary>
    public static MasterPreset Wide { get; } = new("wide", "mono below 120 Hz, 120 % width 120 Hz-4 kHz, 140 % above, +1 dB air at 12 kHz", false);

    /// <summary>Every preset, in the order help lists them.</summary>
    public static IReadOnlyList<MasterPreset> All { get; } = [Transparent, Warm, Bright, Punchy, Tight, Wide];

    /// <summary>
    /// A preset whose tone and dynamics <paramref name="configure"/> sets (a user preset saved on the live console):
    /// called by <see cref="Apply"/> after the trim, subsonic filter and limiter timing every preset shares.
    /// </summary>
    public static MasterPreset Custom(string name, string description, Action<MasterChain> configure) =>
        new(name, description, UsesDynamics: true) { Configure = configure ?? throw new ArgumentNullException(nameof(configure)) };

    /// <summary>What sets a custom preset's stages (null for the built-in ones).</summary>
    public Action<MasterChain>? Configure { get; private init; }

    /// <summary>The preset with this name (case-insensitive), or null.</summary>
    public static MasterPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the preset runs any stage besides trim, subsonic filter, loudness gain and limiter.</summary>
    public bool ShapesSound => this != Transparent;

    /// <summary>
    /// Sets <paramref name="chain"/> (before <see cref="MasterChain.Prepare"/>) for a mix of
    /// <paramref name="inputLufs"/> integrated loudness (minus infinity for silence: no trim).
    /// </summary>
    public void Apply(MasterChain chain, double inputLufs)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.InputTrim.GainDb = double.IsFinite(inputLufs) ? Math.Clamp(NominalLufs - inputLufs, -MaxTrimDb, MaxTrimDb) : 0;
        chain.Subsonic.FrequencyHz = 20;
        chain.SetBypass(MasterStage.Eq, true);
        chain.SetBypass(MasterStage.Multiband, !UsesDynamics);
        chain.SetBypass(MasterStage.Imager, true);
        chain.SetBypass(MasterStage.Saturation, true);
        chain.Limiter.LookaheadMs = 2;
        chain.Limiter.ReleaseMs = 80;
        if (Configure is not null)
        {
            Configure(chain);
            return;
        }
        switch (Name)
        {
            case "warm":
                chain.SetBypass(MasterStage.Eq, false);
                chain.Eq.SetBand(0, EqBandType.LowShelf, 120, 1.5, 0.7);
                chain.Eq.SetBand(1, EqBandType.HighShelf, 8000, -1, 0.7);
                Glue(chain, ratio: 2, thresholdDb: -24);
                chain.SetBypass(MasterStage.Saturation, false);
                chain.Saturation.DriveDb = 3;
                chain.Saturation.Mix = 0.3;
                break;
            case "bright":
                chain.SetBypass(MasterStage.Eq, false);
                chain.Eq.SetBand(0, EqBandType.HighShelf, 9000, 2, 0.7);
                chain.Eq.SetBand(1, EqBandType.Bell, 3500, 1, 0.8);
                chain.Eq.SetBand(2, EqBandType.LowShelf, 60, -1, 0.7);
                Glue(chain, ratio: 1.5f, thresholdDb: -24);
                break;
            case "punchy":
                chain.SetBypass(MasterStage.Eq, false);
                chain.Eq.SetBand(0, EqBandType.Bell, 70, 1, 0.9);
                Glue(chain, ratio: 2, thresholdDb: -24);
                chain.Multiband.Band(0).Ratio = 3;
                chain.Multiband.Band(0).AttackMs = 30;
                chain.Multiband.Band(0).ReleaseMs = 150;
                chain.Limiter.ReleaseMs = 40;
                break;
            case "tight":
                // High thresholds and fast attacks: the bands act on the drums' hits, not on the body between them.
                for (int b = 0; b < chain.Multiband.BandCount; b++)
                {
                    var band = chain.Multiband.Band(b);
                    band.Ratio = 4;
                    band.ThresholdDb = -16;
                    band.KneeDb = 6;
                    band.AttackMs = 0.5f;
                    band.ReleaseMs = 60;
                }
                break;
            case "wide":
                chain.SetBypass(MasterStage.Eq, false);
                chain.Eq.SetBand(0, EqBandType.HighShelf, 12000, 1, 0.7);
                chain.SetBypass(MasterStage.Imager, false);
                chain.Imager.BassMono = true;
                chain.Imager.MonoBelowHz = 120;
                chain.Imager.SetWidthPercent(0, 100);
                chain.Imager.SetWidthPercent(1, 120);
                chain.Imager.SetWidthPercent(2, 140);
                break;
        }
    }

    private static void Glue(MasterChain chain, float ratio, float thresholdDb)
    {
        for (int b = 0; b < chain.Multiband.BandCount; b++)
        {
            var band = chain.Multiband.Band(b);
            band.Ratio = ratio;
            band.ThresholdDb = thresholdDb;
            band.KneeDb = 6;
            band.AttackMs = 20;
            band.ReleaseMs = 200;
        }
    }
}
