using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Virtual
{
    /// <summary>
    /// Faders with optional motors and a simple physical model: a reading with deterministic noise, motors with
    /// stiction and inertia, and a hand that can hold a knob. Implements both the ADC and the motor driver.
    /// </summary>
    public sealed class VirtualFaderPanel : IFaderAdc, IMotorDriver
    {
        private readonly float[] _position;
        private readonly float[] _velocity;
        private readonly bool[] _held;
        private readonly int[] _duty;
        private readonly int[] _motorChannel;
        private uint _noiseState = 0x12345678;

        /// <summary>
        /// Creates <paramref name="channels"/> faders; motor m moves channel m for the first <paramref name="motors"/> channels.
        /// </summary>
        public VirtualFaderPanel(int channels, int motors)
        {
            _position = new float[channels];
            _velocity = new float[channels];
            _held = new bool[channels];
            _duty = new int[motors];
            _motorChannel = new int[motors];
            for (int m = 0; m < motors; m++)
            {
                _motorChannel[m] = m;
            }
        }

        /// <inheritdoc/>
        public int ChannelCount => _position.Length;

        /// <inheritdoc/>
        public int FullScale => 4095;

        /// <inheritdoc/>
        public int MotorCount => _duty.Length;

        /// <summary>Peak noise added to each reading, in raw 12-bit steps (uniform).</summary>
        public int NoiseAmplitude { get; set; }

        /// <summary>Full-duty speed in travel per millisecond (1/150: end to end in about 150 ms).</summary>
        public float MaxSpeedPerMs { get; set; } = 1f / 150f;

        /// <summary>Duty below which the motor cannot overcome friction, permille.</summary>
        public int StictionPermille { get; set; } = 120;

        /// <summary>Motor drive commands received.</summary>
        public int DriveCommands { get; private set; }

        /// <summary>Physical position of channel <paramref name="channel"/>, 0..1.</summary>
        public float Position(int channel)
        {
            return _position[channel];
        }

        /// <summary>Current duty of <paramref name="motor"/>, permille.</summary>
        public int Duty(int motor)
        {
            return _duty[motor];
        }

        /// <summary>A hand puts fader <paramref name="channel"/> at <paramref name="position"/> (0..1).</summary>
        public void SetPosition(int channel, float position)
        {
            _position[channel] = position < 0 ? 0 : (position > 1 ? 1 : position);
            _velocity[channel] = 0;
        }

        /// <summary>A hand holds (true) or lets go of (false) fader <paramref name="channel"/>.</summary>
        public void Hold(int channel, bool held)
        {
            _held[channel] = held;
        }

        /// <inheritdoc/>
        public int Read(int channel)
        {
            int raw = (int)((_position[channel] * FullScale) + 0.5f);
            if (NoiseAmplitude > 0)
            {
                _noiseState = (_noiseState * 1664525) + 1013904223;
                int span = (2 * NoiseAmplitude) + 1;
                raw += (int)((_noiseState >> 8) % (uint)span) - NoiseAmplitude;
            }

            return raw < 0 ? 0 : (raw > FullScale ? FullScale : raw);
        }

        /// <inheritdoc/>
        public void Drive(int motor, int dutyPermille)
        {
            _duty[motor] = dutyPermille;
            DriveCommands++;
        }

        /// <summary>Advances the physics by <paramref name="ms"/> milliseconds.</summary>
        public void Step(int ms)
        {
            for (int m = 0; m < _duty.Length; m++)
            {
                int c = _motorChannel[m];
                if (_held[c])
                {
                    _velocity[c] = 0;
                    continue;
                }

                int duty = _duty[m];
                float target = duty > StictionPermille || duty < -StictionPermille ? duty / 1000f * MaxSpeedPerMs : 0f;
                for (int i = 0; i < ms; i++)
                {
                    // First-order inertia: the knob reaches the commanded speed within a few milliseconds.
                    _velocity[c] += (target - _velocity[c]) * 0.35f;
                    float p = _position[c] + _velocity[c];
                    if (p < 0)
                    {
                        p = 0;
                        _velocity[c] = 0;
                    }
                    else if (p > 1)
                    {
                        p = 1;
                        _velocity[c] = 0;
                    }

                    _position[c] = p;
                }
            }
        }
    }
}
