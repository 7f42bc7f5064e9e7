namespace MixConsole.Engine.Mixer.Strips;

/// <summary>The biquad slots of every strip in a <see cref="StripBank"/>, in signal order.</summary>
internal static class StripSection
{
    /// <summary>First of the two high-pass sections.</summary>
    public const int HighPass0 = 0;

    /// <summary>Second high-pass section (18 and 24 dB/oct).</summary>
    public const int HighPass1 = 1;

    /// <summary>Gate key (detector) high-pass; never in the audio path.</summary>
    public const int GateKey = 2;

    /// <summary>Compressor side-chain high-pass when the compressor sits before the EQ; never in the audio path.</summary>
    public const int CompressorKey = 3;

    /// <summary>The same side-chain high-pass for compressors after the EQ: its own state, since a group may hold both positions.</summary>
    public const int CompressorKeyPostEq = 8;

    /// <summary>EQ band 1; bands 2..4 follow.</summary>
    public const int Eq0 = 4;

    /// <summary>EQ band 5 of a bus or the main bus (their EQ has 6 bands, as on the X32); band 6 follows.</summary>
    public const int Eq4 = 9;

    /// <summary>EQ bands of a channel.</summary>
    public const int ChannelEqBands = 4;

    /// <summary>EQ bands of a bus or the main bus, the most a strip has.</summary>
    public const int EqBands = 6;

    /// <summary>Sections per strip.</summary>
    public const int Count = 11;

    /// <summary>The section of EQ band <paramref name="band"/> (from 0).</summary>
    public static int Eq(int band) => band < 4 ? Eq0 + band : Eq4 + band - 4;

    /// <summary>True for sections the audio passes through (they ramp when retuned).</summary>
    public static bool IsAudible(int section) => section is not (GateKey or CompressorKey or CompressorKeyPostEq);
}
