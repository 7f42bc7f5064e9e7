using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// One snapshot of everything one live master chain should become, compiled on the control side by
/// <see cref="MasterChainCompiler"/> from one slot's /master parameters: designed EQ sections and typed stage targets,
/// no paths and nothing left to look up. Three instances are made once and recycled through a
/// <see cref="Dsp.Core.SnapshotExchange{T}"/>; the compiler rewrites every member before each publish.
/// </summary>
public sealed class MasterChainTargets
{
    private const int Bands = ConsoleAddressSpace.MasterBands;

    /// <summary>The master EQ's sections, designed for the prepared sample rate (band b in 2b and 2b + 1; see <see cref="MasterEq.GlideTo"/>).</summary>
    public BiquadCoefficients[] EqSections { get; } = new BiquadCoefficients[MasterEq.SectionCount];

    /// <summary>The parameter store's version this snapshot was compiled from (at least).</summary>
    public long StoreVersion { get; set; }

    /// <summary>Input trim, in dB.</summary>
    public double InputGainDb { get; set; }

    /// <summary>Threshold of each multiband band (amount applied), in dBFS.</summary>
    public float[] BandThresholdDb { get; } = new float[Bands];

    /// <summary>Ratio of each multiband band (amount applied; 1 = no compression).</summary>
    public float[] BandRatio { get; } = new float[Bands];

    /// <summary>Attack of each multiband band, in ms.</summary>
    public float[] BandAttackMs { get; } = new float[Bands];

    /// <summary>Release of each multiband band, in ms.</summary>
    public float[] BandReleaseMs { get; } = new float[Bands];

    /// <summary>Make-up gain of each multiband band, in dB.</summary>
    public float[] BandMakeupDb { get; } = new float[Bands];

    /// <summary>Soft knee of every multiband band, in dB.</summary>
    public float MultibandKneeDb { get; set; }

    /// <summary>Multiband crossover frequencies, lowest first, in Hz.</summary>
    public float[] CompCrossoverHz { get; } = new float[Bands - 1];

    /// <summary>Imager width of each band (the global width times the band's, bass mono applied), in percent.</summary>
    public float[] WidthPercent { get; } = new float[Bands];

    /// <summary>Imager crossover frequencies, lowest first, in Hz.</summary>
    public float[] ImagerCrossoverHz { get; } = new float[Bands - 1];

    /// <summary>True to run the saturation stage.</summary>
    public bool SaturationOn { get; set; }

    /// <summary>Saturation drive, in dB.</summary>
    public double SaturationDriveDb { get; set; }

    /// <summary>Saturation wet share, 0..1.</summary>
    public double SaturationMix { get; set; }

    /// <summary>Short-term loudness the automatic loudness gain walks the output to, in LUFS.</summary>
    public double TargetLufs { get; set; }

    /// <summary>True-peak ceiling, in dBTP.</summary>
    public float CeilingDbtp { get; set; }

    /// <summary>Limiter release, in ms.</summary>
    public double LimiterReleaseMs { get; set; }

    /// <summary>Dither word length: 0 = off, else 16 or 24.</summary>
    public int DitherBits { get; set; }

    /// <summary>Dither noise shaping.</summary>
    public DitherNoiseShaping DitherShaping { get; set; }

    /// <summary>What the loudness gain does.</summary>
    public LoudnessMode LoudnessMode { get; set; }

    /// <summary>True to play slot B.</summary>
    public bool PlayB { get; set; }

    /// <summary>True to bypass the chain: the dry input, latency-aligned, at unity.</summary>
    public bool Bypassed { get; set; }

    /// <summary>True when <paramref name="other"/> sets the chain exactly as this does (what it plays and its store version aside).</summary>
    public bool SameSettings(MasterChainTargets other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return EqSections.AsSpan().SequenceEqual(other.EqSections) && InputGainDb == other.InputGainDb
            && BandThresholdDb.AsSpan().SequenceEqual(other.BandThresholdDb) && BandRatio.AsSpan().SequenceEqual(other.BandRatio)
            && BandAttackMs.AsSpan().SequenceEqual(other.BandAttackMs) && BandReleaseMs.AsSpan().SequenceEqual(other.BandReleaseMs)
            && BandMakeupDb.AsSpan().SequenceEqual(other.BandMakeupDb) && MultibandKneeDb == other.MultibandKneeDb
            && CompCrossoverHz.AsSpan().SequenceEqual(other.CompCrossoverHz) && WidthPercent.AsSpan().SequenceEqual(other.WidthPercent)
            && ImagerCrossoverHz.AsSpan().SequenceEqual(other.ImagerCrossoverHz) && SaturationOn == other.SaturationOn
            && SaturationDriveDb == other.SaturationDriveDb && SaturationMix == other.SaturationMix && TargetLufs == other.TargetLufs
            && CeilingDbtp == other.CeilingDbtp && LimiterReleaseMs == other.LimiterReleaseMs && DitherBits == other.DitherBits
            && DitherShaping == other.DitherShaping && LoudnessMode == other.LoudnessMode;
    }
}
