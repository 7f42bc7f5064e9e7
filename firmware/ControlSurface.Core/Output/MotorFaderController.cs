using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Output
{
    /// <summary>
    /// PID position loop for motorised faders: drives each fader to the host's value, switches the motor off while
    /// the fader is touched, once it has settled, or when a move times out.
    /// </summary>
    public sealed class MotorFaderController
    {
        private readonly IMotorDriver _driver;
        private readonly MotorTuning _tuning;
        private readonly int[] _target;
        private readonly bool[] _active;
        private readonly float[] _integral;
        private readonly int[] _previousError;
        private readonly int[] _settled;
        private readonly long[] _moveStartMs;
        private readonly int[] _lastDuty;
        private readonly int[] _stalls;

        /// <summary>Creates a loop for every motor of <paramref name="driver"/>.</summary>
        public MotorFaderController(IMotorDriver driver, MotorTuning tuning)
        {
            _driver = driver;
            _tuning = tuning;
            int n = driver.MotorCount;
            _target = new int[n];
            _active = new bool[n];
            _integral = new float[n];
            _previousError = new int[n];
            _settled = new int[n];
            _moveStartMs = new long[n];
            _lastDuty = new int[n];
            _stalls = new int[n];
        }

        /// <summary>Number of motors.</summary>
        public int Count => _target.Length;

        /// <summary>Target position (10-bit) of <paramref name="motor"/>.</summary>
        public int Target(int motor)
        {
            return _target[motor];
        }

        /// <summary>True while <paramref name="motor"/> is moving towards its target.</summary>
        public bool IsMoving(int motor)
        {
            return _active[motor];
        }

        /// <summary>Moves abandoned on timeout since start-up.</summary>
        public int Stalls(int motor)
        {
            return _stalls[motor];
        }

        /// <summary>Sets a new target; starts a move when the fader is not already there.</summary>
        public void MoveTo(int motor, int target, int position, long nowMs)
        {
            _target[motor] = target;
            int error = target - position;
            if (error > _tuning.DeadbandSteps || error < -_tuning.DeadbandSteps)
            {
                if (!_active[motor])
                {
                    _integral[motor] = 0;
                    _previousError[motor] = error;
                }

                _active[motor] = true;
                _settled[motor] = 0;
                _moveStartMs[motor] = nowMs;
            }
        }

        /// <summary>Stops <paramref name="motor"/> at once and abandons its move.</summary>
        public void Stop(int motor)
        {
            _active[motor] = false;
            Apply(motor, 0);
        }

        /// <summary>Runs one loop step for <paramref name="motor"/> with the measured position.</summary>
        public void Update(int motor, int position, bool touched, long nowMs)
        {
            if (touched || !_active[motor])
            {
                _active[motor] = _active[motor] && !touched;
                Apply(motor, 0);
                return;
            }

            if (nowMs - _moveStartMs[motor] > _tuning.MoveTimeoutMs)
            {
                _stalls[motor]++;
                _active[motor] = false;
                Apply(motor, 0);
                return;
            }

            int error = _target[motor] - position;
            int deadband = _tuning.DeadbandSteps;
            if (error <= deadband && error >= -deadband)
            {
                _integral[motor] = 0;
                _previousError[motor] = error;
                if (++_settled[motor] >= _tuning.SettleScans)
                {
                    _active[motor] = false;
                }

                Apply(motor, 0);
                return;
            }

            _settled[motor] = 0;
            _integral[motor] += error;
            float integralLimit = _tuning.MaxDutyPermille / (_tuning.IntegralGain > 0 ? _tuning.IntegralGain : 1f);
            if (_integral[motor] > integralLimit)
            {
                _integral[motor] = integralLimit;
            }
            else if (_integral[motor] < -integralLimit)
            {
                _integral[motor] = -integralLimit;
            }

            float output = (_tuning.ProportionalGain * error)
                + (_tuning.IntegralGain * _integral[motor])
                + (_tuning.DerivativeGain * (error - _previousError[motor]));
            _previousError[motor] = error;

            int duty = (int)output;
            int max = _tuning.MaxDutyPermille;
            int min = _tuning.MinDutyPermille;
            if (duty > max)
            {
                duty = max;
            }
            else if (duty < -max)
            {
                duty = -max;
            }

            if (error > 0 && duty < min)
            {
                duty = min;
            }
            else if (error < 0 && duty > -min)
            {
                duty = -min;
            }

            Apply(motor, duty);
        }

        private void Apply(int motor, int duty)
        {
            if (_lastDuty[motor] != duty)
            {
                _lastDuty[motor] = duty;
                _driver.Drive(motor, duty);
            }
        }
    }
}
