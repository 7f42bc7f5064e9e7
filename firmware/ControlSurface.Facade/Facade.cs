// COMPILE-ONLY FACADE. Signatures mirror the nanoFramework packages named in firmware/ControlSurface/packages.config.
// Nothing here runs: every member throws. Never shipped.
namespace System
{
    /// <summary>nanoFramework's byte span (System.SpanByte in nanoFramework.CoreLibrary). Compile-only.</summary>
    public struct SpanByte
    {
        public SpanByte(byte[] array) => throw Facade.CompileOnly();

        public SpanByte(byte[] array, int start, int length) => throw Facade.CompileOnly();

        public int Length => throw Facade.CompileOnly();

        public static implicit operator SpanByte(byte[] array) => throw Facade.CompileOnly();
    }

    internal static class Facade
    {
        public static NotSupportedException CompileOnly() => new NotSupportedException("compile-only facade");
    }
}

namespace System.Device.Adc
{
    public class AdcController
    {
        public AdcController() => throw Facade.CompileOnly();

        public int ChannelCount => throw Facade.CompileOnly();

        public AdcChannel OpenChannel(int channelNumber) => throw Facade.CompileOnly();
    }

    public class AdcChannel
    {
        private AdcChannel() => throw Facade.CompileOnly();

        public int ReadValue() => throw Facade.CompileOnly();
    }
}

namespace System.Device.Pwm
{
    public class PwmChannel
    {
        private PwmChannel() => throw Facade.CompileOnly();

        public double DutyCycle { get => throw Facade.CompileOnly(); set => throw Facade.CompileOnly(); }

        public static PwmChannel CreateFromPin(int pin, int frequency = 400, double dutyCyclePercentage = 0.5) => throw Facade.CompileOnly();

        public void Start() => throw Facade.CompileOnly();

        public void Stop() => throw Facade.CompileOnly();
    }
}

namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        Output,
        InputPullDown,
        InputPullUp,
    }

    public struct PinValue
    {
        public static PinValue Low => throw Facade.CompileOnly();

        public static PinValue High => throw Facade.CompileOnly();

        public static bool operator ==(PinValue a, PinValue b) => throw Facade.CompileOnly();

        public static bool operator !=(PinValue a, PinValue b) => throw Facade.CompileOnly();

        public override bool Equals(object obj) => throw Facade.CompileOnly();

        public override int GetHashCode() => throw Facade.CompileOnly();
    }

    public class GpioController
    {
        public GpioController() => throw Facade.CompileOnly();

        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw Facade.CompileOnly();
    }

    public class GpioPin
    {
        private GpioPin() => throw Facade.CompileOnly();

        public PinValue Read() => throw Facade.CompileOnly();

        public void Write(PinValue value) => throw Facade.CompileOnly();
    }
}

namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
        FastModePlus,
    }

    public struct I2cTransferResult
    {
        public uint BytesTransferred => throw Facade.CompileOnly();
    }

    public class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) => throw Facade.CompileOnly();
    }

    public class I2cDevice
    {
        private I2cDevice() => throw Facade.CompileOnly();

        public static I2cDevice Create(I2cConnectionSettings settings) => throw Facade.CompileOnly();

        public I2cTransferResult Write(SpanByte buffer) => throw Facade.CompileOnly();

        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) => throw Facade.CompileOnly();
    }
}

namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}

namespace System.IO.Ports
{
    public class SerialPort
    {
        public SerialPort(string portName, int baudRate) => throw Facade.CompileOnly();

        public int ReadTimeout { get => throw Facade.CompileOnly(); set => throw Facade.CompileOnly(); }

        public int WriteTimeout { get => throw Facade.CompileOnly(); set => throw Facade.CompileOnly(); }

        public bool IsOpen => throw Facade.CompileOnly();

        public int BytesToRead => throw Facade.CompileOnly();

        public void Open() => throw Facade.CompileOnly();

        public void Close() => throw Facade.CompileOnly();

