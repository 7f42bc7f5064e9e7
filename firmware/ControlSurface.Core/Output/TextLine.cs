namespace MixConsole.ControlSurface.Output
{
    /// <summary>
    /// A fixed-width line of display text built without allocating, sent to the display only when it changed.
    /// </summary>
    public sealed class TextLine
    {
        private readonly char[] _text;
        private readonly char[] _shown;
        private int _length;
        private bool _everShown;

        /// <summary>Creates a line of <paramref name="columns"/> characters.</summary>
        public TextLine(int columns)
        {
            _text = new char[columns];
            _shown = new char[columns];
        }

        /// <summary>Characters of the line (valid up to <see cref="Length"/>).</summary>
        public char[] Text => _text;

        /// <summary>Characters written since <see cref="Clear"/>.</summary>
        public int Length => _length;

        /// <summary>Empties the line.</summary>
        public void Clear()
        {
            _length = 0;
        }

        /// <summary>Appends a string, truncating at the line end.</summary>
        public TextLine Append(string s)
        {
            for (int i = 0; i < s.Length && _length < _text.Length; i++)
            {
                _text[_length++] = s[i];
            }

            return this;
        }

        /// <summary>Appends <paramref name="count"/> characters of <paramref name="chars"/>, upper-cased.</summary>
        public TextLine AppendUpper(char[] chars, int count)
        {
            for (int i = 0; i < count && _length < _text.Length; i++)
            {
                char c = chars[i];
                _text[_length++] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
            }

            return this;
        }

        /// <summary>Appends one character.</summary>
        public TextLine Append(char c)
        {
            if (_length < _text.Length)
            {
                _text[_length++] = c;
            }

            return this;
        }

        /// <summary>Appends a non-negative number padded with zeros to <paramref name="digits"/> digits.</summary>
        public TextLine AppendNumber(int value, int digits)
        {
            if (value < 0)
            {
                Append('-');
                value = -value;
            }

            int divisor = 1;
            int needed = 1;
            while (value / divisor >= 10)
            {
                divisor *= 10;
                needed++;
            }

            for (int i = needed; i < digits; i++)
            {
                Append('0');
            }

            while (divisor > 0)
            {
                Append((char)('0' + ((value / divisor) % 10)));
                divisor /= 10;
            }

            return this;
        }

        /// <summary>Pads with spaces up to column <paramref name="column"/>.</summary>
        public TextLine PadTo(int column)
        {
            while (_length < column && _length < _text.Length)
            {
                _text[_length++] = ' ';
            }

            return this;
        }

        /// <summary>Writes the line to <paramref name="display"/> when it differs from what was last shown.</summary>
        public void Show(Hardware.IDisplay display, int line)
        {
            bool same = _everShown;
            for (int i = 0; i < _text.Length && same; i++)
            {
                char now = i < _length ? _text[i] : ' ';
                same = now == _shown[i];
            }

            if (same)
            {
                return;
            }

            for (int i = 0; i < _text.Length; i++)
            {
                _shown[i] = i < _length ? _text[i] : ' ';
            }

            _everShown = true;
            display.WriteLine(line, _text, _length);
        }
    }
}
