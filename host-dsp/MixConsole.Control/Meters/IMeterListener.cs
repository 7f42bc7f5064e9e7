namespace MixConsole.Control.Meters;

/// <summary>
/// Receives every meter snapshot the OSC server's control thread reads (the meter source has one reader, so
/// other consumers such as the web console listen here instead of reading it again).
/// </summary>
public interface IMeterListener
{
    /// <summary>
    /// The newest snapshot in the <see cref="OscMeterLayout"/> order, on the control thread once per control step.
    /// Must return quickly and allocate nothing; the span is valid only during the call.
    /// </summary>
    void OnMeters(ReadOnlySpan<float> linear, long timestamp);
}
