using MixConsole.Audio.Profiles;
using MixConsole.Panel.Config;

namespace MixConsole.Panel.Tests;

/// <summary>The wiring check: the shipped pin map fits every audio HAT profile, and each kind of mistake is named.</summary>
public sealed class PanelWiringCheckTests
{
    [Theory]
    [InlineData("pi4-cs42448")]
    [InlineData("pi5-hifiberry-dac8x-adc8x")]
    [InlineData("usb-generic")]
    public void MasteringBox_FitsBesideEveryAudioProfile(string profile)
    {
        HardwareProfile hat = HardwareProfiles.Load(PanelFiles.Profile(profile));
        PanelWiringCheck.Validate(PanelConfig.Load(PanelFiles.MasteringBox), hat.GpioPins, hat.I2cAddresses, hat.Name);
    }

    [Fact]
    public void AudioProfiles_NameTheI2sPinsTheyTake()
    {
        // Every HAT on the Pi's I2S uses its clocks (GPIO 18 BCLK, 19 LRCLK) and data (20 in, 21 out).
        foreach (string profile in new[] { "pi4-cs42448", "pi5-hifiberry-dac8x-adc8x" })
        {
            Assert.Superset(new HashSet<int> { 18, 19, 20, 21 }, HardwareProfiles.Load(PanelFiles.Profile(profile)).GpioPins.ToHashSet());
        }
    }

    [Fact]
    public void EncoderOnAnI2sLane_IsRefused_NamingTheHat()
    {
        HardwareProfile hat = HardwareProfiles.Load(PanelFiles.Profile("pi5-hifiberry-dac8x-adc8x"));
        PanelConfig config = PanelConfig.Load(PanelFiles.MasteringBox) with
        {
            Encoders = [new EncoderWiring { Control = "low", A = 23, B = 6 }],
        };
        var e = Assert.Throws<PanelConfigException>(() => PanelWiringCheck.Validate(config, hat.GpioPins, hat.I2cAddresses, hat.Name));
        Assert.Contains("GPIO 23 is used by both the audio HAT (pi5-hifiberry-dac8x-adc8x) and encoder 1 (low) phase A", e.Message);
    }

    [Fact]
    public void PinUsedTwice_I2cPins_AndUnknownControls_AreAllListed()
    {
        PanelConfig config = PanelConfig.Load(PanelFiles.MasteringBox) with
        {
            Encoders =
            [
                new EncoderWiring { Control = "low", A = 5, B = 6, Push = 2 },
                new EncoderWiring { Control = "treble", A = 6, B = 40 },
            ],
        };
        var e = Assert.Throws<PanelConfigException>(() => PanelWiringCheck.Validate(config, [], [], "none"));
        Assert.Contains("GPIO 2 is used by both I2C-1 data (SDA) and encoder 1 (low) push", e.Message);
        Assert.Contains("GPIO 6 is used by both encoder 1 (low) phase B and encoder 2 (treble) phase A", e.Message);
        Assert.Contains("encoder 2 (treble) phase B uses GPIO 40, which is not on the 40-pin header", e.Message);
        Assert.Contains("names control 'treble'", e.Message);
        Assert.Contains("(4 problems)", e.Message);
    }

    [Fact]
    public void ConverterAtTheOctosCodecAddress_Collides()
    {
        HardwareProfile hat = HardwareProfiles.Load(PanelFiles.Profile("pi4-cs42448"));
        PanelConfig config = PanelConfig.Load(PanelFiles.MasteringBox);
        config = config with { Ads1115 = config.Ads1115! with { Address = 0x48 } };
        var e = Assert.Throws<PanelConfigException>(() => PanelWiringCheck.Validate(config, hat.GpioPins, hat.I2cAddresses, hat.Name));
        Assert.Contains("the ADS1115 at I2C address 0x48 collides with the audio HAT (pi4-cs42448)", e.Message);
    }

    [Fact]
    public void ControlOnAnEncoderAndAPot_AndAMissingBypassButton_AreRefused()
    {
        PanelConfig config = PanelConfig.Load(PanelFiles.MasteringBox);
        config = config with
        {
            Encoders = [.. config.Encoders, new EncoderWiring { Control = "input", A = 14, B = 15 }],
            Mcp23017 = config.Mcp23017! with { Buttons = [new ButtonWiring { Action = "ab", Input = 0 }] },
        };
        var e = Assert.Throws<PanelConfigException>(() => PanelWiringCheck.Validate(config, [], [], "none"));
        Assert.Contains("control 'input' is on both encoder 5 (input) and pot AIN0 (input)", e.Message);
        Assert.Contains("the panel needs exactly one 'bypass' button on the MCP23017", e.Message);
    }

    [Fact]
    public void MissingOrMalformedFile_SaysWhich()
    {
        var missing = Assert.Throws<PanelConfigException>(() => PanelConfig.Load("/nonexistent/panel.json"));
        Assert.Contains("cannot read panel config /nonexistent/panel.json", missing.Message);
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "encoders": [ { "control": "low", "a": 5 } ] }""");
            var malformed = Assert.Throws<PanelConfigException>(() => PanelConfig.Load(path));
            Assert.Contains($"panel config {path} is not valid", malformed.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
