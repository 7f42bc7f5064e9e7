using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Virtual
{
    /// <summary>
    /// Records what the LEDs and rings show after each flush.
    /// </summary>
    public sealed class VirtualLeds : ILedDriver
    {
        private readonly bool[] _pending;
        private readonly bool[] _shown;
        private readonly int[] _pendingRings;
        private readonly int[] _shownRings;

        /// <summary>Creates <paramref name="leds"/> LEDs and <paramref name="rings"/> rings.</summary>
        public VirtualLeds(int leds, int rings)
        {
            _pending = new bool[leds];
            _shown = new bool[leds];
            _pendingRings = new int[rings];
            _shownRings = new int[rings];
        }

        /// <inheritdoc/>
        public int LedCount => _pending.Length;

        /// <inheritdoc/>
        public int RingCount => _pendingRings.Length;

        /// <summary>Flushes since start-up.</summary>
        public int FlushCount { get; private set; }

        /// <summary>Individual LED and ring writes since start-up.</summary>
        public int WriteCount { get; private set; }

        /// <summary>True when LED <paramref name="led"/> is lit (as of the last flush).</summary>
        public bool IsLit(int led)
        {
            return _shown[led];
        }

        /// <summary>Pattern of ring <paramref name="ring"/> (as of the last flush).</summary>
        public int Ring(int ring)
        {
            return _shownRings[ring];
        }

        /// <inheritdoc/>
        public void SetLed(int led, bool on)
        {
            _pending[led] = on;
            WriteCount++;
        }

        /// <inheritdoc/>
        public void SetRing(int ring, int mask)
        {
            _pendingRings[ring] = mask;
            WriteCount++;
        }

        /// <inheritdoc/>
        public void Flush()
        {
            for (int i = 0; i < _pending.Length; i++)
            {
                _shown[i] = _pending[i];
            }

            for (int i = 0; i < _pendingRings.Length; i++)
            {
                _shownRings[i] = _pendingRings[i];
            }

            FlushCount++;
        }
    }
}
