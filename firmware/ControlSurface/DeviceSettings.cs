using MixConsole.ControlSurface.Config;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// What this particular board is: edit before flashing (profile, Wi-Fi, host address or serial link).
    /// </summary>
    public static class DeviceSettings
    {
        /// <summary>"fader-desk" or "mastering-panel".</summary>
        public const string Profile = ProfileNames.FaderDesk;

        /// <summary>The module on the devkit: Esp32Modules.Wroom32 or Esp32Modules.Wrover (flash ESP32_PSRAM_REV3 for a WROVER).</summary>
        public const string Module = Esp32Modules.Wroom32;

        /// <summary>The surface configuration for <see cref="Profile"/> with this site's network.</summary>
        public static SurfaceConfig Surface()
        {
            SurfaceConfig config = SurfaceConfig.Create(Profile);
            config.Network.Transport = NetworkConfig.Udp;
            config.Network.WifiSsid = "mixconsole";
            config.Network.WifiPassword = "change-me";
            config.Network.HostAddress = "192.168.1.10";
            config.Network.HostPort = 10023;
            config.Network.LocalPort = 10024;

            // The host's serve --pair-key file, as bytes (xxd -i FILE); null when the host does not ask for pairing.
            config.Network.PairKey = null;
            return config;
        }

        /// <summary>The ESP32 pin map matching <see cref="Profile"/> (hardware/surface/*.md).</summary>
        public static Esp32BoardConfig Board()
        {
            return Profile == ProfileNames.MasteringPanel ? Esp32BoardConfig.MasteringPanel(Module) : Esp32BoardConfig.FaderDesk(Module);
        }
    }
}
