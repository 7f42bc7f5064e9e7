namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// How the surface reaches the host.
    /// </summary>
    public sealed class NetworkConfig
    {
        /// <summary>UDP over Wi-Fi.</summary>
        public const string Udp = "udp";

        /// <summary>SLIP-framed OSC over a UART.</summary>
        public const string Serial = "serial";

        /// <summary>"udp" or "serial".</summary>
        public string Transport = Udp;

        /// <summary>Host IPv4 address (UDP).</summary>
        public string HostAddress = "192.168.1.10";

        /// <summary>Host OSC port (X32 convention 10023).</summary>
        public int HostPort = 10023;

        /// <summary>Local UDP port the surface listens on.</summary>
        public int LocalPort = 10024;

        /// <summary>Wi-Fi network name (UDP).</summary>
        public string WifiSsid = "mixconsole";

        /// <summary>Wi-Fi password (UDP).</summary>
        public string WifiPassword = "";

        /// <summary>Serial port name on the ESP32 (serial).</summary>
        public string SerialPort = "COM2";

        /// <summary>Serial baud rate (serial); the host's `serve --serial` default, so both ends agree unless told otherwise.</summary>
        public int BaudRate = DefaultBaudRate;

        /// <summary>The console's pairing key (the bytes of the file given to `serve --pair-key`), null when the host does not ask for pairing.</summary>
        public byte[] PairKey;

        /// <summary>Serial speed both ends use by default.</summary>
        public const int DefaultBaudRate = 921600;

        /// <summary>Shortest pairing key the host accepts.</summary>
        public const int MinPairKeyBytes = 16;
    }
}
