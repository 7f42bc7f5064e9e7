namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// The ESP32 modules the bill of materials names (hardware/surface/bom.md); they differ in which GPIOs reach
    /// the module's pins.
    /// </summary>
    public static class Esp32Modules
    {
        /// <summary>ESP32-WROOM-32 (ESP32-DevKitC): GPIO 37 and 38 are not broken out.</summary>
        public const string Wroom32 = "WROOM-32";

        /// <summary>ESP32-WROVER: as WROOM-32, and GPIO 16 and 17 drive the PSRAM.</summary>
        public const string Wrover = "WROVER";
    }
}
