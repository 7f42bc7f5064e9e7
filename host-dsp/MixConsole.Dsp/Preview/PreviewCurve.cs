using MixConsole.Dsp.Filters;

namespace MixConsole.Dsp.Preview;

/// <summary>
/// How a preview folds the stereo image before filtering: mid = (L+R)/2, side = (L-R)/2, then
/// L = <see cref="MidGain"/> mid + <see cref="SideGain"/> side and R = <see cref="MidGain"/> mid ∓ <see cref="SideGain"/> side
/// (minus for a stereo image, plus when <see cref="SideOnBothSides"/>: the side heard alone, the same on both speakers).
/// </summary>
/// <param name="MidGain">Gain of the mid, linear.</param>
/// <param name="SideGain">Gain of the side, linear (1 = the image as it is, 0.5 = half as wide, 0 = mono).</param>
/// <param name="SideOnBothSides">True to play the side in phase on both sides instead of as a stereo difference.</param>
public readonly record struct PreviewMatrix(double MidGain, double SideGain, bool SideOnBothSides)
{
    /// <summary>The image as it is.</summary>
    public static PreviewMatrix Stereo => new(1, 1, false);

    /// <summary>The mono sum (L+R)/2 on both sides.</summary>
    public static PreviewMatrix Mono => new(1, 0, false);

    /// <summary>The side (L-R)/2 alone, in phase on both sides.</summary>
    public static PreviewMatrix SideOnly => new(0, 1, true);

    /// <summary>Stereo narrowed to <paramref name="widthPercent"/> % of the side.</summary>
    public static PreviewMatrix Width(double widthPercent) => new(1, widthPercent / 100, false);
}

/// <summary>
/// One playback system's documented curve: the stereo fold-down, the filter sections that shape it, a level, and
/// the points (frequency in Hz, response in dB of what the fold-down keeps: the mid, or the side for
/// <see cref="PreviewSystem.Side"/>) the processor is held to. The
/// sources and reasons are in Preview/README.md.
/// </summary>
/// <param name="System">Which system.</param>
/// <param name="Name">Lower-case name, as on the command line and in <c>/master/preview</c>.</param>
/// <param name="Summary">One line on what the system is.</param>
/// <param name="Matrix">Stereo fold-down applied first.</param>
/// <param name="Sections">Filter sections in series (at most <see cref="MaxSections"/>).</param>
/// <param name="LevelDb">Gain after the filters, in dB.</param>
/// <param name="Points">The documented response: frequency in Hz and level in dB of what the fold-down keeps.</param>
public sealed record PreviewCurve(
    PreviewSystem System, string Name, string Summary, PreviewMatrix Matrix, IReadOnlyList<PreviewSection> Sections, double LevelDb,
    IReadOnlyList<(double FrequencyHz, double Db)> Points)
{
    /// <summary>Most sections a curve may have; processors size their filters by it.</summary>
    public const int MaxSections = 4;

    /// <summary>True when the fold-down sends the same signal to both sides (mono sum or side alone).</summary>
    public bool IsMono => Matrix.SideGain == 0 || Matrix.SideOnBothSides;

    /// <summary>Response of the filters and level in dB at <paramref name="frequencyHz"/>, from the designed sections (what the fold-down keeps goes through this).</summary>
    public double MagnitudeDb(double frequencyHz, double sampleRateHz)
    {
        double db = LevelDb;
        foreach (PreviewSection section in Sections) db += section.Design(sampleRateHz).MagnitudeDb(frequencyHz, sampleRateHz);
        return db;
    }

    /// <summary>The sections designed at <paramref name="sampleRateHz"/>, padded with identities to <see cref="MaxSections"/>.</summary>
    public BiquadCoefficients[] Design(double sampleRateHz)
    {
        var designed = new BiquadCoefficients[MaxSections];
        for (int s = 0; s < MaxSections; s++) designed[s] = s < Sections.Count ? Sections[s].Design(sampleRateHz) : BiquadCoefficients.Identity;
        return designed;
    }
}
