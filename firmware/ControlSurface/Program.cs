using System;
using System.Diagnostics;
using System.Device.Gpio;
using System.Device.Wifi;
using System.Threading;
using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Output;
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
            Esp32BoardConfig board = DeviceSettings.Board();
            SurfaceEngine engine;
            try
            {
                Esp32Pins.Validate(board, config.Network);
            }
            catch (SurfaceConfigException e)
            {
                Stop(board.StatusLedPin, FatalBlinkCode.PinMap, e.Message);
                return;
            }

            try
            {
                SurfaceHardware hardware = SurfaceBoard.Create(board, config.Network);
                engine = new SurfaceEngine(config, hardware);
            }
            catch (SurfaceConfigException e)
            {
                Stop(board.StatusLedPin, FatalBlinkCode.Configuration, e.Message);
                return;
            }
            catch (Exception e)
            {
                Stop(board.StatusLedPin, FatalBlinkCode.Hardware, "surface hardware did not start: " + e.Message);
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

        // A wrong pin map or configuration must not half-work. Release builds drop Debug.WriteLine, so the reason goes
        // to the console (the USB serial port) every 10 s and its code blinks on the status LED, forever.
        private static void Stop(int ledPin, int code, string message)
        {
            GpioPin led = null;
            try
            {
                led = ledPin >= 0 ? new GpioController().OpenPin(ledPin, PinMode.Output) : null;
            }
            catch (Exception)
            {
                // The LED pin may be what is wrong: the console still says why.
            }

            long start = Environment.TickCount64;
            long nextPrint = start;
            while (true)
            {
                long now = Environment.TickCount64;
                if (now >= nextPrint)
                {
                    Console.WriteLine("surface stopped (blink code " + code.ToString() + "): " + message);
                    nextPrint = now + 10000;
                }

                if (led != null)
                {
                    led.Write(FatalBlinkCode.IsLit(code, now - start) ? PinValue.High : PinValue.Low);
                }

                Thread.Sleep(50);
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
