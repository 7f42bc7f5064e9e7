using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// The motor port of a surface without motor faders (the mastering panel): it has no motors to drive.
    /// </summary>
    public sealed class NoMotors : IMotorDriver
    {
        /// <inheritdoc/>
        public int MotorCount => 0;

        /// <inheritdoc/>
        public void Drive(int motor, int dutyPermille)
        {
            throw new System.ArgumentOutOfRangeException(nameof(motor), "this surface has no motors");
        }
    }
}