        public int Read(byte[] buffer, int offset, int count) => throw Facade.CompileOnly();

        public void Write(byte[] buffer, int offset, int count) => throw Facade.CompileOnly();
    }
}

namespace nanoFramework.Networking
{
    using System.Device.Wifi;
    using System.Threading;

    public static class WifiNetworkHelper
    {
        public static bool ConnectDhcp(
            string ssid,
            string password,
            WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic,
            bool requiresDateTime = false,
            int wifiAdapterId = 0,
            CancellationToken token = default) => throw System.Facade.CompileOnly();
    }
}

namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        COM2_RX,
        COM2_TX,
        I2C1_DATA,
        I2C1_CLOCK,
        I2C2_DATA,
        I2C2_CLOCK,
        PWM1,
        PWM2,
        PWM3,
        PWM4,
        PWM5,
        PWM6,
        PWM7,
        PWM8,
    }

    public static class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction function) => throw System.Facade.CompileOnly();
    }
}

namespace Iot.Device.Mcp23xxx
{
    using System.Device.Gpio;
    using System.Device.I2c;

    public enum Register
    {
        IODIR = 0x00,
        IPOL = 0x01,
        GPINTEN = 0x02,
        DEFVAL = 0x03,
        INTCON = 0x04,
        IOCON = 0x05,
        GPPU = 0x06,
        INTF = 0x07,
        INTCAP = 0x08,
        GPIO = 0x09,
        OLAT = 0x0A,
    }

    public enum Port
    {
        PortA,
        PortB,
    }

    public abstract class Mcp23x1x
    {
        public void WriteByte(Register register, byte value, Port port) => throw System.Facade.CompileOnly();

        public void WriteUInt16(Register register, ushort value) => throw System.Facade.CompileOnly();

        public ushort ReadUInt16(Register register) => throw System.Facade.CompileOnly();
    }

    public class Mcp23017 : Mcp23x1x
    {
        public Mcp23017(I2cDevice i2cDevice, int reset = -1, int interruptA = -1, int interruptB = -1, GpioController masterController = null, bool shouldDispose = true)
            => throw System.Facade.CompileOnly();
    }
}

namespace Iot.Device.Ads1115
{
    using System.Device.I2c;

    public enum InputMultiplexer
    {
        AIN0_AIN1,
        AIN0_AIN3,
        AIN1_AIN3,
        AIN2_AIN3,
        AIN0,
        AIN1,
        AIN2,
        AIN3,
    }

    public enum MeasuringRange
    {
        FS6144,
        FS4096,
        FS2048,
        FS1024,
        FS0512,
        FS0256,
    }

    public enum DataRate
    {
        SPS008,
        SPS016,
        SPS032,
        SPS064,
        SPS128,
        SPS250,
        SPS475,
        SPS860,
    }

    public enum DeviceMode
    {
        Continuous,
        PowerDown,
    }

    public class Ads1115
    {
        public Ads1115(I2cDevice i2cDevice, InputMultiplexer inputMultiplexer = InputMultiplexer.AIN0, MeasuringRange measuringRange = MeasuringRange.FS4096, DataRate dataRate = DataRate.SPS128, DeviceMode deviceMode = DeviceMode.Continuous)
            => throw System.Facade.CompileOnly();

        public short ReadRaw() => throw System.Facade.CompileOnly();
    }
}

namespace Iot.Device.Ssd13xx
{
    using System.Device.I2c;

    public abstract class Ssd13xx
    {
        public enum DisplayResolution
        {
            OLED128x64,
            OLED128x32,
            OLED96x16,
        }

        public void ClearScreen() => throw System.Facade.CompileOnly();

        public void DrawDirectAligned(int x, int y, int width, int height, byte[] buffer) => throw System.Facade.CompileOnly();

        public void Display() => throw System.Facade.CompileOnly();
    }

    public class Ssd1306 : Ssd13xx
    {
        public Ssd1306(I2cDevice i2cDevice, DisplayResolution resolution) => throw System.Facade.CompileOnly();
    }
}
