using System;

namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// The set of hardware ports the surface logic drives; real bindings on the ESP32, virtual ones in tests and the simulator.
    /// </summary>
    public sealed class SurfaceHardware
    {
        /// <summary>Bundles the hardware ports; every one is required.</summary>
        public SurfaceHardware(
            IFaderAdc adc,
            IDigitalInputs inputs,
            IMotorDriver motors,
            ILedDriver leds,
            IDisplay display,
            IClock clock,
            IOscTransport transport)
        {
            Adc = adc ?? throw new ArgumentNullException(nameof(adc));
            Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
            Motors = motors ?? throw new ArgumentNullException(nameof(motors));
            Leds = leds ?? throw new ArgumentNullException(nameof(leds));
            Display = display ?? throw new ArgumentNullException(nameof(display));
            Clock = clock ?? throw new ArgumentNullException(nameof(clock));
            Transport = transport ?? throw new ArgumentNullException(nameof(transport));
        }

        /// <summary>Fader and pot converter.</summary>
        public IFaderAdc Adc { get; }

        /// <summary>Buttons, encoder phases and touch sensors.</summary>
        public IDigitalInputs Inputs { get; }

        /// <summary>Motor drivers (a driver with zero motors when faders are not motorised).</summary>
        public IMotorDriver Motors { get; }

        /// <summary>LEDs and LED rings.</summary>
        public ILedDriver Leds { get; }

        /// <summary>Text display.</summary>
        public IDisplay Display { get; }

        /// <summary>Time source.</summary>
        public IClock Clock { get; }

        /// <summary>Link to the host.</summary>
        public IOscTransport Transport { get; }
    }
}
