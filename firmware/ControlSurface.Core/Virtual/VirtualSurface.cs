using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Virtual
{
    /// <summary>Called after every simulated millisecond (the simulator pumps its host link there).</summary>
    public delegate void StepCallback();

    /// <summary>
    /// A complete surface on virtual hardware, stepped one millisecond at a time: what the simulator and the
    /// tests drive. Hand actions (move, touch, turn, press) change the virtual hardware; <see cref="Step"/> runs
    /// the physics and one engine scan.
    /// </summary>
    public sealed class VirtualSurface
    {
        /// <summary>Digital inputs provided (three MCP23017 plus a 12-electrode touch controller fit).</summary>
        public const int InputCount = 64;

        /// <summary>Single LEDs provided.</summary>
        public const int LedCount = 32;

        /// <summary>LED rings provided.</summary>
        public const int RingCount = 8;

        /// <summary>Fader channels provided (as many as the desk reads, with room to spare).</summary>
        public const int FaderChannels = 12;

        /// <summary>Builds the virtual hardware for <paramref name="config"/> talking over <paramref name="transport"/>.</summary>
        public VirtualSurface(SurfaceConfig config, IOscTransport transport)
        {
            Config = config;
            Clock = new VirtualClock();
            Faders = new VirtualFaderPanel(FaderChannels, config.Profile == ProfileNames.FaderDesk ? 8 : 0);
            Inputs = new VirtualInputs(InputCount);
            Leds = new VirtualLeds(LedCount, RingCount);
            Display = new VirtualDisplay(8, 16);
            Transport = transport;
            Loopback = transport as LoopbackTransport;
            Hardware = new SurfaceHardware(Faders, Inputs, Faders, Leds, Display, Clock, transport);
            Engine = new SurfaceEngine(config, Hardware);
        }

        /// <summary>Builds the virtual hardware for <paramref name="config"/> with an in-memory link.</summary>
        public VirtualSurface(SurfaceConfig config)
            : this(config, new LoopbackTransport(256))
        {
        }

        /// <summary>The configuration.</summary>
        public SurfaceConfig Config { get; }

        /// <summary>Time source.</summary>
        public VirtualClock Clock { get; }

        /// <summary>Faders and motors.</summary>
        public VirtualFaderPanel Faders { get; }

        /// <summary>Buttons, encoder phases, touch sensors.</summary>
        public VirtualInputs Inputs { get; }

        /// <summary>LEDs and rings.</summary>
        public VirtualLeds Leds { get; }

        /// <summary>Text display.</summary>
        public VirtualDisplay Display { get; }

        /// <summary>The link to the host.</summary>
        public IOscTransport Transport { get; }

        /// <summary>The link when it is in-memory, else null.</summary>
        public LoopbackTransport Loopback { get; }

        /// <summary>The hardware bundle handed to the engine.</summary>
        public SurfaceHardware Hardware { get; }

        /// <summary>The surface logic under test.</summary>
        public SurfaceEngine Engine { get; }

        /// <summary>Runs after each <see cref="Step"/>; null for none.</summary>
        public StepCallback AfterStep { get; set; }

        /// <summary>Starts the engine (connects to the host).</summary>
        public void Start()
        {
            Engine.Start();
        }

        /// <summary>Advances one millisecond: physics, then one scan.</summary>
        public void Step()
        {
            Clock.Advance(1);
            Faders.Step(1);
            Engine.Scan();
            if (AfterStep != null)
            {
                AfterStep();
            }
        }

        /// <summary>Runs <paramref name="ms"/> scans.</summary>
        public void Run(int ms)
        {
            for (int i = 0; i < ms; i++)
            {
                Step();
            }
        }

        /// <summary>ADC channel of fader strip <paramref name="strip"/> (8 = master).</summary>
        public int FaderChannel(int strip)
        {
            return strip < Config.Pins.FaderAdcChannels.Length ? Config.Pins.FaderAdcChannels[strip] : Config.Pins.MasterFaderAdcChannel;
        }

        /// <summary>Touches the knob of strip <paramref name="strip"/> (hand on: motor stops).</summary>
        public void Touch(int strip)
        {
            int input = strip < Config.Pins.FaderTouchInputs.Length ? Config.Pins.FaderTouchInputs[strip] : -1;
            if (input >= 0)
            {
                Inputs.Set(input, true);
            }

            Faders.Hold(FaderChannel(strip), true);
        }

        /// <summary>Lets go of the knob of strip <paramref name="strip"/>.</summary>
        public void Release(int strip)
        {
            int input = strip < Config.Pins.FaderTouchInputs.Length ? Config.Pins.FaderTouchInputs[strip] : -1;
            if (input >= 0)
            {
                Inputs.Set(input, false);
            }

            Faders.Hold(FaderChannel(strip), false);
        }

        /// <summary>
        /// Moves fader <paramref name="strip"/> by hand to <paramref name="position"/> (0..1) over
        /// <paramref name="durationMs"/>, touching it first and releasing it after <paramref name="settleMs"/>.
        /// </summary>
        public void MoveFader(int strip, float position, int durationMs, int settleMs)
        {
            int channel = FaderChannel(strip);
            Touch(strip);
            float start = Faders.Position(channel);
            for (int i = 1; i <= durationMs; i++)
            {
                Faders.SetPosition(channel, start + ((position - start) * i / durationMs));
                Step();
            }

            Faders.SetPosition(channel, position);
            Run(settleMs);
            Release(strip);
            Run(settleMs);
        }

        /// <summary>Turns encoder <paramref name="encoder"/> by <paramref name="detents"/> (negative = anticlockwise), one quadrature step every <paramref name="msPerStep"/> ms.</summary>
        public void TurnEncoder(int encoder, int detents, int msPerStep)
        {
            int a = Config.Pins.EncoderA[encoder];
            int b = Config.Pins.EncoderB[encoder];
            int steps = (detents < 0 ? -detents : detents) * 4;
            int state = 0;
            for (int i = 0; i < steps; i++)
            {
                // Clockwise order of (A,B) states: 00 -> 01 -> 11 -> 10 -> 00.
                state = detents > 0 ? NextClockwise(state) : NextAnticlockwise(state);
                Inputs.Set(a, (state & 2) != 0);
                Inputs.Set(b, (state & 1) != 0);
                Run(msPerStep);
            }
        }

        /// <summary>Presses digital input <paramref name="input"/> for <paramref name="holdMs"/>, then releases it for the debounce time.</summary>
        public void Press(int input, int holdMs)
        {
            Inputs.Set(input, true);
            Run(holdMs);
            Inputs.Set(input, false);
            Run(Config.Tuning.DebounceMs + 5);
        }

        private static int NextClockwise(int s)
        {
            return s == 0 ? 1 : (s == 1 ? 3 : (s == 3 ? 2 : 0));
        }

        private static int NextAnticlockwise(int s)
        {
            return s == 0 ? 2 : (s == 2 ? 3 : (s == 3 ? 1 : 0));
        }
    }
}
