using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// Checks a configuration against the hardware it will drive and reports every problem at once, in words
    /// a builder can act on. Runs at start-up only (it allocates strings).
    /// </summary>
    public sealed class ConfigValidator
    {
        private readonly SurfaceConfig _config;
        private readonly SurfaceHardware _hardware;
        private readonly string[] _inputOwners;
        private readonly string[] _adcOwners;
        private readonly string[] _ledOwners;
        private readonly string[] _ringOwners;
        private readonly string[] _motorOwners;
        private string _problems = "";
        private int _problemCount;

        private ConfigValidator(SurfaceConfig config, SurfaceHardware hardware)
        {
            _config = config;
            _hardware = hardware;
            _inputOwners = new string[hardware.Inputs.Count];
            _adcOwners = new string[hardware.Adc.ChannelCount];
            _ledOwners = new string[hardware.Leds.LedCount];
            _ringOwners = new string[hardware.Leds.RingCount];
            _motorOwners = new string[hardware.Motors.MotorCount];
        }

        /// <summary>Throws <see cref="SurfaceConfigException"/> listing every problem, or returns when the configuration works.</summary>
        public static void Validate(SurfaceConfig config, SurfaceHardware hardware)
        {
            if (config == null)
            {
                throw new SurfaceConfigException("surface configuration is invalid:\n - no configuration given");
            }

            ConfigValidator v = new ConfigValidator(config, hardware);
            v.Run();
            if (v._problemCount > 0)
            {
                throw new SurfaceConfigException("surface configuration is invalid (" + v._problemCount.ToString()
                    + " problem" + (v._problemCount == 1 ? "" : "s") + "):" + v._problems);
            }
        }

        private void Run()
        {
            PinMap p = _config.Pins;
            if (p == null || _config.Network == null || _config.Tuning == null)
            {
                Problem("pins, network and tuning sections are all required");
                return;
            }

            if (_config.Profile == ProfileNames.FaderDesk)
            {
                CheckFaderDesk(p);
            }
            else if (_config.Profile == ProfileNames.MasteringPanel)
            {
                CheckMasteringPanel(p);
            }
            else
            {
                Problem("unknown profile '" + _config.Profile + "' (expected '" + ProfileNames.FaderDesk + "' or '"
                    + ProfileNames.MasteringPanel + "')");
            }

            CheckLed(p.LinkLed, "link LED");
            CheckNetwork(_config.Network);
            CheckTuning(_config.Tuning);
        }

        private void CheckFaderDesk(PinMap p)
        {
            int n = SurfaceConfig.StripCount;
            if (Length(p.FaderAdcChannels, n, "FaderAdcChannels") && Length(p.FaderMotors, n, "FaderMotors")
                && Length(p.FaderTouchInputs, n, "FaderTouchInputs"))
            {
                for (int s = 0; s < n; s++)
                {
                    string strip = "strip " + (s + 1).ToString();
                    CheckAdc(p.FaderAdcChannels[s], strip + " fader");
                    if (p.FaderMotors[s] >= 0)
                    {
                        Claim(_motorOwners, p.FaderMotors[s], strip + " motor", "motor");
                    }

                    if (p.FaderTouchInputs[s] >= 0)
                    {
                        CheckInput(p.FaderTouchInputs[s], strip + " touch");
                    }
                    else if (p.FaderMotors[s] >= 0)
                    {
                        Problem(strip + " has a motor but no touch input: the motor would fight the hand");
                    }
                }
            }

            if (p.MasterFaderAdcChannel >= 0)
            {
                CheckAdc(p.MasterFaderAdcChannel, "master fader");
            }

            int slots = n + (p.MasterFaderAdcChannel >= 0 ? 1 : 0);
            CheckCalibration(p, slots);
            CheckInputs(p.MuteButtons, n, "MuteButtons", "mute");
            CheckInputs(p.SoloButtons, n, "SoloButtons", "solo");
            CheckInputs(p.SelectButtons, n, "SelectButtons", "select");
            CheckInput(p.BankPrevButton, "bank down button");
            CheckInput(p.BankNextButton, "bank up button");
            CheckInputs(p.LayerButtons, 3, "LayerButtons", "layer button");
            if (p.SendsOnFaderButton >= 0)
            {
                CheckInput(p.SendsOnFaderButton, "sends on fader button");
            }

            if (p.EncoderPageButton >= 0)
            {
                CheckInput(p.EncoderPageButton, "encoder page button");
            }

            CheckLed(p.SendsOnFaderLed, "sends on fader LED");

            CheckInputs(p.EncoderA, n, "EncoderA", "pan encoder A of strip");
            CheckInputs(p.EncoderB, n, "EncoderB", "pan encoder B of strip");
            CheckLeds(p.MuteLeds, n, "MuteLeds", "mute LED");
            CheckLeds(p.SoloLeds, n, "SoloLeds", "solo LED");
            CheckLeds(p.SelectLeds, n, "SelectLeds", "select LED");
            CheckLeds(p.LayerLeds, 3, "LayerLeds", "layer LED");
            CheckRings(p.EncoderRings, n);
        }

        private void CheckMasteringPanel(PinMap p)
        {
            int n = SurfaceConfig.MasteringEncoderCount;
            bool pots = p.PotAdcChannels != null && p.PotAdcChannels.Length > 0;
            bool pushes = p.EncoderPushButtons != null && p.EncoderPushButtons.Length > 0;
            if (!pots)
            {
                CheckInputs(p.EncoderA, n, "EncoderA", "encoder A of");
                CheckInputs(p.EncoderB, n, "EncoderB", "encoder B of");
            }
            else if (Length(p.EncoderA, n, "EncoderA") && Length(p.EncoderB, n, "EncoderB") && Length(p.PotAdcChannels, n, "PotAdcChannels"))
            {
                for (int e = 0; e < n; e++)
                {
                    string control = "control " + (e + 1).ToString();
                    if (p.EncoderA[e] >= 0 || p.EncoderB[e] >= 0)
                    {
                        CheckInput(p.EncoderA[e], "encoder A of " + control);
                        CheckInput(p.EncoderB[e], "encoder B of " + control);
                        if (p.PotAdcChannels[e] >= 0)
                        {
                            Problem(control + " has both an encoder and a pot: they would fight over one parameter");
                        }
                    }

                    if (p.PotAdcChannels[e] >= 0)
                    {
                        CheckAdc(p.PotAdcChannels[e], "pot of " + control);
                    }
                }
            }

            if (pushes && Length(p.EncoderPushButtons, n, "EncoderPushButtons"))
            {
                for (int e = 0; e < n; e++)
                {
                    if (p.EncoderPushButtons[e] >= 0)
                    {
                        CheckInput(p.EncoderPushButtons[e], "encoder push of control " + (e + 1).ToString());
                    }
                }
            }

            CheckInput(p.AbButton, "A/B button");
            CheckInput(p.BypassButton, "bypass button");
            if (p.EncoderPageButton >= 0)
            {
                CheckInput(p.EncoderPageButton, "page button");
            }

            CheckLed(p.AbLed, "A/B LED");
            CheckLed(p.BypassLed, "bypass LED");
            CheckRings(p.EncoderRings, n);
        }

        private void CheckCalibration(PinMap p, int slots)
        {
            int full = _hardware.Adc.FullScale;
            bool hasMin = p.FaderCalibrationMin != null && p.FaderCalibrationMin.Length > 0;
            bool hasMax = p.FaderCalibrationMax != null && p.FaderCalibrationMax.Length > 0;
            if (!hasMin && !hasMax)
            {
                return;
            }

            if (!hasMin || !hasMax || p.FaderCalibrationMin.Length != slots || p.FaderCalibrationMax.Length != slots)
            {
                Problem("fader calibration needs " + slots.ToString() + " minimum and " + slots.ToString()
                    + " maximum readings (strips, then master)");
                return;
            }

            for (int i = 0; i < slots; i++)
            {
                int lo = p.FaderCalibrationMin[i];
                int hi = p.FaderCalibrationMax[i];
                string name = i < SurfaceConfig.StripCount ? "strip " + (i + 1).ToString() + " fader" : "master fader";
                if (lo < 0 || hi > full || hi - lo < full / 4)
                {
                    Problem(name + " calibration " + lo.ToString() + ".." + hi.ToString()
                        + " is outside 0.." + full.ToString() + " or spans less than a quarter of it");
                }
            }
        }

        private void CheckNetwork(NetworkConfig n)
        {
            if (n.Transport == NetworkConfig.Udp)
            {
                if (!IsIpv4(n.HostAddress))
                {
                    Problem("host address '" + n.HostAddress + "' is not a dotted IPv4 address");
                }

                if (n.HostPort < 1 || n.HostPort > 65535)
                {
                    Problem("host port " + n.HostPort.ToString() + " is outside 1..65535");
                }

                if (n.LocalPort < 1 || n.LocalPort > 65535)
                {
                    Problem("local port " + n.LocalPort.ToString() + " is outside 1..65535");
                }

                if (n.WifiSsid == null || n.WifiSsid.Length == 0 || n.WifiSsid.Length > 32)
                {
                    Problem("Wi-Fi SSID must be 1..32 characters");
                }
            }
            else if (n.Transport == NetworkConfig.Serial)
            {
                if (n.SerialPort == null || n.SerialPort.Length < 4 || n.SerialPort.Substring(0, 3) != "COM")
                {
                    Problem("serial port '" + n.SerialPort + "' must be named COMn");
                }

                if (n.BaudRate < 9600)
                {
                    Problem("baud rate " + n.BaudRate.ToString() + " is below 9600");
                }
            }
            else
            {
                Problem("transport '" + n.Transport + "' is neither 'udp' nor 'serial'");
            }

            if (n.PairKey != null && n.PairKey.Length < NetworkConfig.MinPairKeyBytes)
            {
                Problem("pairing key has " + n.PairKey.Length.ToString() + " bytes; the host needs at least "
                    + NetworkConfig.MinPairKeyBytes.ToString());
            }
        }

        private void CheckTuning(SurfaceTuning t)
        {
            if (t.ScanPeriodMs < 1)
            {
                Problem("scan period must be at least 1 ms");
            }

            if (t.DebounceMs < 2 || t.DebounceMs > 100)
            {
                Problem("debounce " + t.DebounceMs.ToString() + " ms is outside 2..100 ms");
            }

            if (t.LongPressMs <= t.DebounceMs)
            {
                Problem("long press must be longer than the debounce time");
            }

            if (t.Encoders.StepsPerDetent != 2 && t.Encoders.StepsPerDetent != 4)
            {
                Problem("encoder steps per detent must be 2 or 4");
            }

            if (t.Faders.SmoothingShift < 0 || t.Faders.SmoothingShift > 6)
            {
                Problem("fader smoothing shift must be 0..6");
            }

            if (t.Faders.HysteresisSteps < 1)
            {
                Problem("fader hysteresis must be at least 1 step");
            }

            if (t.Link.XRemoteRenewMs < 1000 || t.Link.XRemoteRenewMs >= 10000)
            {
                Problem("/xremote renewal must be 1..9.999 s: the host drops a subscription after 10 s");
            }

            if (t.Link.BackoffMinMs < 1 || t.Link.BackoffMaxMs < t.Link.BackoffMinMs)
            {
                Problem("reconnect back-off needs 1 <= minimum <= maximum");
            }

            if (t.EncoderStep <= 0 || t.EncoderStep > 0.25f)
            {
                Problem("encoder step must be in (0, 0.25]");
            }
        }

        private bool Length(int[] a, int n, string field)
        {
            if (a == null || a.Length != n)
            {
                Problem(field + " needs " + n.ToString() + " entries, has " + (a == null ? 0 : a.Length).ToString());
                return false;
            }

            return true;
        }

        private void CheckInputs(int[] a, int n, string field, string label)
        {
            if (!Length(a, n, field))
            {
                return;
            }

            for (int i = 0; i < n; i++)
            {
                CheckInput(a[i], label + " " + (i + 1).ToString());
            }
        }

        private void CheckInput(int input, string owner)
        {
            if (input < 0 || input >= _inputOwners.Length)
            {
                Problem(owner + " uses digital input " + input.ToString() + " but the inputs are 0.."
                    + (_inputOwners.Length - 1).ToString());
                return;
            }

            Claim(_inputOwners, input, owner, "digital input");
        }

        private void CheckAdc(int channel, string owner)
        {
            if (channel < 0 || channel >= _adcOwners.Length)
            {
                Problem(owner + " uses ADC channel " + channel.ToString() + " but the channels are 0.."
                    + (_adcOwners.Length - 1).ToString());
                return;
            }

            Claim(_adcOwners, channel, owner, "ADC channel");
        }

        private void CheckLeds(int[] a, int n, string field, string label)
        {
            if (!Length(a, n, field))
            {
                return;
            }

            for (int i = 0; i < n; i++)
            {
                CheckLed(a[i], label + " " + (i + 1).ToString());
            }
        }

        private void CheckLed(int led, string owner)
        {
            if (led < 0)
            {
                return;
            }

            if (led >= _ledOwners.Length)
            {
                Problem(owner + " uses LED " + led.ToString() + " but the LEDs are 0.." + (_ledOwners.Length - 1).ToString());
                return;
            }

            Claim(_ledOwners, led, owner, "LED");
        }

        private void CheckRings(int[] rings, int n)
        {
            if (rings == null || rings.Length == 0)
            {
                return;
            }

            if (!Length(rings, n, "EncoderRings"))
            {
                return;
            }

            for (int i = 0; i < n; i++)
            {
                if (rings[i] < 0)
                {
                    continue;
                }

                if (rings[i] >= _ringOwners.Length)
                {
                    Problem("encoder " + (i + 1).ToString() + " uses LED ring " + rings[i].ToString()
                        + " but the rings are 0.." + (_ringOwners.Length - 1).ToString());
                    continue;
                }

                Claim(_ringOwners, rings[i], "encoder " + (i + 1).ToString(), "LED ring");
            }
        }

        private void Claim(string[] owners, int index, string owner, string resource)
        {
            if (index < 0 || index >= owners.Length)
            {
                Problem(owner + " uses " + resource + " " + index.ToString() + " but there are only "
                    + owners.Length.ToString());
                return;
            }

            if (owners[index] != null)
            {
                Problem(resource + " " + index.ToString() + " is used by both " + owners[index] + " and " + owner);
                return;
            }

            owners[index] = owner;
        }

        private void Problem(string text)
        {
            _problemCount++;
            _problems = _problems + "\n - " + text;
        }

        private static bool IsIpv4(string s)
        {
            if (s == null || s.Length < 7 || s.Length > 15)
            {
                return false;
            }

            int parts = 0;
            int value = -1;
            for (int i = 0; i <= s.Length; i++)
            {
                if (i == s.Length || s[i] == '.')
                {
                    if (value < 0 || value > 255)
                    {
                        return false;
                    }

                    parts++;
                    value = -1;
                }
                else if (s[i] >= '0' && s[i] <= '9')
                {
                    value = (value < 0 ? 0 : value * 10) + (s[i] - '0');
                }
                else
                {
                    return false;
                }
            }

            return parts == 4;
        }
    }
}
