using System;
using System.Device.Adc;
using System.Device.I2c;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// Fader channels: ESP32 ADC1 channels first (12-bit one-shot reads; ADC2 is unusable with Wi-Fi on), then the
    /// chosen inputs of an optional ADS1115, scaled to the same 12-bit range. The ADS1115 converts one input at a
    /// time, so its inputs take turns: every second scan the finished conversion is stored and the next input's
    /// single-shot conversion started (1.2 ms at 860 samples/s), each input refreshed every 2 x inputs scans. Its
    /// configuration word is written here rather than through the Iot.Device.Ads1115 binding, which would add five
    /// packages (UnitsNet, Stopwatch, BinaryPrimitives, ...) to the image for a three-byte write.
    /// </summary>
    public sealed class Esp32FaderAdc : IFaderAdc
    {
        private const byte ConversionRegister = 0x00;
        private const byte ConfigRegister = 0x01;

        // Datasheet table 8: OS=1 (start), MUX=1xx (AINx against GND), PGA=001 (+-4.096 V), MODE=1 (single shot);
        // DR=111 (860 SPS), comparator off (COMP_QUE=11).
        private const int StartSingleShotHigh = 0x80 | 0x40 | 0x02 | 0x01;
        private const byte ConfigLow = 0xE3;
        private const int ScansPerConversion = 2;

        private readonly AdcChannel[] _channels;
        private readonly I2cDevice _ads;
        private readonly int[] _adsInputs;
        private readonly int[] _adsValues;
        private readonly byte[] _register = new byte[] { ConversionRegister };
        private readonly byte[] _conversion = new byte[2];
        private readonly byte[] _config = new byte[] { ConfigRegister, 0, ConfigLow };
        private int _converting;
        private int _scans;

        /// <summary>Opens <paramref name="adc1Channels"/> and, when <paramref name="ads1115"/> is given, <paramref name="adsInputs"/> of an ADS1115.</summary>
        public Esp32FaderAdc(int[] adc1Channels, I2cDevice ads1115, int[] adsInputs)
        {
            AdcController controller = new AdcController();
            _channels = new AdcChannel[adc1Channels.Length];
            for (int i = 0; i < adc1Channels.Length; i++)
            {
                _channels[i] = controller.OpenChannel(adc1Channels[i]);
            }

            _ads = ads1115;
            _adsInputs = ads1115 != null ? adsInputs : new int[0];
            _adsValues = new int[_adsInputs.Length];
            if (_adsInputs.Length > 0)
            {
                StartConversion(0);
            }
        }

        /// <inheritdoc/>
        public int ChannelCount => _channels.Length + _adsInputs.Length;

        /// <inheritdoc/>
        public int FullScale => 4095;

        /// <inheritdoc/>
        public int Read(int channel)
        {
            if (channel < _channels.Length)
            {
                return _channels[channel].ReadValue();
            }

            int input = channel - _channels.Length;
            if (input == 0)
            {
                // The first ADS channel is read once per scan: it paces the turns.
                Advance();
            }

            return _adsValues[input];
        }

        private void Advance()
        {
            if (++_scans < ScansPerConversion)
            {
                return;
            }

            _scans = 0;
            _ads.WriteRead(new SpanByte(_register), new SpanByte(_conversion));
            int raw = (short)((_conversion[0] << 8) | _conversion[1]);
            _adsValues[_converting] = raw <= 0 ? 0 : raw >> 3;
            StartConversion(_converting + 1 < _adsInputs.Length ? _converting + 1 : 0);
        }

        private void StartConversion(int input)
        {
            _converting = input;
            _config[1] = (byte)(StartSingleShotHigh | (_adsInputs[input] << 4));
            _ads.Write(new SpanByte(_config));
        }
    }
}
