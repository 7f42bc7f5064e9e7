namespace MixConsole.ControlSurface.Input
{
    /// <summary>
    /// How raw fader readings become stable 10-bit positions.
    /// </summary>
    public sealed class FaderTuning
    {
        /// <summary>EMA smoothing: alpha = 1 / 2^shift (4 gives a 16-scan time constant, 16 ms at 1 kHz).</summary>
        public int SmoothingShift = 4;

        /// <summary>Hysteresis in 10-bit steps: a reversal must move this far before the value follows.</summary>
        public int HysteresisSteps = 2;

        /// <summary>Shortest interval between two sends of one fader (10 ms = 100 updates/s).</summary>
        public int MinSendIntervalMs = 10;
    }
}
