namespace MixConsole.ControlSurface.Input
{
    /// <summary>
    /// Debounces buttons: a new level counts only after it stayed unchanged for the debounce time,
    /// so contact chatter never produces extra presses. Reports long presses once per press.
    /// </summary>
    public sealed class ButtonDebouncer
    {
        private readonly int _debounceMs;
        private readonly int _longPressMs;
        private readonly bool[] _raw;
        private readonly long[] _rawSinceMs;
        private readonly bool[] _stable;
        private readonly long[] _pressedAtMs;
        private readonly bool[] _longReported;

        /// <summary>Creates debouncers for <paramref name="buttons"/> buttons.</summary>
        public ButtonDebouncer(int buttons, int debounceMs, int longPressMs)
        {
            _debounceMs = debounceMs;
            _longPressMs = longPressMs;
            _raw = new bool[buttons];
            _rawSinceMs = new long[buttons];
            _stable = new bool[buttons];
            _pressedAtMs = new long[buttons];
            _longReported = new bool[buttons];
        }

        /// <summary>Number of buttons.</summary>
        public int Count => _raw.Length;

        /// <summary>True while button <paramref name="button"/> is (debounced) down.</summary>
        public bool IsDown(int button)
        {
            return _stable[button];
        }

        /// <summary>Feeds the raw level of one button; returns what happened.</summary>
        public ButtonEvent Update(int button, bool down, long nowMs)
        {
            if (down != _raw[button])
            {
                _raw[button] = down;
                _rawSinceMs[button] = nowMs;
            }

            if (down != _stable[button] && nowMs - _rawSinceMs[button] >= _debounceMs)
            {
                _stable[button] = down;
                if (down)
                {
                    _pressedAtMs[button] = nowMs;
                    _longReported[button] = false;
                    return ButtonEvent.Pressed;
                }

                return ButtonEvent.Released;
            }

            if (_stable[button] && !_longReported[button] && nowMs - _pressedAtMs[button] >= _longPressMs)
            {
                _longReported[button] = true;
                return ButtonEvent.LongPress;
            }

            return ButtonEvent.None;
        }
    }
}
