using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Output
{
    /// <summary>
    /// Remembers what the LEDs show and forwards only changes to the driver, so a scan costs no I2C traffic when
    /// nothing changed.
    /// </summary>
    public sealed class LedOutputs
    {
        private readonly ILedDriver _driver;
        private readonly bool[] _leds;
        private readonly int[] _rings;
        private bool _dirty;

        /// <summary>Wraps <paramref name="driver"/>; everything starts dark and is written once.</summary>
        public LedOutputs(ILedDriver driver)
        {
            _driver = driver;
            _leds = new bool[driver.LedCount];
            _rings = new int[driver.RingCount];
            for (int i = 0; i < _leds.Length; i++)
            {
                driver.SetLed(i, false);
            }

            for (int i = 0; i < _rings.Length; i++)
            {
                driver.SetRing(i, 0);
            }

            _dirty = true;
        }

        /// <summary>Sets LED <paramref name="led"/> (ignored when -1).</summary>
        public void Set(int led, bool on)
        {
            if (led >= 0 && _leds[led] != on)
            {
                _leds[led] = on;
                _driver.SetLed(led, on);
                _dirty = true;
            }
        }

        /// <summary>Sets ring <paramref name="ring"/> (ignored when -1).</summary>
        public void SetRing(int ring, int mask)
        {
            if (ring >= 0 && _rings[ring] != mask)
            {
                _rings[ring] = mask;
                _driver.SetRing(ring, mask);
                _dirty = true;
            }
        }

        /// <summary>Latches changes into the hardware.</summary>
        public void Flush()
        {
            if (_dirty)
            {
                _dirty = false;
                _driver.Flush();
            }
        }
    }
}
