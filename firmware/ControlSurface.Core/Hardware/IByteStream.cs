namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// A serial byte stream (UART) that SLIP framing turns into an OSC transport.
    /// </summary>
    public interface IByteStream
    {
        /// <summary>True while the port is open.</summary>
        bool IsOpen { get; }

        /// <summary>Opens the port; false when it is not available.</summary>
        bool Open();

        /// <summary>Closes the port.</summary>
        void Close();

        /// <summary>Reads up to <paramref name="count"/> waiting bytes; returns how many, 0 when none. Never blocks.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Writes <paramref name="count"/> bytes; returns false on failure.</summary>
        bool Write(byte[] buffer, int offset, int count);
    }
}
