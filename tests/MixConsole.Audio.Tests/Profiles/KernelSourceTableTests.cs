using MixConsole.Audio.Backends;
using MixConsole.Audio.Profiles;
using MixConsole.Audio.Tests.Support;

namespace MixConsole.Audio.Tests.Profiles;

/// <summary>
/// The shipped Pi profiles checked against what the kernel's overlays and drivers make, written down from the
/// raspberrypi/linux sources (file and commit named per row), and the start-up check that refuses a card missing a side.
/// </summary>
public sealed class KernelSourceTableTests
{
    /// <summary>What one overlay does, from its .dts: the node it writes the card's compatible into.</summary>
    private sealed record Overlay(string Name, string SoundNode, string Compatible, string Source);

    /// <summary>What one card driver makes: the card name ALSA derives the id from, channels each way, who drives the clocks.</summary>
    private sealed record CardDriver(string Compatible, string CardName, int PlaybackChannels, int CaptureChannels, int ConverterInputs, bool PiIsClockSlave, string Source);

    private static readonly Overlay[] Overlays =
    [
        // fragment@0 enables &i2s itself, so no dtparam=i2s=on is needed; __overrides__ non-stop-clocks sets the card's non-stop-clocks property.
        new("audioinjector-addons", "&sound", "ai,audioinjector-octo-soundcard",
            "arch/arm/boot/dts/overlays/audioinjector-addons-overlay.dts @ 46450ebd5e"),
        new("hifiberry-dac8x", "&sound", "hifiberry,hifiberry-dac8x",
            "arch/arm/boot/dts/overlays/hifiberry-dac8x-overlay.dts @ 04849acbd6"),
        new("hifiberry-adc8x", "&sound", "hifiberry,hifiberry-adc8x",
            "arch/arm/boot/dts/overlays/hifiberry-adc8x-overlay.dts @ 3142a12da6"),
    ];

    private static readonly CardDriver[] Drivers =
    [
        // startup() fixes the CPU DAI at 8 channels both ways; the CS42448 has num_adcs = 3 (cs42xx8.c: capture channels_max = 3 * 2);
        // hw_params sets the codec CBS_CFS and the CPU CBM_CFM: both are clock slaves, the board's oscillators (mult GPIOs) are master.
        new("ai,audioinjector-octo-soundcard", "audioinjector-octo-soundcard", 8, 8, 6, true,
            "sound/soc/bcm/audioinjector-octo-soundcard.c @ 04f3e3b0f0; sound/soc/codecs/cs42xx8.c @ 034b62fd49"),
        // hifiberry_dac8x_init sets playback channels_max = 8 (4 x PCM5102A), dai_fmt CBS_CFS: the Pi drives the clocks. The stored source
        // (80b25821bd) is playback only; kernels from 2025 on detect a stacked ADC8x and add 8 capture channels to the same card.
        new("hifiberry,hifiberry-dac8x", "snd_rpi_hifiberry_dac8x", 8, 8, 8, false,
            "sound/soc/bcm/rpi-simple-soundcard.c @ 80b25821bd (capture: 2025 kernels)"),
    ];

    /// <summary>ALSA's card id from the card's name (sound/core/init.c, copy_valid_id_string): letters and digits only, from the first letter, at most 15.</summary>
    private static string CardId(string cardName)
    {
        var id = new System.Text.StringBuilder();
        foreach (char c in cardName.SkipWhile(c => !char.IsAsciiLetter(c)))
        {
            if (char.IsAsciiLetterOrDigit(c) && id.Length < 15) id.Append(c);
        }
        return id.ToString();
    }

    private static (Overlay Overlay, CardDriver Driver) Card(HardwareProfile p)
    {
        var onSound = p.ConfigTxt.Where(l => l.StartsWith("dtoverlay=", StringComparison.Ordinal))
            .Select(l => l["dtoverlay=".Length..].Split(',')[0])
            .Select(name => Overlays.Single(o => o.Name == name))
            .Where(o => o.SoundNode == "&sound").ToList();
        // Two overlays writing the same &sound node leave only the last one's card.
        var overlay = Assert.Single(onSound);
        return (overlay, Drivers.Single(d => d.Compatible == overlay.Compatible));
    }

    [Theory]
    [InlineData("pi4-cs42448", "dtoverlay=audioinjector-addons,non-stop-clocks")]
    [InlineData("pi5-hifiberry-dac8x-adc8x", "dtoverlay=hifiberry-dac8x")]
    public void ConfigTxt_IsExactlyTheOneOverlayThatMakesTheCard(string profile, string line)
    {
        var p = HardwareProfiles.Find(profile);
        Assert.Equal([line], p.ConfigTxt);
        Card(p);
    }

