namespace MixConsole.ControlSurface.Input
{
    /// <summary>
    /// Turns noisy raw ADC readings into stable 10-bit fader values: EMA smoothing, per-fader calibration,
    /// dragging hysteresis, change detection and a send-rate limit. Arrays only; no allocation after construction.
    /// </summary>
    public sealed class FaderScanner
    {
        /// <summary>Largest 10-bit value.</summary>
        public const int MaxValue = 1023;

        private const int FixedShift = 8;

        private readonly int _smoothingShift;
        private readonly int _hysteresis;
        private readonly int _minSendIntervalMs;
        private readonly int[] _filtered;
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
                _primed[channel] = true;
            }
            else
            {
                _filtered[channel] += (scaled - _filtered[channel]) >> _smoothingShift;
            }

            int min = _calMin[channel] << FixedShift;
            int span = (_calMax[channel] << FixedShift) - min;
            int p = (int)(((long)(_filtered[channel] - min) * MaxValue + (span >> 1)) / span);
            if (p < 0)
            {
                p = 0;
            }
            else if (p > MaxValue)
            {
                p = MaxValue;
            }

            _position[channel] = p;
            int s = _stable[channel];
            int h = _hysteresis;
            if (p > s + h || (p == MaxValue && s != MaxValue && p > s))
            {
                // Dragging hysteresis keeps full resolution on slow moves; the ends snap so 0 and 1023 stay reachable.
                _stable[channel] = p >= MaxValue - h ? MaxValue : p - h;
            }
            else if (p < s - h || (p == 0 && s != 0 && p < s))
            {
                _stable[channel] = p <= h ? 0 : p + h;
            }
        }

        /// <summary>Filtered position without hysteresis (the motor loop's feedback).</summary>
        public int Position(int channel)
        {
            return _position[channel];
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
