namespace MixConsole.Dsp.Preview;

/// <summary>
/// A playback system a master can be heard through before it leaves the room ("does it translate"). The order is
/// the one <c>/master/preview</c> numbers them by; <see cref="Off"/> is the master as it is.
/// </summary>
public enum PreviewSystem
{
    /// <summary>No preview: the master unchanged.</summary>
    Off,

    /// <summary>A phone's own loudspeaker: mono, nothing below ~450 Hz, a presence bump, dull top.</summary>
    Phone,

    /// <summary>Unsealed earbuds: bass leaks out below ~120 Hz, a mild upper-mid lift.</summary>
    Earbuds,

    /// <summary>Laptop speakers: nothing below ~300 Hz, narrow stereo, rolled-off top.</summary>
    Laptop,

    /// <summary>A car: cabin gain lifts the low bass, the top is a little dull.</summary>
    Car,

    /// <summary>A club PA: mono, subs to ~35 Hz and run hot, air absorption over distance dulls the top.</summary>
    Club,

    /// <summary>The mono sum (L+R)/2 on both sides, full range.</summary>
    Mono,

    /// <summary>The side signal (L-R)/2 alone, on both sides, full range: what a mono sum throws away.</summary>
    Side,
}
