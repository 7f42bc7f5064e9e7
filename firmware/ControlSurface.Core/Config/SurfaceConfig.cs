namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// Everything the surface needs to start: profile, logical pin map, network and tuning.
    /// </summary>
    public sealed class SurfaceConfig
    {
        /// <summary>Strips on the fader desk.</summary>
        public const int StripCount = 8;

        /// <summary>Encoders on the mastering panel.</summary>
        public const int MasteringEncoderCount = 8;

        /// <summary>"fader-desk" or "mastering-panel".</summary>
        public string Profile = ProfileNames.FaderDesk;

        /// <summary>Logical wiring.</summary>
        public PinMap Pins = new PinMap();

        /// <summary>Host link.</summary>
        public NetworkConfig Network = new NetworkConfig();

        /// <summary>Timing and feel.</summary>
        public SurfaceTuning Tuning = new SurfaceTuning();

        /// <summary>Default configuration of the named profile (see hardware/surface for the matching wiring).</summary>
        public static SurfaceConfig Create(string profile)
        {
            if (profile == ProfileNames.FaderDesk)
            {
                return CreateFaderDesk(true);
            }

            if (profile == ProfileNames.MasteringPanel)
            {
                return CreateMasteringPanel();
            }

            throw new SurfaceConfigException("surface configuration is invalid:\n - unknown profile '" + profile
                + "' (expected '" + ProfileNames.FaderDesk + "' or '" + ProfileNames.MasteringPanel + "')");
        }

        /// <summary>
        /// The fader desk as wired in hardware/surface/fader-desk.md: faders on ADC channels 0-7, master on 8;
        /// inputs 0-7 mute, 8-15 solo, 16-23 select, 24/25 bank, 26-28 layers, 29 sends on fader, 30 encoder page,
        /// 32-47 pan encoders, 48-55 touch.
        /// </summary>
        public static SurfaceConfig CreateFaderDesk(bool motorised)
        {
            SurfaceConfig c = new SurfaceConfig();
            c.Profile = ProfileNames.FaderDesk;
            PinMap p = c.Pins;
            p.FaderAdcChannels = Sequence(0, StripCount, 1);
            p.MasterFaderAdcChannel = 8;
            p.FaderMotors = motorised ? Sequence(0, StripCount, 1) : Filled(StripCount, -1);
            p.FaderTouchInputs = motorised ? Sequence(48, StripCount, 1) : Filled(StripCount, -1);
            p.MuteButtons = Sequence(0, StripCount, 1);
            p.SoloButtons = Sequence(8, StripCount, 1);
            p.SelectButtons = Sequence(16, StripCount, 1);
            p.BankPrevButton = 24;
            p.BankNextButton = 25;
            p.LayerButtons = Sequence(26, 3, 1);
            p.SendsOnFaderButton = 29;
            p.EncoderPageButton = 30;
            p.EncoderA = Sequence(32, StripCount, 2);
            p.EncoderB = Sequence(33, StripCount, 2);
            p.MuteLeds = Sequence(0, StripCount, 1);
            p.SoloLeds = Sequence(8, StripCount, 1);
            p.SelectLeds = Sequence(16, StripCount, 1);
            p.LayerLeds = Sequence(24, 3, 1);
            p.LinkLed = 27;
            p.SendsOnFaderLed = 28;
            p.EncoderRings = Sequence(0, StripCount, 1);
            return c;
        }

        /// <summary>
        /// The mastering panel as wired in hardware/surface/mastering-panel.md: encoders on inputs 0-15,
        /// A/B on 16, bypass on 17; rings 0-7; LEDs A/B 0, bypass 1, link 2.
        /// </summary>
        public static SurfaceConfig CreateMasteringPanel()
        {
            SurfaceConfig c = new SurfaceConfig();
            c.Profile = ProfileNames.MasteringPanel;
            PinMap p = c.Pins;
            p.EncoderA = Sequence(0, MasteringEncoderCount, 2);
            p.EncoderB = Sequence(1, MasteringEncoderCount, 2);
            p.AbButton = 16;
            p.BypassButton = 17;
            p.EncoderPageButton = 18;
            p.EncoderRings = Sequence(0, MasteringEncoderCount, 1);
            p.AbLed = 0;
            p.BypassLed = 1;
            p.LinkLed = 2;
            c.Tuning.EncoderStep = 0.005f;
            return c;
        }

        private static int[] Sequence(int start, int count, int stride)
        {
            int[] a = new int[count];
            for (int i = 0; i < count; i++)
            {
                a[i] = start + (i * stride);
            }

            return a;
        }

        private static int[] Filled(int count, int value)
        {
            int[] a = new int[count];
            for (int i = 0; i < count; i++)
            {
                a[i] = value;
            }

            return a;
        }
    }
}
