using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Output;
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
    }

    [Theory]
    [InlineData(Esp32Modules.Wroom32)]
    [InlineData(Esp32Modules.Wrover)]
    public void DefaultBoards_FitEachModuleTheBomNames(string module)
    {
        Esp32Pins.Validate(Esp32BoardConfig.FaderDesk(module), new NetworkConfig());
        Esp32Pins.Validate(Esp32BoardConfig.MasteringPanel(module), new NetworkConfig { Transport = NetworkConfig.Serial });
    }

    [Fact]
    public void FaderDeskBoard_GivesEveryFaderTheChannelTheSurfaceReads_OnBrokenOutAdc1Pins()
    {
        var board = Esp32BoardConfig.FaderDesk(Esp32Modules.Wroom32);
        var pins = SurfaceConfig.CreateFaderDesk(true).Pins;
        int boardChannels = board.Adc1Channels.Length + board.Ads1115Inputs.Length;

        Assert.Equal(pins.FaderAdcChannels.Append(pins.MasterFaderAdcChannel).Order(), Enumerable.Range(0, boardChannels));
        Assert.All(board.Adc1Channels, c => Assert.True(Esp32Pins.IsBrokenOut(board.Module, Esp32Pins.GpioOfAdc1Channel(c))));
    }

    [Theory]
    [InlineData(1, "fader ADC1 channel 1 uses GPIO 37, which WROOM-32 modules do not break out")]
    [InlineData(2, "fader ADC1 channel 2 uses GPIO 38, which WROOM-32 modules do not break out")]
    public void Adc1ChannelOffTheModulePins_IsRejected(int channel, string expected)
    {
        var b = Esp32BoardConfig.FaderDesk(Esp32Modules.Wroom32);
        b.Adc1Channels[5] = channel;

        var e = Assert.Throws<SurfaceConfigException>(() => Esp32Pins.Validate(b, null));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void WroomPinMap_OnAWrover_NamesThePsramPins()
    {
        var b = Esp32BoardConfig.FaderDesk(Esp32Modules.Wroom32);
        b.Module = Esp32Modules.Wrover;

        var e = Assert.Throws<SurfaceConfigException>(() => Esp32Pins.Validate(b, null));

        Assert.Contains("(2 problems)", e.Message);
        Assert.Contains("UART TX uses GPIO 17, which drives the PSRAM on WROVER modules", e.Message);
        Assert.Contains("UART RX uses GPIO 16, which drives the PSRAM on WROVER modules", e.Message);
    }

    [Fact]
    public void SerialLink_OnABoardWithoutUartPins_IsRejected_AndDebugUartIsRefused()
    {
        var b = Esp32BoardConfig.FaderDesk(Esp32Modules.Wrover);
        b.StatusLedPin = 1;
        b.Ads1115Inputs = new[] { 0, 4, 0 };

        var e = Assert.Throws<SurfaceConfigException>(() => Esp32Pins.Validate(b, new NetworkConfig { Transport = NetworkConfig.Serial }));

        Assert.Contains("the serial link needs UART pins, and this board has none (use Wi-Fi)", e.Message);
        Assert.Contains("status LED uses GPIO 1, UART0: nanoFramework's debug and deploy link", e.Message);
        Assert.Contains("ADS1115 input 4 does not exist", e.Message);
        Assert.Contains("ADS1115 AIN0 is listed twice", e.Message);
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
        var b = Esp32BoardConfig.FaderDesk(Esp32Modules.Wroom32);
        b.MotorPwmPins[0] = 34;
        b.MotorPwmPins[1] = 7;
        b.Adc1Channels[0] = 9;

        var e = Assert.Throws<SurfaceConfigException>(() => Esp32Pins.Validate(b, null));

        Assert.Contains("motor 1 PWM needs an output but GPIO 34 is input-only", e.Message);
        Assert.Contains("GPIO 34 is used by both fader ADC1 channel 6 and motor 1 PWM", e.Message);
        Assert.Contains("motor 2 PWM uses GPIO 7, which is wired to the flash", e.Message);
        Assert.Contains("fader ADC1 channel 9 does not exist", e.Message);
    }

    [Theory]
    [InlineData(FatalBlinkCode.PinMap)]
    [InlineData(FatalBlinkCode.Configuration)]
    [InlineData(FatalBlinkCode.Hardware)]
    public void FatalBlinkCode_FlashesTheCode_ThenPauses_EveryRound(int code)
    {
        int period = FatalBlinkCode.PeriodMs(code);
        bool[] lit = Enumerable.Range(0, 3 * period).Select(ms => FatalBlinkCode.IsLit(code, ms)).ToArray();
        int flashes = Enumerable.Range(1, lit.Length - 1).Count(ms => lit[ms] && !lit[ms - 1]) + (lit[0] ? 1 : 0);
        int longestDark = 0;
        for (int ms = 0, dark = 0; ms < lit.Length; ms++)
        {
            dark = lit[ms] ? 0 : dark + 1;
            longestDark = Math.Max(longestDark, dark);
        }

        Assert.Equal(3 * code, flashes);
        Assert.Equal(code * FatalBlinkCode.OnMs, lit.Take(period).Count(l => l));
        Assert.Equal(FatalBlinkCode.OffMs + FatalBlinkCode.PauseMs, longestDark);
    }
}
