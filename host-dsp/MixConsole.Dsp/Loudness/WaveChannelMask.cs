namespace MixConsole.Dsp.Loudness;

/// <summary>Speaker positions of the WAVE_FORMAT_EXTENSIBLE <c>dwChannelMask</c>, in channel order.</summary>
[Flags]
public enum WaveChannelMask : uint
{
    /// <summary>No position given.</summary>
    None = 0,
    /// <summary>Front left (+30 degrees).</summary>
    FrontLeft = 0x1,
    /// <summary>Front right (-30 degrees).</summary>
    FrontRight = 0x2,
    /// <summary>Front centre.</summary>
    FrontCenter = 0x4,
    /// <summary>Low-frequency effects (excluded from loudness).</summary>
    LowFrequency = 0x8,
    /// <summary>Back left: the left surround of a 5.1 "back" layout, or the rear pair of 7.1.</summary>
    BackLeft = 0x10,
    /// <summary>Back right.</summary>
    BackRight = 0x20,
    /// <summary>Front left of centre.</summary>
    FrontLeftOfCenter = 0x40,
    /// <summary>Front right of centre.</summary>
    FrontRightOfCenter = 0x80,
    /// <summary>Back centre.</summary>
    BackCenter = 0x100,
    /// <summary>Side left (around +90..110 degrees).</summary>
    SideLeft = 0x200,
    /// <summary>Side right.</summary>
    SideRight = 0x400,
    /// <summary>Top centre.</summary>
    TopCenter = 0x800,
    /// <summary>Top front left.</summary>
    TopFrontLeft = 0x1000,
    /// <summary>Top front centre.</summary>
    TopFrontCenter = 0x2000,
    /// <summary>Top front right.</summary>
    TopFrontRight = 0x4000,
    /// <summary>Top back left.</summary>
    TopBackLeft = 0x8000,
    /// <summary>Top back centre.</summary>
    TopBackCenter = 0x10000,
    /// <summary>Top back right.</summary>
    TopBackRight = 0x20000,
}
