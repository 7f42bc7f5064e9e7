using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Mastering;

namespace MixConsole.Engine.Mastering;

/// <summary>
/// One snapshot of everything the live master chain should become, compiled on the control side by
/// <see cref="MasterChainCompiler"/> from the /master/* parameters: designed EQ sections and typed stage targets,
/// no paths and nothing left to look up. Three instances are made once and recycled through a
/// <see cref="Dsp.Core.SnapshotExchange{T}"/>; the compiler rewrites every member before each publish.
/// </summary>
public sealed class MasterChainTargets
{
    /// <summary>The master EQ's sections, designed for the prepared sample rate (band b in 2b and 2b + 1; see <see cref="MasterEq.GlideTo"/>).</summary>
    public BiquadCoefficients[] EqSections { get; } = new BiquadCoefficients[MasterEq.SectionCount];

    /// <summary>The parameter store's version this snapshot was compiled from (at least).</summary>
    public long StoreVersion { get; set; }

    /// <summary>Input trim, in dB.</summary>
    public double InputGainDb { get; set; }

    /// <summary>Threshold of every multiband band, in dBFS.</summary>
    public float MultibandThresholdDb { get; set; }

    /// <summary>Ratio of every multiband band (1 = no compression).</summary>
    public float MultibandRatio { get; set; }

    /// <summary>Soft knee of every multiband band, in dB.</summary>
    public float MultibandKneeDb { get; set; }

    /// <summary>Imager width of every band, in percent.</summary>
    public double WidthPercent { get; set; }

    /// <summary>Short-term loudness the automatic loudness gain walks the output to, in LUFS.</summary>
    public double TargetLufs { get; set; }

    /// <summary>True-peak ceiling, in dBTP.</summary>
    public double CeilingDbtp { get; set; }

    /// <summary>True to play B: the dry input, latency-aligned and loudness-matched.</summary>
    public bool PlayB { get; set; }

    /// <summary>True to bypass the chain: the dry input, latency-aligned, at unity.</summary>
    public bool Bypassed { get; set; }
}
