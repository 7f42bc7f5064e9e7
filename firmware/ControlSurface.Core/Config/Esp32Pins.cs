namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// ESP32 (WROOM-32/WROVER module) pin facts and a start-up check of an <see cref="Esp32BoardConfig"/>.
    /// </summary>
    public static class Esp32Pins
    {
        private static readonly int[] Adc1Gpio = { 36, 37, 38, 39, 32, 33, 34, 35 };

        /// <summary>GPIO of ADC1 channel <paramref name="channel"/> (0..7), -1 otherwise.</summary>
        public static int GpioOfAdc1Channel(int channel)
        {
            return channel >= 0 && channel < Adc1Gpio.Length ? Adc1Gpio[channel] : -1;
        }

        /// <summary>True for GPIO 6-11, wired to the SPI flash on modules.</summary>
        public static bool IsFlashPin(int gpio)
        {
            return gpio >= 6 && gpio <= 11;
        }

        /// <summary>True for GPIO 0, 2 and 12, whose level at reset selects the boot mode or flash voltage: no pull-ups there.</summary>
        public static bool IsBootStrap(int gpio)
        {
            return gpio == 0 || gpio == 2 || gpio == 12;
        }

        /// <summary>True for GPIO 34-39, which have no output driver.</summary>
        public static bool IsInputOnly(int gpio)
        {
            return gpio >= 34 && gpio <= 39;
        }

        /// <summary>True for GPIO 1 and 3, UART0: nanoFramework's debug and deploy link.</summary>
        public static bool IsDebugUart(int gpio)
        {
            return gpio == 1 || gpio == 3;
        }

        /// <summary>True for GPIO 16 and 17 on a WROVER, where they drive the PSRAM.</summary>
        public static bool IsPsramPin(string module, int gpio)
        {
            return module == Esp32Modules.Wrover && (gpio == 16 || gpio == 17);
        }

        /// <summary>True when <paramref name="gpio"/> reaches a pin of <paramref name="module"/> (GPIO 37 and 38 never do).</summary>
        public static bool IsBrokenOut(string module, int gpio)
        {
            return Exists(gpio) && gpio != 37 && gpio != 38 && !IsPsramPin(module, gpio);
        }

        /// <summary>True for a GPIO number that exists on the ESP32.</summary>
        public static bool Exists(int gpio)
        {
            return (gpio >= 0 && gpio <= 19 && gpio != 20) || (gpio >= 21 && gpio <= 23) || (gpio >= 25 && gpio <= 27)
                || (gpio >= 32 && gpio <= 39);
        }

        /// <summary>
        /// Throws <see cref="SurfaceConfigException"/> listing every pin conflict of <paramref name="board"/> on its module;
        /// <paramref name="network"/> (may be null) adds the check that a serial link has UART pins.
        /// </summary>
        public static void Validate(Esp32BoardConfig board, NetworkConfig network)
        {
            string[] owners = new string[40];
            string problems = "";
            int count = 0;
            string module = board.Module;
            if (module != Esp32Modules.Wroom32 && module != Esp32Modules.Wrover)
            {
                Add(ref problems, ref count, "module '" + module + "' is unknown (expected '" + Esp32Modules.Wroom32 + "' or '"
                    + Esp32Modules.Wrover + "')");
                module = Esp32Modules.Wroom32;
            }

            for (int i = 0; i < board.Adc1Channels.Length; i++)
            {
                int gpio = GpioOfAdc1Channel(board.Adc1Channels[i]);
                string owner = "fader ADC1 channel " + board.Adc1Channels[i].ToString();
                if (gpio < 0)
                {
                    Add(ref problems, ref count, owner + " does not exist: ADC1 has channels 0..7 (ADC2 stops working when Wi-Fi is on)");
                    continue;
                }

                Use(owners, module, gpio, owner, false, ref problems, ref count);
            }

            for (int i = 0; i < board.Ads1115Inputs.Length; i++)
            {
                int ain = board.Ads1115Inputs[i];
                if (ain < 0 || ain > 3)
                {
                    Add(ref problems, ref count, "ADS1115 input " + ain.ToString() + " does not exist: it has AIN0..AIN3");
                }

                for (int j = 0; j < i; j++)
                {
                    if (board.Ads1115Inputs[j] == ain)
                    {
                        Add(ref problems, ref count, "ADS1115 AIN" + ain.ToString() + " is listed twice");
                    }
                }
            }

            Use(owners, module, board.I2cDataPin, "I2C data", true, ref problems, ref count);
            Use(owners, module, board.I2cClockPin, "I2C clock", true, ref problems, ref count);
            Use(owners, module, board.DisplayI2cDataPin, "display I2C data", true, ref problems, ref count);
            Use(owners, module, board.DisplayI2cClockPin, "display I2C clock", true, ref problems, ref count);
            if (board.ExpanderInterruptPin >= 0)
            {
                Use(owners, module, board.ExpanderInterruptPin, "expander interrupt", false, ref problems, ref count);
            }

            for (int i = 0; i < board.MotorPwmPins.Length; i++)
            {
                Use(owners, module, board.MotorPwmPins[i], "motor " + (i + 1).ToString() + " PWM", true, ref problems, ref count);
            }

            if (board.MotorStandbyPin >= 0)
            {
                Use(owners, module, board.MotorStandbyPin, "motor standby", true, ref problems, ref count);
            }

            if (board.UartTxPin >= 0 || board.UartRxPin >= 0)
            {
                Use(owners, module, board.UartTxPin, "UART TX", true, ref problems, ref count);
                Use(owners, module, board.UartRxPin, "UART RX", false, ref problems, ref count);
            }
            else if (network != null && network.Transport == NetworkConfig.Serial)
            {
                Add(ref problems, ref count, "the serial link needs UART pins, and this board has none (use Wi-Fi)");
            }

            if (board.StatusLedPin >= 0)
            {
                Use(owners, module, board.StatusLedPin, "status LED", true, ref problems, ref count);
            }

            if (board.MotorPwmPins.Length > 0 && board.MotorDirectionExpanderAddress < 0)
            {
                Add(ref problems, ref count, "motors need a direction expander address");
            }

            if (board.MotorPwmFrequencyHz < 1000 || board.MotorPwmFrequencyHz > 100000)
            {
                Add(ref problems, ref count, "motor PWM frequency must be 1..100 kHz");
            }

            if (count > 0)
            {
                throw new SurfaceConfigException("ESP32 pin map is invalid (" + count.ToString() + " problem"
                    + (count == 1 ? "" : "s") + "):" + problems);
            }
        }

        private static void Use(string[] owners, string module, int gpio, string owner, bool output, ref string problems, ref int count)
        {
            if (!Exists(gpio))
            {
                Add(ref problems, ref count, owner + " uses GPIO " + gpio.ToString() + ", which the ESP32 does not have");
                return;
            }

            if (IsPsramPin(module, gpio))
            {
                Add(ref problems, ref count, owner + " uses GPIO " + gpio.ToString() + ", which drives the PSRAM on " + module + " modules");
                return;
            }

            if (!IsBrokenOut(module, gpio))
            {
                Add(ref problems, ref count, owner + " uses GPIO " + gpio.ToString() + ", which " + module + " modules do not break out");
                return;
            }

            if (IsDebugUart(gpio))
            {
                Add(ref problems, ref count, owner + " uses GPIO " + gpio.ToString() + ", UART0: nanoFramework's debug and deploy link");
                return;
            }

            if (IsFlashPin(gpio))
            {
                Add(ref problems, ref count, owner + " uses GPIO " + gpio.ToString() + ", which is wired to the flash");
                return;
            }

            if (IsBootStrap(gpio) && (owner.IndexOf("I2C") >= 0 || owner.IndexOf("interrupt") >= 0))
            {
                Add(ref problems, ref count, owner + " puts a pull-up on boot-strap GPIO " + gpio.ToString() + ": the board may not boot or flash");
            }

            if (output && IsInputOnly(gpio))
            {
                Add(ref problems, ref count, owner + " needs an output but GPIO " + gpio.ToString() + " is input-only");
            }

            if (owners[gpio] != null)
            {
                Add(ref problems, ref count, "GPIO " + gpio.ToString() + " is used by both " + owners[gpio] + " and " + owner);
                return;
            }

            owners[gpio] = owner;
        }

        private static void Add(ref string problems, ref int count, string text)
        {
            count++;
            problems = problems + "\n - " + text;
        }
    }
}
