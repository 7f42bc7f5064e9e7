using System;
using System.Diagnostics;
using System.Device.Wifi;
using System.Threading;
using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Hardware;
using nanoFramework.Networking;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// Firmware entry point: validate the configuration, bring up Wi-Fi (or the serial link), then scan at 1 kHz.
    /// </summary>
    public static class Program
    {
        /// <summary>Starts the surface; never returns.</summary>
        public static void Main()
        {
            SurfaceConfig config = DeviceSettings.Surface();
            SurfaceEngine engine;
            try
            {
                SurfaceHardware hardware = SurfaceBoard.Create(DeviceSettings.Board(), config.Network);
                engine = new SurfaceEngine(config, hardware);
            }
            catch (SurfaceConfigException e)
            {
                // A wrong pin map must not half-work: say why and stop.
                Debug.WriteLine(e.Message);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            if (config.Network.Transport == NetworkConfig.Udp)
            {
                ConnectWifi(config.Network);
            }

            engine.Start();
            int periodMs = config.Tuning.ScanPeriodMs;
            long next = Environment.TickCount64;
            while (true)
            {
                engine.Scan();
                next += periodMs;
                long wait = next - Environment.TickCount64;
                if (wait > 0)
                {
                    Thread.Sleep((int)wait);
                }
                else if (wait < -100)
                {
                    // Fell far behind (a long I2C stall): resume the cadence instead of bursting to catch up.
                    next = Environment.TickCount64;
                }
            }
        }

        private static void ConnectWifi(NetworkConfig network)
        {
            while (true)
            {
                CancellationTokenSource cancel = new CancellationTokenSource(20000);
                if (WifiNetworkHelper.ConnectDhcp(network.WifiSsid, network.WifiPassword, WifiReconnectionKind.Automatic, false, 0, cancel.Token))
                {
                    Debug.WriteLine("Wi-Fi up; talking to " + network.HostAddress + ":" + network.HostPort.ToString());
                    return;
                }

                Debug.WriteLine("Wi-Fi '" + network.WifiSsid + "' not reachable; retrying");
            }
        }
    }
}
