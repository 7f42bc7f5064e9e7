using System;
using System.Device.Adc;
using System.Device.I2c;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// Fader channels: ESP32 ADC1 channels first (12-bit one-shot reads; ADC2 is unusable with Wi-Fi on), then the
    /// four inputs of an optional ADS1115, scaled to the same 12-bit range. The ADS1115 runs continuously on one
    /// input (the master fader), read from its conversion register with a buffer allocated once. Its one configuration
    /// word is written here rather than through the Iot.Device.Ads1115 binding, which would add five packages
    /// (UnitsNet, Stopwatch, BinaryPrimitives, ...) to the image for a three-byte write.
    /// </summary>
    public sealed class Esp32FaderAdc : IFaderAdc
    {
        private const byte ConversionRegister = 0x00;
        private const byte ConfigRegister = 0x01;

        // Datasheet table 8: MUX=100 (AIN0 against GND), PGA=001 (+-4.096 V), MODE=0 (continuous), DR=111 (860 SPS),
        // comparator off (COMP_QUE=11).
        private const byte ConfigHigh = 0x42;
        private const byte ConfigLow = 0xE3;

        private readonly AdcChannel[] _channels;
        private readonly I2cDevice _ads;
        private readonly byte[] _register = new byte[] { ConversionRegister };
        private readonly byte[] _conversion = new byte[2];

        /// <summary>Opens <paramref name="adc1Channels"/> and, when <paramref name="ads1115"/> is given, AIN0 of an ADS1115 at 860 samples/s.</summary>
        public Esp32FaderAdc(int[] adc1Channels, I2cDevice ads1115)
        {
            AdcController controller = new AdcController();
            _channels = new AdcChannel[adc1Channels.Length];
            for (int i = 0; i < adc1Channels.Length; i++)
            {
                _channels[i] = controller.OpenChannel(adc1Channels[i]);
            }

            _ads = ads1115;
            if (ads1115 != null)
            {
                // Configured once; afterwards only the conversion register is read.
                ads1115.Write(new SpanByte(new byte[] { ConfigRegister, ConfigHigh, ConfigLow }));
            }
        }

        /// <inheritdoc/>
        public int ChannelCount => _channels.Length + (_ads != null ? 4 : 0);

        /// <inheritdoc/>
        public int FullScale => 4095;

        /// <inheritdoc/>
        public int Read(int channel)
        {
            if (channel < _channels.Length)
            {
                return _channels[channel].ReadValue();
            }

            if (channel != _channels.Length)
            {
                // Only AIN0 converts continuously; the other ADS1115 inputs are spare and read as bottom of travel.
                return 0;
            }

            _ads.WriteRead(new SpanByte(_register), new SpanByte(_conversion));
            int raw = (short)((_conversion[0] << 8) | _conversion[1]);
            return raw <= 0 ? 0 : raw >> 3;
        }
    }
}
