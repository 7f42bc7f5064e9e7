using System.Device.I2c;
using System.Threading;
using Iot.Device.Ssd13xx;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// 16 x 8 characters on a 128x64 SSD1306 OLED. A full frame takes about 25 ms of I2C at 400 kHz, so it is sent
    /// by a background thread on its own I2C bus: the 1 kHz scan loop only copies characters and never waits.
    /// </summary>
    public sealed class Ssd1306TextDisplay : IDisplay
    {
        private const int LineCount = 8;
        private const int ColumnCount = 16;

        private readonly Ssd1306 _device;
        private readonly object _sync = new object();
        private readonly char[][] _pending;
        private readonly char[][] _drawn;
        private readonly bool[] _lineDirty;
        private readonly byte[] _cell = new byte[8];
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private bool _dirty;

        /// <summary>Initialises the display and starts the refresh thread.</summary>
        public Ssd1306TextDisplay(I2cDevice device)
        {
            _device = new Ssd1306(device, Ssd13xx.DisplayResolution.OLED128x64);
            _device.ClearScreen();
            _pending = new char[LineCount][];
            _drawn = new char[LineCount][];
            _lineDirty = new bool[LineCount];
            for (int i = 0; i < LineCount; i++)
            {
                _pending[i] = new char[ColumnCount];
                _drawn[i] = new char[ColumnCount];
            }

            new Thread(Refresh).Start();
        }

        /// <inheritdoc/>
        public int Lines => LineCount;

        /// <inheritdoc/>
        public int Columns => ColumnCount;

        /// <inheritdoc/>
        public void WriteLine(int line, char[] text, int length)
        {
            lock (_sync)
            {
                char[] row = _pending[line];
                for (int c = 0; c < ColumnCount; c++)
                {
                    row[c] = c < length ? text[c] : ' ';
                }

                _lineDirty[line] = true;
                _dirty = true;
            }
        }

        /// <inheritdoc/>
        public void Flush()
        {
            if (_dirty)
            {
                _wake.Set();
            }
        }

        private void Refresh()
        {
            while (true)
            {
                _wake.WaitOne();
                lock (_sync)
                {
                    _dirty = false;
                    for (int l = 0; l < LineCount; l++)
                    {
                        if (_lineDirty[l])
                        {
                            _lineDirty[l] = false;
                            System.Array.Copy(_pending[l], _drawn[l], ColumnCount);
                        }
                    }
                }

                for (int l = 0; l < LineCount; l++)
                {
                    for (int c = 0; c < ColumnCount; c++)
                    {
                        Font5x7.Render(_drawn[l][c], _cell);
                        _device.DrawDirectAligned(c * 8, l * 8, 8, 8, _cell);
                    }
                }

                _device.Display();
            }
        }
    }
}
