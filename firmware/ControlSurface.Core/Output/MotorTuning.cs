namespace MixConsole.ControlSurface.Output
{
    /// <summary>
    /// Position loop of the motorised faders (runs once per scan, ~1 kHz).
    /// </summary>
    public sealed class MotorTuning
    {
        /// <summary>Proportional gain, permille duty per 10-bit step of error.</summary>
        public float ProportionalGain = 12f;

        /// <summary>Integral gain, permille per step-scan of accumulated error.</summary>
        public float IntegralGain = 0.05f;

        /// <summary>Derivative gain, permille per step/scan of error change (damps overshoot).</summary>
        public float DerivativeGain = 60f;

        /// <summary>Largest duty, permille.</summary>
        public int MaxDutyPermille = 1000;

        /// <summary>Smallest duty that still moves the fader against friction, permille.</summary>
        public int MinDutyPermille = 180;

        /// <summary>Error within which the fader counts as arrived (10-bit steps).</summary>
        public int DeadbandSteps = 3;

        /// <summary>Scans the fader must stay inside the deadband before the motor switches off.</summary>
        public int SettleScans = 15;

        /// <summary>A move that has not arrived by then is abandoned (stall or blocked fader).</summary>
        public int MoveTimeoutMs = 1500;
    }
}
