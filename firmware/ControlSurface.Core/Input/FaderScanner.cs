namespace MixConsole.ControlSurface.Input
{
    /// <summary>
    /// Turns noisy raw ADC readings into stable 10-bit fader values: EMA smoothing, per-fader calibration,
    /// direction-aware hysteresis, change detection and a send-rate limit. Arrays only; no allocation after construction.
    /// While a fader moves, the value follows every step in the direction of travel; once it has been still for
    /// <see cref="SettleScans"/> scans, or to reverse, it must move more than the hysteresis. So a resting fader
    /// never creeps or chatters, and a moved fader reports exactly where it stopped.
    /// </summary>
    public sealed class FaderScanner
    {
        /// <summary>Largest 10-bit value.</summary>
        public const int MaxValue = 1023;

        /// <summary>Scans without change after which a fader counts as resting.</summary>
        public const int SettleScans = 40;

        private const int FixedShift = 8;
        private const int PositionShift = 1;

        private readonly int _smoothingShift;
        private readonly int _hysteresis;
        private readonly int _minSendIntervalMs;
        private readonly int[] _filtered;
        private readonly int[] _fast;
        private readonly int[] _direction;
        private readonly int[] _idleScans;
        private readonly bool[] _primed;
        private readonly int[] _calMin;
        private readonly int[] _calMax;
        private readonly int[] _position;
        private readonly int[] _stable;
        private readonly int[] _lastSent;
        private readonly long[] _lastSendMs;

        /// <summary>Creates a scanner for <paramref name="channels"/> faders, calibrated to 0..<paramref name="fullScale"/> until told otherwise.</summary>
        public FaderScanner(int channels, int fullScale, FaderTuning tuning)
        {
            _smoothingShift = tuning.SmoothingShift;
            _hysteresis = tuning.HysteresisSteps;
            _minSendIntervalMs = tuning.MinSendIntervalMs;
            _filtered = new int[channels];
            _fast = new int[channels];
            _direction = new int[channels];
            _idleScans = new int[channels];
            _primed = new bool[channels];
            _calMin = new int[channels];
            _calMax = new int[channels];
            _position = new int[channels];
            _stable = new int[channels];
            _lastSent = new int[channels];
            _lastSendMs = new long[channels];
            for (int i = 0; i < channels; i++)
            {
                _calMax[i] = fullScale;
                _lastSent[i] = -1;
                _lastSendMs[i] = long.MinValue / 2;
            }
        }

        /// <summary>Number of faders.</summary>
        public int Count => _filtered.Length;

        /// <summary>Sets the raw readings at the bottom and top of travel for fader <paramref name="channel"/>.</summary>
        public void SetCalibration(int channel, int rawMin, int rawMax)
        {
            _calMin[channel] = rawMin;
            _calMax[channel] = rawMax;
        }

        /// <summary>Feeds one raw reading of fader <paramref name="channel"/>.</summary>
        public void Update(int channel, int raw)
        {
            int scaled = raw << FixedShift;
            if (!_primed[channel])
            {
                _filtered[channel] = scaled;
                _fast[channel] = scaled;
                _primed[channel] = true;
            }
            else
            {
                _filtered[channel] += (scaled - _filtered[channel]) >> _smoothingShift;
                _fast[channel] += (scaled - _fast[channel]) >> PositionShift;
            }

            // The motor loop needs little lag; the sent value needs little noise: two filters.
            _position[channel] = ToSteps(channel, _fast[channel]);
            int p = ToSteps(channel, _filtered[channel]);
            int s = _stable[channel];
            int d = p - s;
            if (d == 0)
            {
                _idleScans[channel]++;
                return;
            }

            int direction = d > 0 ? 1 : -1;
            bool moving = _idleScans[channel] < SettleScans;
            bool atEnd = p == 0 || p == MaxValue;
            if (atEnd || (moving && direction == _direction[channel]) || d > _hysteresis || d < -_hysteresis)
            {
                _stable[channel] = p;
                _direction[channel] = direction;
                _idleScans[channel] = 0;
            }
            else
            {
                _idleScans[channel]++;
            }
        }

        private int ToSteps(int channel, int filtered)
        {
            int min = _calMin[channel] << FixedShift;
            int span = (_calMax[channel] << FixedShift) - min;
            int p = (int)(((long)(filtered - min) * MaxValue + (span >> 1)) / span);
            return p < 0 ? 0 : (p > MaxValue ? MaxValue : p);
        }

        /// <summary>A host value (0..1) in the scanner's 10-bit steps.</summary>
        public static int StepsOf(float value)
        {
            int v = (int)((value * MaxValue) + 0.5f);
            return v < 0 ? 0 : (v > MaxValue ? MaxValue : v);
        }

        /// <summary>Filtered position without hysteresis (the motor loop's feedback).</summary>
        public int Position(int channel)
        {
            return _position[channel];
        }

        /// <summary>True once fader <paramref name="channel"/> has not changed for <see cref="SettleScans"/> scans.</summary>
        public bool IsResting(int channel)
        {
            return _idleScans[channel] >= SettleScans;
        }

        /// <summary>Stable 10-bit value (what is sent to the host).</summary>
        public int Stable(int channel)
        {
            return _stable[channel];
        }

        /// <summary>True when the stable value differs from the last one sent or recorded.</summary>
        public bool HasChange(int channel)
        {
            return _stable[channel] != _lastSent[channel];
        }

        /// <summary>
        /// Returns true, with the value to send, when the fader changed and its rate limit allows a send now;
        /// a change held back by the limit is returned on a later scan, so the final position is never lost.
        /// </summary>
        public bool TryTakeChange(int channel, long nowMs, out int value)
        {
            value = _stable[channel];
            if (value == _lastSent[channel] || nowMs - _lastSendMs[channel] < _minSendIntervalMs)
            {
                return false;
            }

            _lastSent[channel] = value;
            _lastSendMs[channel] = nowMs;
            return true;
        }

        /// <summary>Records the current stable value as already known to the host (no send needed).</summary>
        public void MarkSent(int channel)
        {
            _lastSent[channel] = _stable[channel];
        }
    }
}
