namespace MixConsole.Control.Meters;

/// <summary>
/// The mastering box's meters: no console strips run, so channels and buses read silence (gains no reduction), the
/// main bus reads the chain's output, and the master chain's section (input vs output, limiter and per-band gain
/// reduction, correlation) comes from the output tap through <see cref="MasterLoudness"/>. One control thread reads.
/// </summary>
public sealed class MasteringMeterSource : IMeterSource
{
    private readonly MasterLoudness _loudness;

    /// <summary>Meters the chain <paramref name="loudness"/> drains, in a layout for <paramref name="channels"/> and <paramref name="buses"/>.</summary>
    public MasteringMeterSource(MasterLoudness loudness, int channels, int buses)
    {
        _loudness = loudness ?? throw new ArgumentNullException(nameof(loudness));
        Layout = new OscMeterLayout(channels, buses, masterChain: true);
    }

    /// <inheritdoc/>
    public OscMeterLayout Layout { get; }

    /// <inheritdoc/>
    public bool TryReadLatest(Span<float> linear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linear.Length, Layout.Count, nameof(linear));
        _loudness.Update();
        if (!_loudness.TryTakeChainMeters(linear, Layout)) return false;
        Layout.WriteNoReduction(linear);

        return true;
    }
}
