namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// H-bridge motor drivers for motorised faders (TB6612FNG-class, PWM speed plus direction).
    /// </summary>
    public interface IMotorDriver
    {
        /// <summary>Number of motors.</summary>
        int MotorCount { get; }

        /// <summary>
        /// Drives one motor: -1000..+1000 permille duty, positive moves the fader up, 0 lets it coast.
        /// </summary>
        void Drive(int motor, int dutyPermille);
    }
}
