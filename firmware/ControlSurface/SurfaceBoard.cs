using System.Device.Gpio;
using System.Device.I2c;
using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Link;
using nanoFramework.Hardware.Esp32;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// Builds the real hardware ports of the ESP32 board from its pin map (validated first).
    /// </summary>
    public static class SurfaceBoard
    {
        private const int SensorBus = 1;
        private const int DisplayBus = 2;

        /// <summary>Assigns pin functions, opens every device and returns the hardware bundle; <paramref name="board"/> is validated (Esp32Pins).</summary>
        public static SurfaceHardware Create(Esp32BoardConfig board, NetworkConfig network)
        {
            Configuration.SetPinFunction(board.I2cDataPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(board.I2cClockPin, DeviceFunction.I2C1_CLOCK);
            Configuration.SetPinFunction(board.DisplayI2cDataPin, DeviceFunction.I2C2_DATA);
            Configuration.SetPinFunction(board.DisplayI2cClockPin, DeviceFunction.I2C2_CLOCK);

            I2cDevice ads = board.Ads1115Inputs.Length > 0 ? Open(SensorBus, 0x48) : null;
            IFaderAdc adc = new Esp32FaderAdc(board.Adc1Channels, ads, board.Ads1115Inputs);

            I2cDevice[] expanders = new I2cDevice[board.InputExpanderAddresses.Length];
            for (int i = 0; i < expanders.Length; i++)
            {
                expanders[i] = Open(SensorBus, board.InputExpanderAddresses[i]);
            }

            I2cDevice touch = board.TouchControllerAddress >= 0 ? Open(SensorBus, board.TouchControllerAddress) : null;
            GpioController gpio = new GpioController();
            GpioPin interrupt = board.ExpanderInterruptPin >= 0 ? gpio.OpenPin(board.ExpanderInterruptPin, PinMode.InputPullUp) : null;
            IDigitalInputs inputs = new ExpanderInputs(expanders, touch, interrupt);

            IMotorDriver motors;
            if (board.MotorPwmPins.Length > 0)
            {
                for (int m = 0; m < board.MotorPwmPins.Length; m++)
                {
                    Configuration.SetPinFunction(board.MotorPwmPins[m], PwmFunction(m));
                }

                if (board.MotorStandbyPin >= 0)
                {
                    gpio.OpenPin(board.MotorStandbyPin, PinMode.Output).Write(PinValue.High);
                }

                motors = new Tb6612MotorDriver(board.MotorPwmPins, board.MotorPwmFrequencyHz, Open(SensorBus, board.MotorDirectionExpanderAddress));
            }
            else
            {
                motors = new NoMotors();
            }

            I2cDevice[] ledDrivers = new I2cDevice[board.LedDriverAddresses.Length];
            for (int i = 0; i < ledDrivers.Length; i++)
            {
                ledDrivers[i] = Open(SensorBus, board.LedDriverAddresses[i]);
            }

            ILedDriver leds = new Ht16k33LedDriver(ledDrivers, 8);
            IDisplay display = new Ssd1306TextDisplay(Open(DisplayBus, board.DisplayAddress));

            IOscTransport transport;
            if (network.Transport == NetworkConfig.Serial)
            {
                Configuration.SetPinFunction(board.UartTxPin, DeviceFunction.COM2_TX);
                Configuration.SetPinFunction(board.UartRxPin, DeviceFunction.COM2_RX);
                transport = new SlipOscTransport(new UartByteStream(network.SerialPort, network.BaudRate), OscLink.MaxPacketBytes);
            }
            else
            {
                transport = new UdpOscTransport(network.HostAddress, network.HostPort, network.LocalPort);
            }

            return new SurfaceHardware(adc, inputs, motors, leds, display, new SystemClock(), transport);
        }

        private static I2cDevice Open(int bus, int address)
        {
            return I2cDevice.Create(new I2cConnectionSettings(bus, address, I2cBusSpeed.FastMode));
        }

        private static DeviceFunction PwmFunction(int motor)
        {
            switch (motor)
            {
                case 0: return DeviceFunction.PWM1;
                case 1: return DeviceFunction.PWM2;
                case 2: return DeviceFunction.PWM3;
                case 3: return DeviceFunction.PWM4;
                case 4: return DeviceFunction.PWM5;
                case 5: return DeviceFunction.PWM6;
                case 6: return DeviceFunction.PWM7;
                default: return DeviceFunction.PWM8;
            }
        }
    }
}
