namespace MixConsole.Engine.Mastering;

/// <summary>What the live master chain's loudness gain does (/master/loudness/mode).</summary>
public enum LoudnessMode
{
    /// <summary>Walks the output's short-term loudness to the target, at most 1 dB/s.</summary>
    Follow,

    /// <summary>Holds the gain and integrates the song's loudness (gated, BS.1770); leaving it sets the gain that meets the target.</summary>
    Learn,

    /// <summary>Keeps the gain as it is.</summary>
    Hold,
}
