namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// Logical wiring: which ADC channel, digital input, motor, LED and ring each control uses.
    /// Indexes refer to the hardware ports (IFaderAdc channels, IDigitalInputs inputs, ...), never to ESP32 pins;
    /// -1 means "not fitted".
    /// </summary>
    public sealed class PinMap
    {
        /// <summary>ADC channel of each strip fader (fader desk: 8).</summary>
        public int[] FaderAdcChannels = new int[0];

        /// <summary>ADC channel of the master fader, -1 when none.</summary>
        public int MasterFaderAdcChannel = -1;

        /// <summary>Raw reading at the bottom of travel per fader slot (strips, then master); empty = 0.</summary>
        public int[] FaderCalibrationMin = new int[0];

        /// <summary>Raw reading at the top of travel per fader slot (strips, then master); empty = full scale.</summary>
        public int[] FaderCalibrationMax = new int[0];

        /// <summary>Motor per strip fader, -1 for a fader without motor (soft takeover instead).</summary>
        public int[] FaderMotors = new int[0];

        /// <summary>Touch input per strip fader, -1 when the knob has no touch sensor.</summary>
        public int[] FaderTouchInputs = new int[0];

        /// <summary>Mute button per strip.</summary>
        public int[] MuteButtons = new int[0];

        /// <summary>Solo button per strip.</summary>
        public int[] SoloButtons = new int[0];

        /// <summary>Select button per strip.</summary>
        public int[] SelectButtons = new int[0];

        /// <summary>Bank down button.</summary>
        public int BankPrevButton = -1;

        /// <summary>Bank up button.</summary>
        public int BankNextButton = -1;

        /// <summary>Layer buttons: channels, buses, DCAs.</summary>
        public int[] LayerButtons = new int[0];

        /// <summary>Sends on fader (fader desk): flips the channel faders to the selected bus's sends; -1 when not fitted.</summary>
        public int SendsOnFaderButton = -1;

        /// <summary>
        /// Encoder page: on the fader desk pan, then the selected channel's EQ, EQ Q/HPF, gate, compressor; on the mastering
        /// panel the main, multiband and presets pages (held on the presets page: recall). -1 when not fitted.
        /// </summary>
        public int EncoderPageButton = -1;

        /// <summary>Encoder phase A inputs (pan on the fader desk, parameters on the mastering panel; -1 there for a control with a pot or none).</summary>
        public int[] EncoderA = new int[0];

        /// <summary>Encoder phase B inputs.</summary>
        public int[] EncoderB = new int[0];

        /// <summary>
        /// Mastering panel: ADC channel of a pot per control (panel order), -1 where the control has an encoder instead;
        /// empty when the panel has no pots. A pot picks up its parameter by soft takeover.
        /// </summary>
        public int[] PotAdcChannels = new int[0];

        /// <summary>Mastering panel: push switch per encoder (held while turning = fine steps), -1 where none; empty = none.</summary>
        public int[] EncoderPushButtons = new int[0];

        /// <summary>A/B compare button (mastering panel).</summary>
        public int AbButton = -1;

        /// <summary>Bypass button (mastering panel).</summary>
        public int BypassButton = -1;

        /// <summary>Mute LED per strip (lit = muted).</summary>
        public int[] MuteLeds = new int[0];

        /// <summary>Solo LED per strip.</summary>
        public int[] SoloLeds = new int[0];

        /// <summary>Select LED per strip.</summary>
        public int[] SelectLeds = new int[0];

        /// <summary>Layer LEDs: channels, buses, DCAs.</summary>
        public int[] LayerLeds = new int[0];

        /// <summary>LED lit while the faders show a bus's sends, -1 when none.</summary>
        public int SendsOnFaderLed = -1;

        /// <summary>LED lit while the host link is up.</summary>
        public int LinkLed = -1;

        /// <summary>A/B LED (lit = B).</summary>
        public int AbLed = -1;

        /// <summary>Bypass LED.</summary>
        public int BypassLed = -1;

        /// <summary>LED ring per encoder, -1 when none.</summary>
        public int[] EncoderRings = new int[0];
    }
}
