namespace MixConsole.ControlSurface.Output
{
    /// <summary>
    /// Why the surface stopped at start, as a blink code on the status LED: <c>code</c> flashes of 200 ms, 300 ms
    /// apart, then 1.5 s dark, repeated. Release builds compile Debug.WriteLine out, so the LED (and the console)
    /// is how a builder without a debugger learns what is wrong.
    /// </summary>
    public static class FatalBlinkCode
    {
        /// <summary>The ESP32 pin map does not fit the module (Esp32Pins).</summary>
        public const int PinMap = 1;

        /// <summary>The surface configuration does not fit the hardware (ConfigValidator).</summary>
        public const int Configuration = 2;

        /// <summary>A device did not answer or a driver failed while the hardware started.</summary>
        public const int Hardware = 3;

        /// <summary>Length of one flash.</summary>
        public const int OnMs = 200;

        /// <summary>Dark time after each flash.</summary>
        public const int OffMs = 300;

        /// <summary>Dark time after the last flash of a round.</summary>
        public const int PauseMs = 1500;

        /// <summary>Length of one round of <paramref name="code"/>.</summary>
        public static int PeriodMs(int code)
        {
            return (code * (OnMs + OffMs)) + PauseMs;
        }

        /// <summary>True when the LED is lit <paramref name="elapsedMs"/> after the blinking began.</summary>
        public static bool IsLit(int code, long elapsedMs)
        {
            long t = elapsedMs % PeriodMs(code);
            return t < code * (OnMs + OffMs) && t % (OnMs + OffMs) < OnMs;
        }
    }
}
