namespace MixConsole.Control.Meters;

/// <summary>Meters of a console with no audio running: every level 0 (-inf dBFS), every gain 1.0 (no reduction).</summary>
public sealed class SilentMeterSource : IMeterSource
{
    /// <summary>Creates silent meters in <paramref name="layout"/>.</summary>
    public SilentMeterSource(OscMeterLayout layout) => Layout = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <inheritdoc/>
    public OscMeterLayout Layout { get; }

    /// <inheritdoc/>
    public bool TryReadLatest(Span<float> linear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linear.Length, Layout.Count, nameof(linear));
        linear.Slice(0, Layout.Count).Clear();
        Layout.WriteNoReduction(linear);

        return true;
    }
}
