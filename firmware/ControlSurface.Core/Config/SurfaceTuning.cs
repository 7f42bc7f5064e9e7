using MixConsole.ControlSurface.Input;
using MixConsole.ControlSurface.Output;

namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// Every timing and feel constant of the surface, in one place.
    /// </summary>
    public sealed class SurfaceTuning
    {
        /// <summary>Scan period; the loop runs at 1 kHz.</summary>
        public int ScanPeriodMs = 1;

        /// <summary>Button debounce time.</summary>
        public int DebounceMs = 25;

        /// <summary>Hold time that makes a long press.</summary>
        public int LongPressMs = 600;

        /// <summary>Touch release hold (rejects mains hum).</summary>
        public int TouchHoldMs = 20;

        /// <summary>Soft-takeover pickup window in 10-bit steps.</summary>
        public int TakeoverToleranceSteps = 8;

        /// <summary>Normalised change per encoder detent (before acceleration).</summary>
        public float EncoderStep = 0.01f;

        /// <summary>LED and ring refresh interval (100 Hz is flicker-free to the eye and spares the ESP32 interpreter).</summary>
        public int LedRefreshMs = 10;

        /// <summary>Display refresh interval (text changes are batched).</summary>
        public int DisplayRefreshMs = 50;

        /// <summary>Fader smoothing and rate limit.</summary>
        public FaderTuning Faders = new FaderTuning();

        /// <summary>Encoder decoding and acceleration.</summary>
        public EncoderTuning Encoders = new EncoderTuning();

        /// <summary>Motor position loop.</summary>
        public MotorTuning Motors = new MotorTuning();

        /// <summary>OSC link timing.</summary>
        public LinkTuning Link = new LinkTuning();
    }
}
