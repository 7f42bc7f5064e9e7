using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Virtual;

namespace MixConsole.ControlSurface.Tests;

public class ConfigTests
{
    private static SurfaceConfigException Fails(SurfaceConfig config) =>
        Assert.Throws<SurfaceConfigException>(() => new VirtualSurface(config));

    [Fact]
    public void DefaultProfiles_Validate()
    {
        _ = new VirtualSurface(SurfaceConfig.Create(ProfileNames.FaderDesk));
        _ = new VirtualSurface(SurfaceConfig.Create(ProfileNames.MasteringPanel));
        _ = new VirtualSurface(SurfaceConfig.CreateFaderDesk(motorised: false));
        Esp32Pins.Validate(Esp32BoardConfig.FaderDesk());
        Esp32Pins.Validate(Esp32BoardConfig.MasteringPanel());
    }

    [Fact]
    public void InputUsedTwice_NamesBothOwners()
    {
        var c = SurfaceConfig.CreateFaderDesk(true);
        c.Pins.SoloButtons[3] = c.Pins.MuteButtons[0];

        var e = Fails(c);

        Assert.Contains("digital input 0 is used by both mute 1 and solo 4", e.Message);
    }

    [Fact]
    public void EveryProblemIsListed_NotJustTheFirst()
    {
        var c = SurfaceConfig.CreateFaderDesk(true);
        c.Pins.FaderAdcChannels[7] = 40;
        c.Network.HostAddress = "192.168.1";
        c.Tuning.Link.XRemoteRenewMs = 12000;
        c.Pins.FaderTouchInputs[2] = -1;

        var e = Fails(c);

        Assert.Contains("(4 problems)", e.Message);
        Assert.Contains("strip 8 fader uses ADC channel 40 but the channels are 0..11", e.Message);
        Assert.Contains("host address '192.168.1' is not a dotted IPv4 address", e.Message);
        Assert.Contains("/xremote renewal", e.Message);
        Assert.Contains("strip 3 has a motor but no touch input", e.Message);
    }

    [Fact]
    public void UnknownProfile_IsRejectedWithTheValidNames()
    {
        var e = Assert.Throws<SurfaceConfigException>(() => SurfaceConfig.Create("drum-pad"));
        Assert.Contains("unknown profile 'drum-pad' (expected 'fader-desk' or 'mastering-panel')", e.Message);
    }

    [Fact]
    public void Esp32_MotorPwmOnInputOnlyPin_AndFlashPin_AreRejected()
    {
        var b = Esp32BoardConfig.FaderDesk();
        b.MotorPwmPins[0] = 34;
        b.MotorPwmPins[1] = 7;
        b.Adc1Channels[0] = 9;

        var e = Assert.Throws<SurfaceConfigException>(() => Esp32Pins.Validate(b));

        Assert.Contains("motor 1 PWM needs an output but GPIO 34 is input-only", e.Message);
        Assert.Contains("GPIO 34 is used by both fader ADC1 channel 6 and motor 1 PWM", e.Message);
        Assert.Contains("motor 2 PWM uses GPIO 7, which is wired to the flash", e.Message);
        Assert.Contains("fader ADC1 channel 9 does not exist", e.Message);
    }
}
