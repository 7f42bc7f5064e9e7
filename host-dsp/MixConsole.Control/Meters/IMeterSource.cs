namespace MixConsole.Control.Meters;

/// <summary>
/// Where the control side reads meters from: the engine's latest snapshot (published by the audio thread
/// through a lock-free ring), or silence when no engine runs. Read from one control thread only.
/// </summary>
public interface IMeterSource
{
    /// <summary>The order of values a snapshot holds.</summary>
    OscMeterLayout Layout { get; }

    /// <summary>
    /// Copies the newest snapshot into <paramref name="linear"/> (at least <see cref="OscMeterLayout.Count"/>
    /// long), draining older ones. False when nothing new arrived since the last call; the destination is
    /// then left as it was.
    /// </summary>
    bool TryReadLatest(Span<float> linear);
}
