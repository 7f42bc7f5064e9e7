namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// Analog inputs for faders and pots: ESP32 ADC1 channels, an external ADC or a multiplexer.
    /// </summary>
    public interface IFaderAdc
    {
        /// <summary>Number of analog channels this converter offers.</summary>
        int ChannelCount { get; }

        /// <summary>Largest raw reading (4095 for a 12-bit converter).</summary>
        int FullScale { get; }

        /// <summary>Reads one channel; returns 0..FullScale. Must not allocate.</summary>
        int Read(int channel);
    }
}
