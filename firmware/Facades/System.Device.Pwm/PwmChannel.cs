// Facade of System.Device.Pwm (package nanoFramework.System.Device.Pwm): nanoframework/System.Device.Pwm at v1.1.23,
// System.Device.Pwm/PwmChannel.cs. Signatures as published; bodies throw.
namespace System.Device.Pwm
{
    public sealed class PwmChannel : IDisposable
    {
        private PwmChannel() => throw null;

        public int Frequency { get => throw null; set => throw null; }

        public double DutyCycle { get => throw null; set => throw null; }

        public void Start() => throw null;

        public void Stop() => throw null;

        public static PwmChannel CreateFromPin(int pin, int frequency = 400, double dutyCyclePercentage = 0.5) => throw null;

        public void Dispose() => throw null;
    }
}
