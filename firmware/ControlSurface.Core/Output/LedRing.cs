namespace MixConsole.ControlSurface.Output
{
    /// <summary>
    /// LED ring patterns for a 15-LED ring (bit 0 = fully left).
    /// </summary>
    public static class LedRing
    {
        /// <summary>LEDs used on each ring.</summary>
        public const int LedCount = 15;

        /// <summary>Fills from the left up to <paramref name="value"/> (0..1): gain-like controls.</summary>
        public static int Fill(float value)
        {
            int n = (int)((Clamp(value) * LedCount) + 0.5f);
            return (1 << n) - 1;
        }

        /// <summary>Lights from the centre LED towards <paramref name="value"/> (0..1, 0.5 centre): pan-like controls.</summary>
        public static int FromCentre(float value)
        {
            int centre = LedCount / 2;
            int i = (int)((Clamp(value) * (LedCount - 1)) + 0.5f);
            int lo = i < centre ? i : centre;
            int hi = i > centre ? i : centre;
            int mask = 0;
            for (int b = lo; b <= hi; b++)
            {
                mask |= 1 << b;
            }

            return mask;
        }

        /// <summary>A single LED at <paramref name="value"/> (0..1).</summary>
        public static int Dot(float value)
        {
            return 1 << (int)((Clamp(value) * (LedCount - 1)) + 0.5f);
        }

        private static float Clamp(float v)
        {
            return v < 0 ? 0 : (v > 1 ? 1 : v);
        }
    }
}
