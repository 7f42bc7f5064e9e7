namespace MixConsole.Audio.Alsa;

/// <summary>One sound card as /proc/asound/cards lists it.</summary>
/// <param name="Index">Card number (hw:N).</param>
/// <param name="Id">Card id (hw:CARD=ID), set by the driver or the dtoverlay.</param>
/// <param name="Driver">Driver name, e.g. "USB-Audio", "snd_rpi_hifiberry_dac8x".</param>
/// <param name="Name">Human name.</param>
/// <param name="LongName">Long name (for USB: vendor, product and bus position).</param>
public sealed record AlsaCard(int Index, string Id, string Driver, string Name, string LongName)
{
    /// <summary>True for a USB audio class device.</summary>
    public bool IsUsb => Driver.Contains("USB", StringComparison.OrdinalIgnoreCase);

    /// <summary>The hw PCM name for its first device, e.g. "hw:CARD=sndrpihifiberry,DEV=0".</summary>
    public string HwName => $"hw:CARD={Id},DEV=0";
}
