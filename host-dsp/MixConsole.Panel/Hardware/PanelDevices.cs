using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;

namespace MixConsole.Panel.Hardware;

/// <summary>
/// Where the panel's devices are: a GPIO controller and a way to open an I2C device by address. On a Pi, the
/// kernel's GPIO character device through libgpiod and /dev/i2c-N; in tests, a <see cref="GpioDriver"/> and
/// <see cref="I2cDevice"/> doubles.
/// </summary>
public sealed class PanelDevices(GpioController gpio, Func<int, I2cDevice> openI2c, string description) : IDisposable
{
    /// <summary>Labels of the chips that carry the 40-pin header: Pi 5's RP1, then Pi 4's and older Pis' SoC.</summary>
    public static IReadOnlyList<string> HeaderChipLabels { get; } = ["pinctrl-rp1", "pinctrl-bcm2711", "pinctrl-bcm2835"];

    /// <summary>The GPIO controller (owned).</summary>
    public GpioController Gpio { get; } = gpio ?? throw new ArgumentNullException(nameof(gpio));

    /// <summary>"gpiochip0, i2c-1" or the test's name, for the start-up line.</summary>
    public string Description { get; } = description;

    /// <summary>Opens the I2C device at the 7-bit <paramref name="address"/>.</summary>
    public I2cDevice OpenI2c(int address) => openI2c(address);

    /// <summary>
    /// The Pi's own devices: GPIO chip <paramref name="chip"/> (-1: the chip labelled as the header's, which is
    /// gpiochip4 on a Pi 5 with kernels before 6.6.45 and gpiochip0 after, gpiochip0 on a Pi 4) and I2C bus <paramref name="bus"/>.
    /// </summary>
    public static PanelDevices OpenPi(int chip, int bus)
    {
        if (chip < 0)
        {
            var chips = LibGpiodDriver.GetAvailableChips();
            GpioChipInfo? header = HeaderChipLabels
                .Select(label => chips.FirstOrDefault(c => c.Label.StartsWith(label, StringComparison.Ordinal)))
                .FirstOrDefault(c => c is not null);
            chip = header?.Id ?? throw new IOException(
                $"no GPIO chip labelled {string.Join(" or ", HeaderChipLabels)} (found: {string.Join(", ", chips.Select(c => $"gpiochip{c.Id} '{c.Label}'"))}); set gpioChip in the panel config");
        }

        var gpio = new GpioController(new LibGpiodDriver(chip));
        return new PanelDevices(gpio, address => I2cDevice.Create(new I2cConnectionSettings(bus, address)), $"gpiochip{chip}, i2c-{bus}");
    }

    /// <inheritdoc/>
    public void Dispose() => Gpio.Dispose();
}
