using System;
using System.Device.Adc;
using System.Device.I2c;
using Iot.Device.Ads1115;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// Fader channels: ESP32 ADC1 channels first (12-bit one-shot reads; ADC2 is unusable with Wi-Fi on), then the
    /// four inputs of an optional ADS1115, scaled to the same 12-bit range. The ADS1115 runs continuously on one
    /// input (the master fader), read from its conversion register with a buffer allocated once.
    /// </summary>
    public sealed class Esp32FaderAdc : IFaderAdc
    {
        private const byte ConversionRegister = 0x00;

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
                // The binding writes the configuration once; afterwards only the conversion register is read.
                new Ads1115(ads1115, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.Continuous);
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
