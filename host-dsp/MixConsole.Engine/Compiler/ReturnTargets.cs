namespace MixConsole.Engine.Compiler;

/// <summary>What one effect return heads for: fader, mute and balance folded into a gain per side, and its solo.</summary>
internal struct ReturnTargets
{
    /// <summary>Gain of the left return into main left.</summary>
    public float Left;

    /// <summary>Gain of the right return into main right.</summary>
    public float Right;

    /// <summary>Gain into solo left.</summary>
    public float SoloLeft;

    /// <summary>Gain into solo right.</summary>
    public float SoloRight;
}
