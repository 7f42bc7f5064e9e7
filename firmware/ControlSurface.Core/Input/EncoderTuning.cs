namespace MixConsole.ControlSurface.Input
{
    /// <summary>
    /// Quadrature decoding and acceleration of rotary encoders.
    /// </summary>
    public sealed class EncoderTuning
    {
        /// <summary>Quadrature transitions per detent: 4 (one full cycle, rest with both contacts open) or 2 (rest at both states).</summary>
        public int StepsPerDetent = 4;

        /// <summary>Detents closer together than this (same direction) count <see cref="FastFactor"/> times.</summary>
        public int FastIntervalMs = 25;

        /// <summary>Detents closer together than this count <see cref="MediumFactor"/> times.</summary>
        public int MediumIntervalMs = 60;

        /// <summary>Multiplier for fast turns.</summary>
        public int FastFactor = 4;

        /// <summary>Multiplier for medium turns.</summary>
        public int MediumFactor = 2;
    }
}
