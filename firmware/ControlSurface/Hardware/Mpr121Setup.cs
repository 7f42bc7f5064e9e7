using System;
using System.Device.I2c;
using System.Threading;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// Start-up configuration of an MPR121 capacitive touch controller for fader-knob touch (datasheet AN3944
    /// quick-start values); afterwards only its touch-status registers are read.
    /// </summary>
    public static class Mpr121Setup
    {
        /// <summary>Touch threshold (counts below baseline); metal fader caps give large deltas.</summary>
        public const byte TouchThreshold = 12;

        /// <summary>Release threshold, below the touch threshold for hysteresis.</summary>
        public const byte ReleaseThreshold = 6;

        /// <summary>Resets the controller and starts all 12 electrodes with baseline tracking.</summary>
        public static void Configure(I2cDevice touch)
        {
            Write(touch, 0x80, 0x63);
            Thread.Sleep(1);
            Write(touch, 0x5E, 0x00);
            for (byte e = 0; e < 12; e++)
            {
                Write(touch, (byte)(0x41 + (2 * e)), TouchThreshold);
                Write(touch, (byte)(0x42 + (2 * e)), ReleaseThreshold);
            }

            Write(touch, 0x2B, 0x01);
            Write(touch, 0x2C, 0x01);
            Write(touch, 0x2D, 0x00);
            Write(touch, 0x2E, 0x00);
            Write(touch, 0x2F, 0x01);
            Write(touch, 0x30, 0x01);
            Write(touch, 0x31, 0xFF);
            Write(touch, 0x32, 0x02);
            Write(touch, 0x5B, 0x00);
            Write(touch, 0x5C, 0x10);
            Write(touch, 0x5D, 0x20);
            Write(touch, 0x5E, 0x8C);
        }

        private static void Write(I2cDevice device, byte register, byte value)
        {
            device.Write(new SpanByte(new byte[] { register, value }));
        }
    }
}
