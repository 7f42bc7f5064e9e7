namespace MixConsole.ControlSurface.Input
{
    /// <summary>
    /// Fader-knob touch with a release hold: touch counts at once (the motor must stop now), release only after
    /// the sensor stayed clear for the hold time, which rides over mains-hum dropouts (20 ms = one 50 Hz cycle).
    /// </summary>
    public sealed class TouchSensor
    {
        private readonly int _holdMs;
        private readonly bool[] _touched;
        private readonly long[] _lastContactMs;

        /// <summary>Creates touch state for <paramref name="sensors"/> sensors.</summary>
        public TouchSensor(int sensors, int holdMs)
        {
            _holdMs = holdMs;
            _touched = new bool[sensors];
            _lastContactMs = new long[sensors];
        }

        /// <summary>Feeds one raw reading; returns the held touch state.</summary>
        public bool Update(int sensor, bool contact, long nowMs)
        {
            if (contact)
            {
                _touched[sensor] = true;
                _lastContactMs[sensor] = nowMs;
            }
            else if (_touched[sensor] && nowMs - _lastContactMs[sensor] >= _holdMs)
            {
                _touched[sensor] = false;
            }

            return _touched[sensor];
        }

        /// <summary>Held touch state of <paramref name="sensor"/>.</summary>
        public bool IsTouched(int sensor)
        {
            return _touched[sensor];
        }
    }
}
