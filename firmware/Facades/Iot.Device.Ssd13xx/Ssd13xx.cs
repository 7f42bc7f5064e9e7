// Facade of Iot.Device.Ssd13xx (package nanoFramework.Iot.Device.Ssd13xx 1.3.759): nanoframework/nanoFramework.IoT.Device
// at commit 0bc5721692dde177f1b2cfce356c48e5b3c9eb24, devices/Ssd13xx/Ssd13xx.cs, Ssd1306.cs, DisplayOrientation.cs.
// Signatures as published (the command and font members left out); bodies throw.
namespace Iot.Device.Ssd13xx
{
    using System;
    using System.Device.Gpio;
    using System.Device.I2c;

    public enum DisplayOrientation : int
    {
        Portrait = 1,
        Landscape = 2,
        Portrait180 = 3,
        Landscape180 = 4,
    }

    public abstract class Ssd13xx : IDisposable
    {
        public Ssd13xx(
            I2cDevice i2cDevice,
            DisplayResolution resolution = DisplayResolution.OLED128x64,
            DisplayOrientation orientation = DisplayOrientation.Landscape,
            int resetPin = -1,
            GpioController gpio = null,
            bool shouldDispose = true) => throw null;

        public enum DisplayResolution
        {
            OLED128x64,
            OLED128x32,
            OLED96x16,
            OLED64x128,
        }

        public int Width { get => throw null; set => throw null; }

        public int Height { get => throw null; set => throw null; }

        public void DrawDirectAligned(int x, int y, int width, int height, byte[] buffer) => throw null;

        public void ClearDirectAligned(int x, int y, int width, int height) => throw null;

        public void Display() => throw null;

        public void ClearScreen() => throw null;

        public void Dispose() => throw null;
    }

    public class Ssd1306 : Ssd13xx
    {
        public const byte DefaultI2cAddress = 0x3C;

        public const byte SecondaryI2cAddress = 0x3D;

        public Ssd1306(I2cDevice i2cDevice, int resetPin = -1)
            : base(i2cDevice) => throw null;

        public Ssd1306(I2cDevice i2cDevice, DisplayResolution res, DisplayOrientation orientation = DisplayOrientation.Landscape, int resetPin = -1, GpioController gpio = null, bool shouldDispose = true)
            : base(i2cDevice) => throw null;
    }
}
