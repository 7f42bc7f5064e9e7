// Facade of nanoFramework.Hardware.Esp32: nanoframework/nanoFramework.Hardware.Esp32 at v1.6.37,
// nanoFramework.Hardware.Esp32/Configuration.cs and DeviceTypePins.cs. Signatures and enum values as published
// (DeviceFunction cut to the I2C, serial and PWM members); bodies throw.
namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceTypes
    {
        GPIO = 0 * 0x00010000,
        SPI = 1 * 0x00010000,
        I2C = 2 * 0x00010000,
        SERIAL = 3 * 0x00010000,
        PWM = 4 * 0x00010000,
        ADC = 5 * 0x00010000,
        I2S = 6 * 0x00010000,
        SDMMC = 8 * 0x00010000,
    }

    public enum DeviceFunction
    {
        I2C1_DATA = DeviceTypes.I2C + (1 * 0x00000100) + 0,
        I2C1_CLOCK = DeviceTypes.I2C + (1 * 0x00000100) + 1,
        I2C2_DATA = DeviceTypes.I2C + (2 * 0x00000100) + 0,
        I2C2_CLOCK = DeviceTypes.I2C + (2 * 0x00000100) + 1,
        COM2_TX = DeviceTypes.SERIAL + (2 * 0x00000100) + 0,
        COM2_RX = DeviceTypes.SERIAL + (2 * 0x00000100) + 1,
        PWM1 = DeviceTypes.PWM + (1 * 0x00000100) + 0,
        PWM2 = DeviceTypes.PWM + (2 * 0x00000100) + 0,
        PWM3 = DeviceTypes.PWM + (3 * 0x00000100) + 0,
        PWM4 = DeviceTypes.PWM + (4 * 0x00000100) + 0,
        PWM5 = DeviceTypes.PWM + (5 * 0x00000100) + 0,
        PWM6 = DeviceTypes.PWM + (6 * 0x00000100) + 0,
        PWM7 = DeviceTypes.PWM + (7 * 0x00000100) + 0,
        PWM8 = DeviceTypes.PWM + (8 * 0x00000100) + 0,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) => throw null;

        public static int GetFunctionPin(DeviceFunction function) => throw null;
    }
}
