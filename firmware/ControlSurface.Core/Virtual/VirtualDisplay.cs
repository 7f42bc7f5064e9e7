using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Virtual
{
    /// <summary>
    /// A text display held in memory (8 lines of 16 characters by default, like a 128x64 OLED with an 8x8 font).
    /// </summary>
    public sealed class VirtualDisplay : IDisplay
    {
        private readonly char[][] _text;

        /// <summary>Creates a display of <paramref name="lines"/> by <paramref name="columns"/> characters.</summary>
        public VirtualDisplay(int lines, int columns)
        {
            _text = new char[lines][];
            for (int i = 0; i < lines; i++)
            {
                _text[i] = new char[columns];
                for (int c = 0; c < columns; c++)
                {
                    _text[i][c] = ' ';
                }
            }
        }

        /// <inheritdoc/>
        public int Lines => _text.Length;

        /// <inheritdoc/>
        public int Columns => _text[0].Length;

        /// <summary>Line writes since start-up.</summary>
        public int WriteCount { get; private set; }

        /// <summary>Text of line <paramref name="line"/> (allocates; for tests and the simulator's screen).</summary>
        public string LineText(int line)
        {
            return new string(_text[line]);
        }

        /// <inheritdoc/>
        public void WriteLine(int line, char[] text, int length)
        {
            char[] row = _text[line];
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = c < length ? text[c] : ' ';
            }

            WriteCount++;
        }

        /// <inheritdoc/>
        public void Flush()
        {
        }
    }
}
