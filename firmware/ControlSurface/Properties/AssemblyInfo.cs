using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("MixConsole.ControlSurface")]
[assembly: AssemblyDescription("MixConsole control surface firmware for ESP32 (nanoFramework)")]
[assembly: AssemblyProduct("MixConsole")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
