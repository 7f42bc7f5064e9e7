namespace MixConsole.ControlSurface.Input
{
    /// <summary>
    /// Decodes encoder phases with the 16-entry quadrature table and reports whole detents with acceleration.
    /// Contact bounce produces +1/-1 pairs that cancel; a detent is reported only when the encoder comes to rest,
    /// so bounce can neither double nor lose a detent.
    /// </summary>
    public sealed class QuadratureDecoder
    {
        // Index (previous << 2 | current), state = A << 1 | B; clockwise is 0 -> 1 -> 3 -> 2 -> 0. Invalid jumps count 0.
        private static readonly sbyte[] Table = { 0, 1, -1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 0, -1, 1, 0 };

        private readonly EncoderTuning _tuning;
        private readonly int[] _state;
        private readonly int[] _accumulated;
        private readonly long[] _lastDetentMs;
        private readonly int[] _lastDirection;
        private readonly int _threshold;
        private readonly int[] _rawDetents;

        /// <summary>Creates decoders for <paramref name="encoders"/> encoders.</summary>
        public QuadratureDecoder(int encoders, EncoderTuning tuning)
        {
            _tuning = tuning;
            _state = new int[encoders];
            _accumulated = new int[encoders];
            _lastDetentMs = new long[encoders];
            _lastDirection = new int[encoders];
            _rawDetents = new int[encoders];
            _threshold = tuning.StepsPerDetent / 2;
            for (int i = 0; i < encoders; i++)
            {
                _lastDetentMs[i] = long.MinValue / 2;
            }
        }

        /// <summary>Number of encoders.</summary>
        public int Count => _state.Length;

        /// <summary>Detents reported since start-up, before acceleration (for diagnostics and tests).</summary>
        public int RawDetents(int encoder)
        {
            return _rawDetents[encoder];
        }

        /// <summary>
        /// Feeds the phases of one encoder; returns the accelerated detent count (positive clockwise), 0 when none completed.
        /// </summary>
        public int Update(int encoder, bool a, bool b, long nowMs)
        {
            int current = (a ? 2 : 0) | (b ? 1 : 0);
            int previous = _state[encoder];
            if (current == previous)
            {
                return 0;
            }

            _state[encoder] = current;
            int acc = _accumulated[encoder] + Table[(previous << 2) | current];
            bool atRest = current == 0 || (_tuning.StepsPerDetent == 2 && current == 3);
            if (!atRest)
            {
                _accumulated[encoder] = acc;
                return 0;
            }

            _accumulated[encoder] = 0;
            int direction;
            if (acc >= _threshold)
            {
                direction = 1;
            }
            else if (acc <= -_threshold)
            {
                direction = -1;
            }
            else
            {
                return 0;
            }

            _rawDetents[encoder] += direction;
            long interval = nowMs - _lastDetentMs[encoder];
            int factor = 1;
            if (direction == _lastDirection[encoder])
            {
                if (interval < _tuning.FastIntervalMs)
                {
                    factor = _tuning.FastFactor;
                }
                else if (interval < _tuning.MediumIntervalMs)
                {
                    factor = _tuning.MediumFactor;
                }
            }

            _lastDetentMs[encoder] = nowMs;
            _lastDirection[encoder] = direction;
            return direction * factor;
        }
    }
}
