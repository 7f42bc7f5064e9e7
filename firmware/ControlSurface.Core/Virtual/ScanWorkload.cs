using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Osc;

namespace MixConsole.ControlSurface.Virtual
{
    /// <summary>
    /// A busy, repeatable fader-desk workload for measuring the scan loop: 8 motorised faders moved by hand with
    /// ADC noise, 8 pan encoders turning, 24 strip buttons pressed in turn, and the host pushing fader values,
    /// names and heartbeat answers. Everything is encoded up front, so a step allocates nothing.
    /// Runs on the host build and on the ESP32 alike (time it with the platform's clock).
    /// </summary>
    public sealed class ScanWorkload
    {
        private static readonly int[] Clockwise = { 1, 3, 2, 0 };

        private readonly VirtualSurface _surface;
        private readonly LoopbackTransport _link;
        private readonly PinMap _pins;
        private readonly byte[] _drain = new byte[1536];
        private readonly byte[][] _hostPackets;
        private readonly int[] _hostLengths;
        private readonly float[] _phase = new float[8];
        private int _tick;
        private int _buttonIndex;

        /// <summary>Builds the surface and connects it to a scripted host.</summary>
        public ScanWorkload()
        {
            _surface = new VirtualSurface(SurfaceConfig.CreateFaderDesk(true));
            _link = _surface.Loopback;
            _pins = _surface.Config.Pins;
            _surface.Faders.NoiseAmplitude = 12;
            _hostPackets = new byte[4][];
            _hostLengths = new int[4];
            byte[] tx = new byte[128];
            // Any message proves the host alive; an argument-less /info is the cheapest.
            _hostLengths[0] = Encode(tx, 0, OscWriter.WriteQuery(tx, OscWriter.EncodeString("/info")));
            _hostLengths[1] = Encode(tx, 1, OscWriter.WriteFloat(tx, OscWriter.EncodeString("/ch/03/mix/fader"), 0.7f));
            _hostLengths[2] = Encode(tx, 2, OscWriter.WriteFloat(tx, OscWriter.EncodeString("/ch/03/mix/fader"), 0.3f));
            _hostLengths[3] = Encode(tx, 3, OscWriter.WriteInt(tx, OscWriter.EncodeString("/ch/05/mix/on"), 0));

            _surface.Start();
            // The host's answer to the size probe for its last channel: a full 32-channel console, every strip live.
            byte[] size = new byte[64];
            int sizeLength = OscWriter.WriteFloat(size, OscWriter.EncodeString("/ch/32/mix/fader"), 0f);
            for (int i = 0; i < 50; i++)
            {
                _link.HostSend(_hostPackets[0], _hostLengths[0]);
                if (i == 40)
                {
                    _link.HostSend(size, sizeLength);
                }

                _surface.Step();
                Drain();
            }

            for (int s = 0; s < 8; s++)
            {
                _surface.Touch(s);
            }
        }

        /// <summary>The surface under load.</summary>
        public VirtualSurface Surface => _surface;

        /// <summary>Runs one millisecond of the workload (one engine scan plus the scripted hand and host).</summary>
        public void Step()
        {
            int t = _tick++;
            for (int s = 0; s < 8; s++)
            {
                // Slow triangle sweeps, a different speed per fader, held by the hand.
                _phase[s] += 0.0004f * (s + 1);
                if (_phase[s] > 2f)
                {
                    _phase[s] -= 2f;
                }

                _surface.Faders.SetPosition(s, _phase[s] < 1f ? _phase[s] : 2f - _phase[s]);
            }

            if (t % 3 == 0)
            {
                int step = (t / 3) & 3;
                int state = Clockwise[step];
                for (int e = 0; e < 8; e++)
                {
                    _surface.Inputs.Set(_pins.EncoderA[e], (state & 2) != 0);
                    _surface.Inputs.Set(_pins.EncoderB[e], (state & 1) != 0);
                }
            }

            if (t % 100 == 0)
            {
                int[] group = _buttonIndex < 8 ? _pins.MuteButtons : (_buttonIndex < 16 ? _pins.SoloButtons : _pins.SelectButtons);
                _surface.Inputs.Set(group[_buttonIndex % 8], true);
            }
            else if (t % 100 == 50)
            {
                int[] group = _buttonIndex < 8 ? _pins.MuteButtons : (_buttonIndex < 16 ? _pins.SoloButtons : _pins.SelectButtons);
                _surface.Inputs.Set(group[_buttonIndex % 8], false);
                _buttonIndex = (_buttonIndex + 1) % 24;
            }

            if (t % 1000 == 0)
            {
                _link.HostSend(_hostPackets[0], _hostLengths[0]);
            }

            if (t % 40 == 20)
            {
                int k = 1 + ((t / 40) % 3);
                _link.HostSend(_hostPackets[k], _hostLengths[k]);
            }

            _surface.Step();
            Drain();
        }

        private void Drain()
        {
            while (_link.HostReceive(_drain) > 0)
            {
            }
        }

        private int Encode(byte[] tx, int slot, int length)
        {
            _hostPackets[slot] = new byte[length];
            System.Array.Copy(tx, _hostPackets[slot], length);
            return length;
        }
    }
}
