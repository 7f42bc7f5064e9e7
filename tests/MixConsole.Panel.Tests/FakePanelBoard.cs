using System.Device.Gpio;
using System.Device.I2c;
using MixConsole.Panel.Hardware;
using MixConsole.Panel.Tests.Fakes;

namespace MixConsole.Panel.Tests;

/// <summary>The mastering box's devices as doubles: a GPIO chip, the MCP23017, the ADS1115 and the SSD1306, and hand actions on them.</summary>
internal sealed class FakePanelBoard
{
    public FakeGpioDriver Gpio { get; } = new();

    public FakeMcp23017 Expander { get; } = new(0x20);

    public FakeAds1115 Adc { get; } = new(0x49);

    public FakeSsd1306 Oled { get; } = new(0x3C);

    /// <summary>Addresses that do not answer (a device left off the bus).</summary>
    public HashSet<int> Missing { get; } = [];

    /// <summary>Devices for a panel; each call hands out the same doubles.</summary>
    public PanelDevices Devices() => new(new GpioController(Gpio), Open, "fake gpiochip, fake i2c");

    /// <summary>
    /// Turns the encoder on pins <paramref name="a"/>/<paramref name="b"/> by <paramref name="detents"/> (clockwise
    /// positive), one contact change at a time, each edge raising the driver's callbacks as the kernel's events would.
    /// </summary>
    public void Turn(int a, int b, int detents)
    {
        // Closed contact = low. Clockwise (A, B) closed states: 00 -> 01 -> 11 -> 10 -> 00.
        int[] cw = [1, 3, 2, 0];
        int[] ccw = [2, 3, 1, 0];
        for (int d = 0; d < Math.Abs(detents); d++)
        {
            foreach (int s in detents > 0 ? cw : ccw)
            {
                Gpio.SetLevel(a, (s & 2) != 0 ? PinValue.Low : PinValue.High);
                Gpio.SetLevel(b, (s & 1) != 0 ? PinValue.Low : PinValue.High);
            }
        }
    }

    private I2cDevice Open(int address) => Missing.Contains(address)
        ? throw new IOException($"no device answers at 0x{address:X2}")
        : address switch
        {
            0x20 => Expander,
            0x49 => Adc,
            0x3C => Oled,
            _ => throw new IOException($"no device answers at 0x{address:X2}"),
        };
}