    [Theory]
    [InlineData("pi4-cs42448")]
    [InlineData("pi5-hifiberry-dac8x-adc8x")]
    public void CardAndPcmNames_AreWhatTheDriverRegisters(string profile)
    {
        var p = HardwareProfiles.Find(profile);
        var (_, driver) = Card(p);
        string id = CardId(driver.CardName);
        Assert.Equal(id, p.AlsaCard);
        Assert.Equal($"hw:CARD={id},DEV=0", p.PlaybackDevice);
        Assert.Equal($"hw:CARD={id},DEV=0", p.CaptureDevice);
    }

    [Theory]
    [InlineData("pi4-cs42448")]
    [InlineData("pi5-hifiberry-dac8x-adc8x")]
    public void ChannelMaps_UseTheSlotsTheDriverOpens_AndOnlyTheConvertersInputs(string profile)
    {
        var p = HardwareProfiles.Find(profile);
        var (_, driver) = Card(p);
        Assert.Equal(driver.PlaybackChannels, p.DeviceChannelsOut);
        Assert.Equal(driver.CaptureChannels, p.DeviceChannelsIn);
        Assert.Equal(driver.ConverterInputs, p.ChannelsIn);
        Assert.Equal(Enumerable.Range(0, driver.ConverterInputs), p.InputMap!);
        Assert.Equal(Enumerable.Range(0, driver.PlaybackChannels), p.OutputMap!);
        // Every slot the driver opens beyond the converters is declared empty, so the backend can find the frame's rotation.
        Assert.Equal(Enumerable.Range(driver.ConverterInputs, driver.CaptureChannels - driver.ConverterInputs), p.EmptyCaptureSlots ?? []);
        Assert.Contains(driver.PiIsClockSlave ? "both clock slaves" : "clock master", p.Codec);
    }

    [Theory]
    [InlineData("pi4-cs42448")]
    [InlineData("pi5-hifiberry-dac8x-adc8x")]
    public void DefaultPeriod_Is64_UntilASoakPassesAt32(string profile)
    {
        var p = HardwareProfiles.Find(profile);
        Assert.Equal(64, p.PeriodFrames);
        Assert.InRange(p.Periods, 2, 3);
    }

    private static string FakeProc(TempDir dir, string card, bool playback, bool capture)
    {
        string root = dir.File("proc-asound");
        Directory.CreateDirectory(Path.Combine(root, "card0"));
        File.WriteAllText(Path.Combine(root, "cards"), $" 0 [{card,-15}]: RPi-simple - {card}\n                      {card}\n");
        if (playback) Directory.CreateDirectory(Path.Combine(root, "card0", "pcm0p"));
        if (capture) Directory.CreateDirectory(Path.Combine(root, "card0", "pcm0c"));
        File.CreateSymbolicLink(Path.Combine(root, card), "card0");
        return root;
    }

    [Fact]
    public void ACaptureOnlyCard_FailsStartUp_InOneLineNamingTheMissingSide()
    {
        // What dtoverlay=hifiberry-dac8x followed by dtoverlay=hifiberry-adc8x leaves: the ADC8x card alone.
        using var dir = new TempDir();
        string proc = FakeProc(dir, "sndrpihifiberry", playback: false, capture: true);
        var e = Assert.Throws<AudioBackendException>(() => HardwareProfiles.Find("pi5-hifiberry-dac8x-adc8x").CheckCard(proc));
        Assert.StartsWith("profile pi5-hifiberry-dac8x-adc8x: card 'sndrpihifiberry' has no playback (capture only), the profile needs 8 in / 8 out", e.Message);
        Assert.Contains("dtoverlay=hifiberry-dac8x", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void APlaybackOnlyCard_FailsStartUp_NamingTheMissingCapture()
    {
        // A kernel older than the ADC8x detection: the DAC8x card has no capture side.
        using var dir = new TempDir();
        string proc = FakeProc(dir, "sndrpihifiberry", playback: true, capture: false);
        var e = Assert.Throws<AudioBackendException>(() => HardwareProfiles.Find("pi5-hifiberry-dac8x-adc8x").CheckCard(proc));
        Assert.StartsWith("profile pi5-hifiberry-dac8x-adc8x: card 'sndrpihifiberry' has no capture (playback only)", e.Message);
    }

    [Fact]
    public void AMissingCard_NamesTheCardsThereAre_AndTheConfigTxtLines()
    {
        using var dir = new TempDir();
        string proc = FakeProc(dir, "vc4hdmi0", playback: true, capture: false);
        var e = Assert.Throws<AudioBackendException>(() => HardwareProfiles.Find("pi4-cs42448").CheckCard(proc));
        Assert.StartsWith("profile pi4-cs42448: no sound card 'audioinjectoroc' for 'hw:CARD=audioinjectoroc,DEV=0' (cards: hw:CARD=vc4hdmi0,DEV=0", e.Message);
        Assert.EndsWith("needs, under [all]: dtoverlay=audioinjector-addons,non-stop-clocks (then reboot)", e.Message);
    }

    [Fact]
    public void ACardWithBothSides_Passes()
    {
        using var dir = new TempDir();
        HardwareProfiles.Find("pi4-cs42448").CheckCard(FakeProc(dir, "audioinjectoroc", playback: true, capture: true));
    }
}
