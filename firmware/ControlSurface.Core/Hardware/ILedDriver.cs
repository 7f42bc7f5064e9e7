namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// Button LEDs and LED rings (for example HT16K33 matrix drivers). Changes are latched by Flush.
    /// </summary>
    public interface ILedDriver
    {
        /// <summary>Number of single LEDs.</summary>
        int LedCount { get; }

        /// <summary>Number of LED rings.</summary>
        int RingCount { get; }

        /// <summary>Sets one LED on or off.</summary>
        void SetLed(int led, bool on);

        /// <summary>Sets a ring; bit n of <paramref name="mask"/> lights LED n (16 LEDs per ring).</summary>
        void SetRing(int ring, int mask);

        /// <summary>Sends pending changes to the hardware.</summary>
        void Flush();
    }
}
