namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// ESP32 pin assignment of the hardware layer (see hardware/surface/*.md). Validated by <see cref="Esp32Pins"/>.
    /// </summary>
    public sealed class Esp32BoardConfig
    {
        /// <summary>The module on the devkit (<see cref="Esp32Modules"/>): it decides which GPIOs are broken out.</summary>
        public string Module = Esp32Modules.Wroom32;

        /// <summary>I2C bus 1 data pin (expanders, ADS1115, touch controller, LED drivers, display).</summary>
        public int I2cDataPin = 21;

        /// <summary>I2C bus 1 clock pin.</summary>
        public int I2cClockPin = 22;

        /// <summary>
        /// ADC1 channels used directly for faders, in fader order: the six a WROOM-32 or WROVER module breaks out
        /// (0, 3-7 on GPIO 36, 39, 32-35; channels 1 and 2 are GPIO 37/38, not on the module pins). ADC2 is unusable
        /// with Wi-Fi on.
        /// </summary>
        public int[] Adc1Channels = { 0, 3, 4, 5, 6, 7 };

        /// <summary>
        /// ADS1115 inputs (AIN0..3) that follow the ADC1 channels as fader channels, in order; empty when no ADS1115.
        /// Fader desk: AIN1, AIN2 for strips 7 and 8, AIN0 for the master.
        /// </summary>
        public int[] Ads1115Inputs = { 1, 2, 0 };

        /// <summary>MCP23017 I2C addresses, 16 inputs each, in input order.</summary>
        public int[] InputExpanderAddresses = { 0x20, 0x21, 0x22 };

        /// <summary>MPR121 touch controller I2C address, -1 when no touch sensors (its 12 electrodes follow the expander inputs).</summary>
        public int TouchControllerAddress = 0x5A;

        /// <summary>Open-drain interrupt line shared by the expanders (mirrored INTA/INTB), -1 to poll every scan.</summary>
        public int ExpanderInterruptPin = 27;

        /// <summary>PWM pin per motor (TB6612FNG PWMx).</summary>
        public int[] MotorPwmPins = { 4, 5, 13, 14, 18, 19, 23, 25 };

        /// <summary>MCP23017 address driving the motor direction pins (IN1/IN2 per motor), -1 when no motors.</summary>
        public int MotorDirectionExpanderAddress = 0x23;

        /// <summary>Motor driver standby pin (TB6612FNG STBY), -1 when tied high through a resistor.</summary>
        public int MotorStandbyPin = -1;

        /// <summary>HT16K33 LED driver addresses (128 LEDs each).</summary>
        public int[] LedDriverAddresses = { 0x70, 0x71 };

        /// <summary>I2C bus 2 data pin: the display has its own bus so its 25 ms frames never delay a scan.</summary>
        public int DisplayI2cDataPin = 26;

        /// <summary>I2C bus 2 clock pin (GPIO 15 idles high at boot, which its pull-up keeps).</summary>
        public int DisplayI2cClockPin = 15;

        /// <summary>SSD1306 display address.</summary>
        public int DisplayAddress = 0x3C;

        /// <summary>UART TX pin for the SLIP serial link, -1 when the board has no serial link.</summary>
        public int UartTxPin = 17;

        /// <summary>UART RX pin for the SLIP serial link, -1 when the board has no serial link.</summary>
        public int UartRxPin = 16;

        /// <summary>Output pin of the status LED that blinks a fatal error's code (devkit LED on GPIO 2), -1 when none.</summary>
        public int StatusLedPin = 2;

        /// <summary>PWM frequency of the motor drivers (above hearing, within the TB6612FNG's 100 kHz).</summary>
        public int MotorPwmFrequencyHz = 20000;

        /// <summary>
        /// The board for the fader desk on <paramref name="module"/>: 8 motorised faders, 3 input expanders, touch, two
        /// LED drivers. A WROVER's PSRAM takes GPIO 16 and 17 and the desk has no other free pair, so on a WROVER the
        /// desk talks over Wi-Fi only.
        /// </summary>
        public static Esp32BoardConfig FaderDesk(string module)
        {
            Esp32BoardConfig b = new Esp32BoardConfig();
            b.Module = module;
            if (module == Esp32Modules.Wrover)
            {
                b.UartTxPin = -1;
                b.UartRxPin = -1;
            }

            return b;
        }

        /// <summary>
        /// The board for the mastering panel on <paramref name="module"/>: encoders on two expanders, no faders or
        /// motors. On a WROVER (PSRAM on GPIO 16/17) the serial link moves to GPIO 18/19.
        /// </summary>
        public static Esp32BoardConfig MasteringPanel(string module)
        {
            Esp32BoardConfig b = new Esp32BoardConfig();
            b.Module = module;
            if (module == Esp32Modules.Wrover)
            {
                b.UartTxPin = 18;
                b.UartRxPin = 19;
            }

            b.Adc1Channels = new int[0];
            b.Ads1115Inputs = new int[0];
            b.InputExpanderAddresses = new int[] { 0x20, 0x21 };
            b.TouchControllerAddress = -1;
            b.MotorPwmPins = new int[0];
            b.MotorDirectionExpanderAddress = -1;
            b.MotorStandbyPin = -1;
            return b;
        }
    }
}
