using System;
using System.Device.I2c;
using System.Device.Pwm;
using Iot.Device.Mcp23xxx;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// TB6612FNG-class H-bridges: speed on an ESP32 PWM pin per motor, direction on two pins of an MCP23017
    /// (IN1/IN2 pairs, motor m on bits 2m and 2m+1). The expander is written only when a direction changes.
    /// </summary>
    public sealed class Tb6612MotorDriver : IMotorDriver
    {
        private const byte OlatARegister = 0x14;

        private readonly PwmChannel[] _pwm;
        private readonly I2cDevice _directions;
        private readonly byte[] _write = new byte[3];
        private int _directionBits;

        /// <summary>Creates the driver; PWM pins must already be assigned to PWM functions.</summary>
        public Tb6612MotorDriver(int[] pwmPins, int frequencyHz, I2cDevice directionExpander)
        {
            _pwm = new PwmChannel[pwmPins.Length];
            for (int m = 0; m < pwmPins.Length; m++)
            {
                _pwm[m] = PwmChannel.CreateFromPin(pwmPins[m], frequencyHz, 0);
                _pwm[m].Start();
            }

            _directions = directionExpander;
            if (directionExpander != null)
            {
                Mcp23017 mcp = new Mcp23017(directionExpander);
                mcp.WriteUInt16(Register.OLAT, 0x0000);
                mcp.WriteUInt16(Register.IODIR, 0x0000);
            }
        }

        /// <inheritdoc/>
        public int MotorCount => _pwm.Length;

        /// <inheritdoc/>
        public void Drive(int motor, int dutyPermille)
        {
            int bits = _directionBits & ~(3 << (2 * motor));
            if (dutyPermille > 0)
            {
                bits |= 1 << (2 * motor);
            }
            else if (dutyPermille < 0)
            {
                bits |= 2 << (2 * motor);
            }

            // Direction first when stopping or reversing, so the bridge never drives the old way at the new duty.
            int magnitude = dutyPermille < 0 ? -dutyPermille : dutyPermille;
            if (bits != _directionBits)
            {
                _pwm[motor].DutyCycle = 0;
                _directionBits = bits;
                _write[0] = OlatARegister;
                _write[1] = (byte)bits;
                _write[2] = (byte)(bits >> 8);
                _directions.Write(new SpanByte(_write));
            }

            _pwm[motor].DutyCycle = magnitude / 1000.0;
        }
    }
}
