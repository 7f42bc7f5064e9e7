namespace MixConsole.Dsp.Tests.Loudness;

/// <summary>
/// Loudness and true peak of audio as the references see it: integrated loudness by libebur128, true peak by
/// <see cref="ReferenceTruePeak"/> (48x windowed sinc), loudest channel. For files the product wrote, read with
/// <see cref="ReferenceWav"/>, so no product code stands between the file and the verdict.
/// </summary>
internal static class ReferenceLevels
{
    /// <summary>
    /// How far a loudness the product reports may sit from libebur128's reading of the same file, LU: two BS.1770
    /// meters on the same samples (they agree to 0.001 LU on the tests' programmes), plus the JSON's rounding to 0.01.
    /// </summary>
    public const double ReportToleranceLu = 0.02;

    /// <summary>
    /// How far from its target a master may land by libebur128, LU: the loudness search's documented 0.05 LU
    /// (judged by the product's own meter) plus <see cref="ReportToleranceLu"/> for the two meters.
    /// </summary>
    public const double TargetToleranceLu = 0.05 + ReportToleranceLu;

    /// <summary>
    /// Allowance over a true-peak ceiling, dB: room for the reference meter's own error (about a thousandth of a dB
    /// for material below 0.45 fs with a 96-tap Kaiser sinc at 48 points per sample), nothing for the meter under test.
    /// </summary>
    public const double CeilingToleranceDb = 0.02;

    /// <summary>How far under the reference a reported true peak may read, dB: an 8x meter's worst case (REFERENCE.md).</summary>
    public const double TruePeakUnderReadDb = 0.15;

    /// <param name="IntegratedLufs">Integrated loudness by libebur128, LUFS.</param>
    /// <param name="TruePeakDbtp">True peak by the 48x reference meter, loudest channel, dBTP.</param>
    public sealed record Levels(double IntegratedLufs, double TruePeakDbtp)
    {
        public override string ToString() => $"{IntegratedLufs:0.000} LUFS (libebur128), {TruePeakDbtp:0.000} dBTP (48x reference)";
    }

    public static Levels Of(float[][] channels, int sampleRateHz) => new(
        LibEbur128.Measure(channels, sampleRateHz).IntegratedLufs,
        20 * Math.Log10(Math.Max(1e-7, channels.Max(ReferenceTruePeak.Of))));

    public static Levels OfFile(string path)
    {
        var audio = ReferenceWav.Read(path);
        return Of(audio.Channels, audio.SampleRateHz);
    }

    /// <summary>Integrated loudness of a file by libebur128 alone (no true peak: quick), LUFS.</summary>
    public static double LufsOfFile(string path)
    {
        var audio = ReferenceWav.Read(path);
        return LibEbur128.Measure(audio.Channels, audio.SampleRateHz).IntegratedLufs;
    }

    /// <summary>Asserts a master met its loudness target and its true-peak ceiling, in the references' eyes.</summary>
    public static void AssertOnTargetUnderCeiling(Levels measured, double targetLufs, double ceilingDbtp, string what = "master")
    {
        Assert.True(Math.Abs(measured.IntegratedLufs - targetLufs) <= TargetToleranceLu,
            $"{what}: {measured.IntegratedLufs:0.000} LUFS by libebur128, target {targetLufs:0.00} ± {TargetToleranceLu} LU");
        Assert.True(measured.TruePeakDbtp <= ceilingDbtp + CeilingToleranceDb,
            $"{what}: {measured.TruePeakDbtp:0.000} dBTP by the 48x reference, ceiling {ceilingDbtp:0.0} dBTP (+{CeilingToleranceDb} dB)");
    }

    /// <summary>Asserts the loudness and true peak the product reported for a written file are the file's, in the references' eyes.</summary>
    public static void AssertReported(double reportedLufs, double reportedDbtp, Levels measured, string what = "report")
    {
        Assert.True(Math.Abs(reportedLufs - measured.IntegratedLufs) <= ReportToleranceLu,
            $"{what}: says {reportedLufs:0.000} LUFS, the written file measures {measured.IntegratedLufs:0.000} LUFS by libebur128 (± {ReportToleranceLu} LU)");
        Assert.True(reportedDbtp - measured.TruePeakDbtp is >= -TruePeakUnderReadDb and <= CeilingToleranceDb,
            $"{what}: says {reportedDbtp:0.000} dBTP, the written file measures {measured.TruePeakDbtp:0.000} dBTP by the 48x reference (-{TruePeakUnderReadDb}/+{CeilingToleranceDb} dB)");
    }
}
