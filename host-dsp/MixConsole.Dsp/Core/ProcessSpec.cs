namespace MixConsole.Dsp.Core;

/// <summary>
/// What a processor is prepared for: everything it may size memory by.
/// </summary>
/// <param name="SampleRateHz">Sample rate in hertz.</param>
/// <param name="MaxBlockFrames">The largest block <c>Process</c> will ever be given, in frames.</param>
/// <param name="Channels">Number of audio channels.</param>
public readonly record struct ProcessSpec(double SampleRateHz, int MaxBlockFrames, int Channels)
{
    /// <summary>Throws when the spec cannot describe real audio.</summary>
    public void Validate()
    {
        if (!(SampleRateHz >= 1000 && SampleRateHz <= 1_536_000))
            throw new ArgumentOutOfRangeException(nameof(SampleRateHz), SampleRateHz, "sample rate must be 1 kHz..1.536 MHz");
        if (MaxBlockFrames < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxBlockFrames), MaxBlockFrames, "block size must be at least one frame");
        if (Channels < 1 || Channels > 1024)
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "channel count must be 1..1024");
    }
}
