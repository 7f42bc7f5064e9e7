using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Link;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Output;

namespace MixConsole.ControlSurface.Engine
{
    /// <summary>
    /// The control surface: validates the configuration, owns the link and the profile behaviour, and runs one
    /// scan per call to <see cref="Scan"/> (1 kHz on the ESP32). Everything is allocated in the constructor;
    /// <see cref="Scan"/> allocates nothing.
    /// </summary>
    public sealed class SurfaceEngine : IOscMessageSink
    {
        private const int ParameterCapacity = 360;

        private readonly SurfaceHardware _hardware;
        private readonly SurfaceConfig _config;
        private readonly ISurfaceProfile _profile;
        private readonly ResyncQueue _resync;
        private readonly ResyncQueue _afterHold;
        private long _afterHoldDueMs;
        private long _nowMs;
        private long _lastDisplayMs;
        private long _lastLedMs;

        /// <summary>
        /// Validates <paramref name="config"/> against <paramref name="hardware"/> (throws
        /// <see cref="SurfaceConfigException"/> listing every problem) and builds the surface.
        /// </summary>
        public SurfaceEngine(SurfaceConfig config, SurfaceHardware hardware)
        {
            if (hardware == null)
            {
                throw new System.ArgumentNullException(nameof(hardware));
            }

            ConfigValidator.Validate(config, hardware);
            _config = config;
            _hardware = hardware;
            Parameters = new ParameterBook(ParameterCapacity);
            Parameters.Register(OscPaths.Info, ParameterKind.Link);
            Leds = new LedOutputs(hardware.Leds);
            Link = new OscLink(hardware.Transport, config.Tuning.Link, config.Network.PairKey, this);
            if (config.Profile == ProfileNames.FaderDesk)
            {
                FaderDesk = new FaderDeskSurface(this);
                _profile = FaderDesk;
            }
            else
            {
                MasteringPanel = new MasteringPanelSurface(this);
                _profile = MasteringPanel;
            }

            Parameters.Seal();
            _resync = new ResyncQueue(Parameters.Count);
            _afterHold = new ResyncQueue(Parameters.Count);
            _lastDisplayMs = long.MinValue / 2;
            _lastLedMs = long.MinValue / 2;
        }

        /// <summary>The configuration in use.</summary>
        public SurfaceConfig Config => _config;

        /// <summary>The hardware ports.</summary>
        public SurfaceHardware Hardware => _hardware;

        /// <summary>Every address the surface knows with the host's last values.</summary>
        public ParameterBook Parameters { get; }

        /// <summary>The connection to the host.</summary>
        public OscLink Link { get; }

        /// <summary>LED state (change-detected).</summary>
        public LedOutputs Leds { get; }

        /// <summary>Fader desk behaviour, null for the mastering panel.</summary>
        public FaderDeskSurface FaderDesk { get; }

        /// <summary>Mastering panel behaviour, null for the fader desk.</summary>
        public MasteringPanelSurface MasteringPanel { get; }

        /// <summary>Scans run since start-up.</summary>
        public long ScanCount { get; private set; }

        /// <summary>Time of the current scan.</summary>
        public long NowMs => _nowMs;

        /// <summary>Queries still waiting to be sent after a connect or bank change.</summary>
        public int PendingResync => _resync.Count;

        /// <summary>Messages for addresses the surface does not know (ignored).</summary>
        public int UnknownMessages { get; private set; }

        /// <summary>Starts connecting to the host; call once before the first scan.</summary>
        public void Start()
        {
            _nowMs = _hardware.Clock.NowMs;
            Link.Start(_nowMs);
            _profile.UpdateLeds();
            _profile.UpdateDisplay();
            Leds.Flush();
            _hardware.Display.Flush();
        }

        /// <summary>One scan: inputs, motor loops, link, resync pacing, LEDs, display.</summary>
        public void Scan()
        {
            _nowMs = _hardware.Clock.NowMs;
            _hardware.Inputs.Refresh();
            _profile.ScanInputs(_nowMs);
            if (Link.Service(_nowMs))
            {
                _resync.Clear();
                _profile.OnConnected(_resync);
                _profile.QueueVisible(_resync);
            }

            if (Link.IsConnected)
            {
                int id;
                if (_afterHold.Count > 0 && _nowMs >= _afterHoldDueMs)
                {
                    while (_afterHold.TryDequeue(out id))
                    {
                        _resync.Enqueue(id);
                    }
                }

                for (int i = 0; i < _config.Tuning.Link.ResyncQueriesPerScan && _resync.TryDequeue(out id); i++)
                {
                    Link.SendQuery(Parameters.Address(id));
                }
            }

            if (_nowMs - _lastLedMs >= _config.Tuning.LedRefreshMs)
            {
                _lastLedMs = _nowMs;
                _profile.UpdateLeds();
                Leds.Flush();
            }

            if (_nowMs - _lastDisplayMs >= _config.Tuning.DisplayRefreshMs)
            {
                _lastDisplayMs = _nowMs;
                _profile.UpdateDisplay();
                _hardware.Display.Flush();
            }

            ScanCount++;
        }

        /// <inheritdoc/>
        public void OnMessage(OscMessage message)
        {
            int id = Parameters.Find(message);
            if (id < 0)
            {
                UnknownMessages++;
                return;
            }

            ParameterKind kind = Parameters.Kind(id);
            if (kind == ParameterKind.NameList)
            {
                // An empty list is an answer too: no names.
                _profile.OnList(id, message);
                return;
            }

            if (kind == ParameterKind.Link || message.ArgumentCount == 0)
            {
                return;
            }

            _profile.OnAnswer(id);
            if (kind == ParameterKind.Name)
            {
                if (Parameters.StoreName(id, message, 0))
                {
                    _profile.OnHostValue(id, _nowMs);
                }

                return;
            }

            long heldUntilMs = Parameters.LocalChangeMs(id) + _config.Tuning.Link.FeedbackHoldMs;
            if (_nowMs < heldUntilMs)
            {
                // A late echo of the surface's own change: applying it would drag the control backwards. It may also
                // be another client's later move, which no echo repeats: ask once the hold is over.
                _afterHold.Enqueue(id);
                _afterHoldDueMs = heldUntilMs > _afterHoldDueMs ? heldUntilMs : _afterHoldDueMs;
                return;
            }

            float value;
            if (kind == ParameterKind.Level)
            {
                if (!message.TryGetFloat(0, out value))
                {
                    return;
                }

                value = value < 0 ? 0 : (value > 1 ? 1 : value);
            }
            else
            {
                int i;
                if (!message.TryGetInt(0, out i))
                {
                    return;
                }

                value = i;
            }

            if (Parameters.IsKnown(id) && Parameters.Value(id) == value)
            {
                return;
            }

            Parameters.StoreHostValue(id, value);
            _profile.OnHostValue(id, _nowMs);
        }

        /// <summary>Queues queries for every visible control (used after a bank change).</summary>
        internal void QueueVisible()
        {
            _profile.QueueVisible(_resync);
        }

        /// <summary>Sends a level and records it as the surface's own change; false when the link is down.</summary>
        internal bool SendLevel(int id, float value)
        {
            if (!Link.SendFloat(Parameters.Address(id), value))
            {
                return false;
            }

            Parameters.StoreLocalValue(id, value, _nowMs);
            return true;
        }

        /// <summary>Sends a switch or index and records it as the surface's own change; false when the link is down.</summary>
        internal bool SendInt(int id, int value)
        {
            if (!Link.SendInt(Parameters.Address(id), value))
            {
                return false;
            }

            Parameters.StoreLocalValue(id, value, _nowMs);
            return true;
        }
    }
}
