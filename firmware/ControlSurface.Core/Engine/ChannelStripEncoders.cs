using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Output;

namespace MixConsole.ControlSurface.Engine
{
    /// <summary>
    /// The selected channel on the fader desk's eight encoders: pages of EQ, EQ Q/high-pass, gate and compressor
    /// controls (<see cref="OscPaths.ChannelPages"/>), each with its ring pattern and its value in real units for the
    /// display. One set of parameter slots follows the selection (renumbered, never re-registered).
    /// </summary>
    internal sealed class ChannelStripEncoders
    {
        /// <summary>Pages of the selected channel.</summary>
        public const int PageCount = 4;

        private const int Linear = 0;
        private const int Log = 1;
        // The X32's ratio enum: an int position 0..11 on the wire, shown as the ratio it names.
        private const int Ratio = 2;
        private const int Switch = 3;

        // Per page and encoder: scale, real value at 0 and at 1, grid points (host-dsp/ADDRESS-SPACE.md).
        private static readonly int[][] Scales =
        {
            new int[] { Linear, Log, Linear, Log, Linear, Log, Linear, Log },
            new int[] { Log, Log, Log, Log, Switch, Switch, Log, Linear },
            new int[] { Switch, Linear, Linear, Linear, Log, Log, Switch, Switch },
            new int[] { Switch, Linear, Ratio, Linear, Linear, Log, Linear, Linear },
        };

        private static readonly float[][] Lows =
        {
            new float[] { -15, 20, -15, 20, -15, 20, -15, 20 },
            new float[] { 10, 10, 10, 10, 0, 0, 20, -18 },
            new float[] { 0, -80, 3, 0, 0.02f, 5, 0, 0 },
            new float[] { 0, -60, 0, 0, 0, 5, 0, 0 },
        };

        private static readonly float[][] Highs =
        {
            new float[] { 15, 20000, 15, 20000, 15, 20000, 15, 20000 },
            new float[] { 0.3f, 0.3f, 0.3f, 0.3f, 1, 1, 400, 18 },
            new float[] { 1, 0, 60, 120, 2000, 4000, 1, 1 },
            new float[] { 1, 0, 11, 5, 120, 4000, 24, 100 },
        };

        private static readonly int[][] GridPoints =
        {
            new int[] { 121, 201, 121, 201, 121, 201, 121, 201 },
            new int[] { 72, 72, 72, 72, 2, 2, 101, 145 },
            new int[] { 2, 161, 58, 121, 101, 101, 2, 2 },
            new int[] { 2, 121, 12, 6, 121, 101, 49, 21 },
        };

        private static readonly float[] RatioTable = { 1.1f, 1.3f, 1.5f, 2, 2.5f, 3, 4, 5, 7, 10, 20, 100 };

        private readonly ParameterBook _book;
        private readonly int[][] _ids;
        private readonly double[][] _logSpans;
        private int _channel = 1;

        /// <summary>Registers the slots of every page for channel 1 (start-up only).</summary>
        public ChannelStripEncoders(ParameterBook book)
        {
            _book = book;
            _ids = new int[PageCount][];
            _logSpans = new double[PageCount][];
            for (int p = 0; p < PageCount; p++)
            {
                _ids[p] = new int[FaderDeskSurface.Strips];
                _logSpans[p] = new double[FaderDeskSurface.Strips];
                for (int e = 0; e < FaderDeskSurface.Strips; e++)
                {
                    string path = OscPaths.ChannelPages[p][e];
                    _logSpans[p][e] = Scales[p][e] == Log ? NaturalLog(Highs[p][e] / (double)Lows[p][e]) : 0;
                    _ids[p][e] = path == null ? -1
                        : book.Register(OscPaths.Expand(path, 1), KindOf(Scales[p][e]));
                }
            }
        }

        /// <summary>1-based channel the slots point at.</summary>
        public int Channel => _channel;

        /// <summary>Parameter id of encoder <paramref name="encoder"/> on page <paramref name="page"/>, -1 when unused.</summary>
        public int Id(int page, int encoder)
        {
            return _ids[page][encoder];
        }

