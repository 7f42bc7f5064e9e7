using System;
using System.Device.Gpio;
using System.Device.I2c;
using Iot.Device.Mcp23xxx;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// Digital inputs: 16 per MCP23017 (pull-ups on, inverted so a closed contact reads true), then the 12
    /// electrodes of an optional MPR121 touch controller. Expanders are read only when their shared interrupt line
    /// says something changed (and at least every 10 scans), which keeps the I2C bus free for the rest of the scan.
    /// </summary>
    public sealed class ExpanderInputs : IDigitalInputs
    {
        private const byte GpioARegister = 0x12;
        private const byte TouchStatusRegister = 0x00;
        private const int ForcedReadScans = 10;

        private readonly I2cDevice[] _expanders;
        private readonly I2cDevice _touch;
        private readonly GpioPin _interrupt;
        private readonly bool[] _state;
        private readonly byte[] _gpioRegister = new byte[] { GpioARegister };
        private readonly byte[] _touchRegister = new byte[] { TouchStatusRegister };
        private readonly byte[] _word = new byte[2];
        private int _scansSinceRead;

        /// <summary>
        /// Configures each expander (all inputs, pull-ups, inverted polarity, interrupt on change, mirrored
        /// open-drain INT) and the touch controller. <paramref name="interrupt"/> may be null to poll every scan.
        /// </summary>
        public ExpanderInputs(I2cDevice[] expanders, I2cDevice touch, GpioPin interrupt)
        {
            _expanders = expanders;
            _touch = touch;
            _interrupt = interrupt;
            _state = new bool[(expanders.Length * 16) + (touch != null ? 12 : 0)];
            for (int i = 0; i < expanders.Length; i++)
            {
                Mcp23017 mcp = new Mcp23017(expanders[i]);
                mcp.WriteByte(Register.IOCON, 0x44, Port.PortA);
                mcp.WriteUInt16(Register.IODIR, 0xFFFF);
                mcp.WriteUInt16(Register.GPPU, 0xFFFF);
                mcp.WriteUInt16(Register.IPOL, 0xFFFF);
                mcp.WriteUInt16(Register.GPINTEN, 0xFFFF);
            }

            if (touch != null)
            {
                Mpr121Setup.Configure(touch);
            }

            _scansSinceRead = ForcedReadScans;
        }

        /// <inheritdoc/>
        public int Count => _state.Length;

        /// <inheritdoc/>
        public void Refresh()
        {
            bool changed = _interrupt == null || _interrupt.Read() == PinValue.Low;
            if (changed || ++_scansSinceRead >= ForcedReadScans)
            {
                _scansSinceRead = 0;
                for (int i = 0; i < _expanders.Length; i++)
                {
                    _expanders[i].WriteRead(new SpanByte(_gpioRegister), new SpanByte(_word));
                    Unpack(i * 16, _word[0] | (_word[1] << 8), 16);
                }
            }

            if (_touch != null)
            {
                _touch.WriteRead(new SpanByte(_touchRegister), new SpanByte(_word));
                Unpack(_expanders.Length * 16, _word[0] | ((_word[1] & 0x0F) << 8), 12);
            }
        }

        /// <inheritdoc/>
        public bool Read(int input)
        {
            return _state[input];
        }

        private void Unpack(int first, int bits, int count)
        {
            for (int b = 0; b < count; b++)
            {
                _state[first + b] = ((bits >> b) & 1) != 0;
            }
        }
    }
}
