using System;
using System.Device.I2c;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// LEDs on HT16K33 matrix drivers (16 rows x 8 commons = 128 LEDs each). The first driver holds the LED rings
    /// (ring r on common r, 16 LEDs); single LEDs follow on the next driver, LED n at common n / 16, row n % 16.
    /// Only drivers whose RAM changed are rewritten on Flush.
    /// </summary>
    public sealed class Ht16k33LedDriver : ILedDriver
    {
        private const byte OscillatorOn = 0x21;
        private const byte DisplayOnNoBlink = 0x81;
        private const byte FullBrightness = 0xEF;

        private readonly I2cDevice[] _drivers;
        private readonly byte[][] _ram;
        private readonly bool[] _dirty;
        private readonly int _rings;
        private readonly byte[] _command = new byte[1];

        /// <summary>Starts each driver; <paramref name="rings"/> rings live on the first one (at most 8).</summary>
        public Ht16k33LedDriver(I2cDevice[] drivers, int rings)
        {
            _drivers = drivers;
            _rings = rings;
            _ram = new byte[drivers.Length][];
            _dirty = new bool[drivers.Length];
            for (int d = 0; d < drivers.Length; d++)
            {
                _ram[d] = new byte[17];
                Command(drivers[d], OscillatorOn);
                Command(drivers[d], DisplayOnNoBlink);
                Command(drivers[d], FullBrightness);
                _dirty[d] = true;
            }
        }

        /// <inheritdoc/>
        public int LedCount => (_drivers.Length - (_rings > 0 ? 1 : 0)) * 128;

        /// <inheritdoc/>
        public int RingCount => _rings;

        /// <inheritdoc/>
        public void SetLed(int led, bool on)
        {
            int d = (_rings > 0 ? 1 : 0) + (led / 128);
            int n = led % 128;
            int common = n / 16;
            int row = n % 16;
            int index = 1 + (common * 2) + (row / 8);
            int mask = 1 << (row % 8);
            byte old = _ram[d][index];
            byte value = on ? (byte)(old | mask) : (byte)(old & ~mask);
            if (value != old)
            {
                _ram[d][index] = value;
                _dirty[d] = true;
            }
        }

        /// <inheritdoc/>
        public void SetRing(int ring, int mask)
        {
            byte lo = (byte)mask;
            byte hi = (byte)(mask >> 8);
            byte[] ram = _ram[0];
            int index = 1 + (ring * 2);
            if (ram[index] != lo || ram[index + 1] != hi)
            {
                ram[index] = lo;
                ram[index + 1] = hi;
                _dirty[0] = true;
            }
        }

        /// <inheritdoc/>
        public void Flush()
        {
            for (int d = 0; d < _drivers.Length; d++)
            {
                if (_dirty[d])
                {
                    _dirty[d] = false;
                    _drivers[d].Write(new SpanByte(_ram[d]));
                }
            }
        }

        private void Command(I2cDevice device, byte command)
        {
            _command[0] = command;
            device.Write(new SpanByte(_command));
        }
    }
}