        /// <summary>Points every slot at channel <paramref name="channel"/> (1-based); true when that changed anything.</summary>
        public bool Follow(int channel)
        {
            if (channel == _channel)
            {
                return false;
            }

            _channel = channel;
            for (int p = 0; p < PageCount; p++)
            {
                for (int e = 0; e < FaderDeskSurface.Strips; e++)
                {
                    if (_ids[p][e] >= 0)
                    {
                        _book.Renumber(_ids[p][e], OscPaths.ChannelDigitsOffset, channel);
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// The value encoder <paramref name="encoder"/> of <paramref name="page"/> moves to after
        /// <paramref name="detents"/> (one grid step each, snapped to the host's grid; a switch goes on right, off left;
        /// an enum moves its position).
        /// </summary>
        public float Turned(int page, int encoder, float value, int detents)
        {
            if (Scales[page][encoder] == Switch)
            {
                return detents > 0 ? 1 : 0;
            }

            int steps = GridPoints[page][encoder] - 1;
            bool position = Scales[page][encoder] == Ratio;
            int k = (position ? (int)value : (int)((value * steps) + 0.5f)) + detents;
            k = k < 0 ? 0 : (k > steps ? steps : k);
            return position ? k : k / (float)steps;
        }

        /// <summary>Ring pattern of encoder <paramref name="encoder"/> at <paramref name="value"/>: gains from the centre, the rest filled.</summary>
        public int Ring(int page, int encoder, float value)
        {
            if (Scales[page][encoder] == Ratio)
            {
                return LedRing.Fill(value / (GridPoints[page][encoder] - 1));
            }

            return IsBipolar(page, encoder) ? LedRing.FromCentre(value) : LedRing.Fill(value);
        }

        /// <summary>True for controls around a centre (EQ gain, trim): their ring lights from the middle.</summary>
        public static bool IsBipolar(int page, int encoder)
        {
            return Scales[page][encoder] == Linear && Lows[page][encoder] < 0 && Highs[page][encoder] > 0;
        }

        /// <summary>Appends "LBL value" for encoder <paramref name="encoder"/> in real units (dB, Hz, ms, :1, %).</summary>
        public void AppendControl(TextLine line, int page, int encoder)
        {
            string label = OscPaths.ChannelPageLabels[page][encoder];
            int id = _ids[page][encoder];
            if (label == null || id < 0)
            {
                return;
            }

            line.Append(label).Append(' ');
            if (!_book.IsKnown(id))
            {
                line.Append("--");
                return;
            }

            float f = _book.Value(id);
            int scale = Scales[page][encoder];
            if (scale == Switch)
            {
                line.Append(f >= 0.5f ? "ON" : "OFF");
                return;
            }

            float lo = Lows[page][encoder];
            float hi = Highs[page][encoder];
            float real;
            if (scale == Ratio)
            {
                int k = (int)f;
                real = RatioTable[k < 0 ? 0 : (k >= RatioTable.Length ? RatioTable.Length - 1 : k)];
            }
            else if (scale == Log)
            {
                real = (float)(lo * Exp(f * _logSpans[page][encoder]));
            }
            else
            {
                real = lo + ((hi - lo) * f);
            }

            AppendReal(line, real, IsBipolar(page, encoder));
        }

        private static ParameterKind KindOf(int scale)
        {
            return scale == Switch ? ParameterKind.Switch : (scale == Ratio ? ParameterKind.Index : ParameterKind.Level);
        }

        // Four characters at most: +9.5, -80, 400, 1.9k, 20k.
        private static void AppendReal(TextLine line, float v, bool signed)
        {
            if (v < 0)
            {
                line.Append('-');
                v = -v;
            }
            else if (signed)
            {
                line.Append('+');
            }

            if (v >= 10000)
            {
                line.AppendNumber((int)((v / 1000) + 0.5f), 1).Append('k');
            }
            else if (v >= 1000)
            {
                AppendTenths(line, (int)((v / 100) + 0.5f));
                line.Append('k');
            }
            else if (v >= 10)
            {
                line.AppendNumber((int)(v + 0.5f), 1);
            }
            else
            {
                AppendTenths(line, (int)((v * 10) + 0.5f));
            }
        }

        private static void AppendTenths(TextLine line, int tenths)
        {
            line.AppendNumber(tenths / 10, 1).Append('.').AppendNumber(tenths % 10, 1);
        }

        // e^x for display only (|x| < 10): (1 + x/2^20)^(2^20) by twenty squarings; nanoFramework's Math is not referenced.
        private static double Exp(double x)
        {
            double y = 1 + (x / 1048576.0);
            for (int i = 0; i < 20; i++)
            {
                y *= y;
            }

            return y;
        }

        // ln(r) by bisection on Exp, at start-up only.
        private static double NaturalLog(double r)
        {
            double lo = -10;
            double hi = 10;
            for (int i = 0; i < 40; i++)
            {
                double mid = (lo + hi) / 2;
                if (Exp(mid) < r)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            return (lo + hi) / 2;
        }
    }
}
