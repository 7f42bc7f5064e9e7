using MixConsole.ControlSurface.Hardware;

namespace MixConsole.Panel.Hardware;

/// <summary>The Pi panel has neither LEDs nor motor faders: its state is on the display.</summary>
internal sealed class NoLightsNoMotors : ILedDriver, IMotorDriver
{
    public int LedCount => 0;

    public int RingCount => 0;

    public int MotorCount => 0;

    public void SetLed(int led, bool on)
    {
    }

    public void SetRing(int ring, int mask)
    {
    }

    public void Flush()
    {
    }

    public void Drive(int motor, int dutyPermille)
    {
    }
}
