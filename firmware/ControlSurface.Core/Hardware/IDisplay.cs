namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// Character display (SSD1306-class OLED rendered as a text grid).
    /// </summary>
    public interface IDisplay
    {
        /// <summary>Text lines on the display.</summary>
        int Lines { get; }

        /// <summary>Characters per line.</summary>
        int Columns { get; }

        /// <summary>Replaces one line; <paramref name="length"/> characters from <paramref name="text"/>, the rest blank.</summary>
        void WriteLine(int line, char[] text, int length);

        /// <summary>Sends pending lines to the hardware.</summary>
        void Flush();
    }
}
