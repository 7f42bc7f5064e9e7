namespace MixConsole.ControlSurface.Osc
{
    /// <summary>
    /// IEEE 754 single-precision bit conversion by arithmetic, because nanoFramework's BitConverter allocates arrays.
    /// </summary>
    public static class OscFloat
    {
        private const int MantissaBits = 23;
        private const double TwoPow23 = 8388608.0;

        /// <summary>Returns the IEEE 754 bit pattern of <paramref name="value"/> (NaN maps to the quiet NaN 0x7FC00000).</summary>
        public static int ToBits(float value)
        {
            if (float.IsNaN(value))
            {
                return 0x7FC00000;
            }

            int sign = 0;
            double a = value;
            if (a < 0 || (a == 0 && 1.0 / a < 0))
            {
                sign = unchecked((int)0x80000000);
                a = -a;
            }

            if (a == 0)
            {
                return sign;
            }

            if (a > float.MaxValue)
            {
                return sign | 0x7F800000;
            }

            int exponent = 0;
            while (a >= 2.0)
            {
                a *= 0.5;
                exponent++;
            }

            while (a < 1.0 && exponent > -126)
            {
                a *= 2.0;
                exponent--;
            }

            if (a < 1.0)
            {
                // Subnormal: exponent field 0, mantissa holds a * 2^23 (exact for a float input).
                return sign | (int)(a * TwoPow23);
            }

            int mantissa = (int)((a - 1.0) * TwoPow23);
            return sign | ((exponent + 127) << MantissaBits) | mantissa;
        }

        /// <summary>Returns the float whose IEEE 754 bit pattern is <paramref name="bits"/>.</summary>
        public static float FromBits(int bits)
        {
            int exponentField = (bits >> MantissaBits) & 0xFF;
            int mantissa = bits & 0x7FFFFF;
            bool negative = bits < 0;

            if (exponentField == 0xFF)
            {
                if (mantissa != 0)
                {
                    return float.NaN;
                }

                return negative ? float.NegativeInfinity : float.PositiveInfinity;
            }

            double a;
            int exponent;
            if (exponentField == 0)
            {
                a = mantissa / TwoPow23;
                exponent = -126;
            }
            else
            {
                a = 1.0 + (mantissa / TwoPow23);
                exponent = exponentField - 127;
            }

            while (exponent > 0)
            {
                a *= 2.0;
                exponent--;
            }

            while (exponent < 0)
            {
                a *= 0.5;
                exponent++;
            }

            return (float)(negative ? -a : a);
        }
    }
}
