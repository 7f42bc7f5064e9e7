namespace MixConsole.Dsp.Mastering;

/// <summary>The stages of <see cref="MasterChain"/>, in processing order.</summary>
public enum MasterStage
{
    /// <summary>Input trim (<see cref="SmoothedGain"/>).</summary>
    InputTrim,

    /// <summary>DC and subsonic high-pass (<see cref="SubsonicFilter"/>).</summary>
    Subsonic,

    /// <summary>Tone (<see cref="MasterEq"/>).</summary>
    Eq,

    /// <summary>Multiband dynamics (<see cref="MultibandCompressor"/>).</summary>
    Multiband,

    /// <summary>Width (<see cref="StereoImager"/>).</summary>
    Imager,

    /// <summary>Oversampled soft saturation (<see cref="Saturator"/>).</summary>
    Saturation,

    /// <summary>Loudness-target gain (<see cref="SmoothedGain"/>).</summary>
    LoudnessGain,

    /// <summary>True-peak limiter (<see cref="TruePeakLimiter"/>).</summary>
    Limiter,

    /// <summary>TPDF dither to the output word length (<see cref="TpdfDither"/>).</summary>
    Dither,
}
