namespace MixConsole.Engine.Metering;

/// <summary>
/// What the master chain reports beside its output samples for one record of the <see cref="MasterOutputTap"/>:
/// the input's peaks before the chain (linear), the limiter's and each multiband band's deepest gain reduction (dB,
/// positive). Bands the chain does not run read 0. A plain value: the audio thread fills one without allocating.
/// </summary>
public struct MasterChainReadings
{
    /// <summary>Bands a reading carries: the multiband compressor's most.</summary>
    public const int Bands = 4;

    /// <summary>Peak of the left input before the chain, linear (1.0 = 0 dBFS).</summary>
    public float InputPeakLeft;

    /// <summary>Peak of the right input before the chain, linear.</summary>
    public float InputPeakRight;

    /// <summary>The limiter's gain reduction, dB (positive).</summary>
    public float LimiterReductionDb;

    /// <summary>Gain reduction of multiband bands 1-4 (lowest first), dB (positive).</summary>
    public float Band0ReductionDb, Band1ReductionDb, Band2ReductionDb, Band3ReductionDb;

    /// <summary>Band <paramref name="band"/>'s (0-based) reduction.</summary>
    public readonly float BandReductionDb(int band) => band switch
    {
        0 => Band0ReductionDb,
        1 => Band1ReductionDb,
        2 => Band2ReductionDb,
        3 => Band3ReductionDb,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "bands are 0-3"),
    };

    /// <summary>A reading with only the limiter's reduction (nothing else known).</summary>
    public static MasterChainReadings LimiterOnly(float limiterReductionDb) => new() { LimiterReductionDb = limiterReductionDb };
}
