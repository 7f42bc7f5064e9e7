using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Input;
using MixConsole.ControlSurface.Link;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Output;

namespace MixConsole.ControlSurface.Engine
{
    /// <summary>
    /// The "fader-desk" profile: eight strips (fader, pan encoder with ring, mute/solo/select), a master fader,
    /// bank and layer buttons over the console's channels, buses and DCAs (up to 32, 16 and 8; the host's answers to
    /// size probes at connect tell how many: no phantom strips), sends on fader (the channel faders flipped to one
    /// bus's sends) and encoder pages with the selected channel's EQ, high-pass, gate and compressor. Motorised
    /// faders follow the host; faders without motors use soft takeover.
    /// </summary>
    public sealed class FaderDeskSurface : ISurfaceProfile
    {
        /// <summary>Strips on the desk.</summary>
        public const int Strips = SurfaceConfig.StripCount;

        private const int RoleNone = 0;
        private const int RoleFader = 1;
        private const int RoleOn = 2;
        private const int RolePan = 3;
        private const int RoleSolo = 4;
        private const int RoleName = 5;
        private const int RoleSelect = 6;
        private const int RoleMain = 7;
        private const int RoleSend = 8;

        private const int ButtonMute = 0;
        private const int ButtonSolo = Strips;
        private const int ButtonSelect = 2 * Strips;
        private const int ButtonBankPrev = 3 * Strips;
        private const int ButtonBankNext = ButtonBankPrev + 1;
        private const int ButtonLayer = ButtonBankNext + 1;
        private const int ButtonSends = ButtonLayer + 3;
        private const int ButtonPage = ButtonSends + 1;
        private const int ButtonCount = ButtonPage + 1;

        private const int ScenePage = ChannelStripEncoders.PageCount + 1;

        private static readonly int[] LayerSizes = { 32, 16, 8 };

        private readonly SurfaceEngine _engine;
        private readonly ParameterBook _book;
        private readonly IFaderAdc _adc;
        private readonly IDigitalInputs _inputs;
        private readonly IDisplay _display;
        private readonly PinMap _pins;
        private readonly SurfaceTuning _tuning;
        private readonly FaderScanner _faders;
        private readonly QuadratureDecoder _encoders;
        private readonly ButtonDebouncer _buttons;
        private readonly TouchSensor _touch;
        private readonly MotorFaderController _motors;
        private readonly SoftTakeover _takeover;
        private readonly int[] _buttonInputs;
        private readonly int[] _faderAdc;
        private readonly bool[] _handOwned;
        private readonly int[][] _faderIds;
        private readonly int[][] _onIds;
        private readonly int[][] _panIds;
        private readonly int[][] _soloIds;
        private readonly int[][] _nameIds;
        private readonly int[] _roleOfId;
        private readonly int[] _layerOfId;
        private readonly int[] _targetOfId;
        private readonly int[] _bankOfLayer = new int[3];
        private readonly int[] _sizes = new int[3];
        private readonly int[] _probeIds = new int[3];
        private readonly int[] _sendIds = new int[Strips];
        private readonly ChannelStripEncoders _strip;
        private readonly SceneKeys _scenes;
        private readonly TextLine[] _lines;
        private readonly int _selectId;
        private readonly int _mainId;
        private readonly int _masterSlot;
        private int _layer;
        private int _sendsBus;
        private int _lastSendsBus = 1;
        private int _page;

        internal FaderDeskSurface(SurfaceEngine engine)
        {
            _engine = engine;
            _book = engine.Parameters;
            _adc = engine.Hardware.Adc;
            _inputs = engine.Hardware.Inputs;
            _display = engine.Hardware.Display;
            _pins = engine.Config.Pins;
            _tuning = engine.Config.Tuning;

            _faderIds = new int[3][];
            _onIds = new int[3][];
            _panIds = new int[3][];
            _soloIds = new int[3][];
            _nameIds = new int[3][];
            RegisterLayer(0, OscPaths.ChannelFader, OscPaths.ChannelOn, OscPaths.ChannelPan, OscPaths.ChannelName, OscPaths.ChannelSoloBase);
            RegisterLayer(1, OscPaths.BusFader, OscPaths.BusOn, OscPaths.BusPan, OscPaths.BusName, OscPaths.BusSoloBase);
            RegisterLayer(2, OscPaths.DcaFader, OscPaths.DcaOn, null, OscPaths.DcaName, OscPaths.DcaSoloBase);
            _selectId = _book.Register(OscPaths.SelectIndex, ParameterKind.Index);
            _mainId = _pins.MasterFaderAdcChannel >= 0 ? _book.Register(OscPaths.MainFader, ParameterKind.Level) : -1;
            for (int l = 0; l < 3; l++)
            {
                _probeIds[l] = _book.Register(OscPaths.SizeProbes[l], ParameterKind.Link);
            }

            for (int s = 0; s < Strips; s++)
            {
                _sendIds[s] = _book.Register(OscPaths.Expand(OscPaths.Expand(OscPaths.ChannelSend, s + 1), 1), ParameterKind.Level);
            }

            _strip = new ChannelStripEncoders(_book);
            _scenes = new SceneKeys(engine, _book);

            _roleOfId = new int[_book.Count];
            _layerOfId = new int[_book.Count];
            _targetOfId = new int[_book.Count];
            for (int layer = 0; layer < 3; layer++)
            {
                for (int t = 0; t < LayerSizes[layer]; t++)
                {
                    MapId(_faderIds[layer][t], RoleFader, layer, t);
                    MapId(_onIds[layer][t], RoleOn, layer, t);
                    MapId(_panIds[layer][t], RolePan, layer, t);
                    MapId(_soloIds[layer][t], RoleSolo, layer, t);
                    MapId(_nameIds[layer][t], RoleName, layer, t);
                }
            }

            for (int s = 0; s < Strips; s++)
            {
                MapId(_sendIds[s], RoleSend, 0, s);
            }

            MapId(_selectId, RoleSelect, 0, 0);
            MapId(_mainId, RoleMain, 0, 0);

            _masterSlot = _pins.MasterFaderAdcChannel >= 0 ? Strips : -1;
            int slots = Strips + (_masterSlot >= 0 ? 1 : 0);
            _faderAdc = new int[slots];
            _faders = new FaderScanner(slots, _adc.FullScale, _tuning.Faders);
            for (int s = 0; s < slots; s++)
            {
                _faderAdc[s] = s < Strips ? _pins.FaderAdcChannels[s] : _pins.MasterFaderAdcChannel;
                if (_pins.FaderCalibrationMin.Length == slots)
                {
                    _faders.SetCalibration(s, _pins.FaderCalibrationMin[s], _pins.FaderCalibrationMax[s]);
                }
            }

            _takeover = new SoftTakeover(slots, _tuning.TakeoverToleranceSteps);
            _touch = new TouchSensor(Strips, _tuning.TouchHoldMs);
            _handOwned = new bool[Strips];
            _motors = new MotorFaderController(engine.Hardware.Motors, _tuning.Motors);
            _encoders = new QuadratureDecoder(Strips, _tuning.Encoders);
            _buttons = new ButtonDebouncer(ButtonCount, _tuning.DebounceMs, _tuning.LongPressMs);
            _buttonInputs = new int[ButtonCount];
            for (int s = 0; s < Strips; s++)
            {
                _buttonInputs[ButtonMute + s] = _pins.MuteButtons[s];
                _buttonInputs[ButtonSolo + s] = _pins.SoloButtons[s];
                _buttonInputs[ButtonSelect + s] = _pins.SelectButtons[s];
            }

            _buttonInputs[ButtonBankPrev] = _pins.BankPrevButton;
            _buttonInputs[ButtonBankNext] = _pins.BankNextButton;
            for (int l = 0; l < 3; l++)
            {
                _buttonInputs[ButtonLayer + l] = _pins.LayerButtons[l];
            }

            _buttonInputs[ButtonSends] = _pins.SendsOnFaderButton;
            _buttonInputs[ButtonPage] = _pins.EncoderPageButton;

            _lines = new TextLine[_display.Lines];
            for (int i = 0; i < _lines.Length; i++)
            {
                _lines[i] = new TextLine(_display.Columns);
            }
        }

        /// <summary>Layer the strips show.</summary>
        public Layer Layer => (Layer)_layer;

        /// <summary>Bank within the layer (0-based; bank b shows targets 8b+1..8b+8).</summary>
        public int Bank => _bankOfLayer[_layer];

        /// <summary>Banks in the current layer (at least one, until the host told its size).</summary>
        public int BankCount => _sizes[_layer] > Strips ? (_sizes[_layer] + Strips - 1) / Strips : 1;

        /// <summary>Channels, buses or DCAs the connected console has on <paramref name="layer"/> (0 until it answered).</summary>
        public int LayerSize(Layer layer)
        {
            return _sizes[(int)layer];
        }

        /// <summary>True when strip <paramref name="strip"/> shows something the console has (false: a blank strip).</summary>
        public bool HasTarget(int strip)
        {
            return Target(strip) < _sizes[_layer];
        }

        /// <summary>1-based bus whose sends the channel faders show, 0 when they show the channel faders.</summary>
        public int SendsBus => _sendsBus;

        /// <summary>Encoder page: 0 = pans, 1..4 = the selected channel's EQ, EQ Q/HPF, gate, compressor, 5 = scenes.</summary>
        public int EncoderPage => _page;

        /// <summary>The scene slot the scenes page points at (0-99).</summary>
        public int SceneSlot => _scenes.Slot;

        /// <summary>The scene the host last recalled, -1 until it told.</summary>
        public int CurrentScene => _scenes.Current;

        private bool OnChannelPage => _page > 0 && _page < ScenePage;

        /// <summary>1-based channel the encoder pages control, 0 when no channel is selected.</summary>
        public int SelectedChannel
        {
            get
            {
                int selected = _book.IsKnown(_selectId) ? (int)_book.Value(_selectId) : -1;
                int channel = selected - OscPaths.ChannelSelectBase + 1;
                return channel >= 1 && channel <= _sizes[0] ? channel : 0;
            }
        }

        /// <summary>1-based number (channel, bus or DCA) strip <paramref name="strip"/> controls.</summary>
        public int StripTarget(int strip)
        {
            return (Bank * Strips) + strip + 1;
        }

        /// <summary>True when strip <paramref name="strip"/> has a motorised fader.</summary>
        public bool IsMotorised(int strip)
        {
            return _pins.FaderMotors[strip] >= 0;
        }

        /// <summary>Stable 10-bit fader value of strip <paramref name="strip"/> (8 = master).</summary>
        public int FaderValue(int strip)
        {
            return _faders.Stable(strip);
        }

        /// <summary>Motor target (10-bit) of strip <paramref name="strip"/>'s fader.</summary>
        public int MotorTarget(int strip)
        {
            return _motors.Target(_pins.FaderMotors[strip]);
        }

        /// <summary>True while strip <paramref name="strip"/>'s motor is moving.</summary>
        public bool IsMotorMoving(int strip)
        {
            return _motors.IsMoving(_pins.FaderMotors[strip]);
        }

        /// <summary>Moves abandoned on timeout for strip <paramref name="strip"/>'s motor.</summary>
        public int MotorStalls(int strip)
        {
            return _motors.Stalls(_pins.FaderMotors[strip]);
        }

        /// <summary>True when strip <paramref name="strip"/> (8 = master) is picked up and sends its moves.</summary>
        public bool IsEngaged(int strip)
        {
            return _takeover.IsEngaged(strip);
        }

        /// <summary>True while strip <paramref name="strip"/>'s fader knob counts as touched.</summary>
        public bool IsTouched(int strip)
        {
            return _touch.IsTouched(strip);
        }

        /// <summary>Parameter id of strip <paramref name="strip"/>'s fader in the current bank (its send in sends on fader).</summary>
        public int FaderId(int strip)
        {
            return _sendsBus > 0 ? _sendIds[strip] : _faderIds[_layer][Target(strip)];
        }

        /// <summary>Parameter id encoder <paramref name="encoder"/> turns on the current page, -1 when none.</summary>
        public int EncoderId(int encoder)
        {
            return _page == 0 ? PanId(encoder) : (OnChannelPage ? _strip.Id(_page - 1, encoder) : -1);
        }

        /// <summary>True when encoder <paramref name="encoder"/>'s ring lights from the centre (pans, gains).</summary>
        public bool IsEncoderBipolar(int encoder)
        {
            return _page == 0 || (OnChannelPage && ChannelStripEncoders.IsBipolar(_page - 1, encoder));
        }

        /// <summary>
        /// Flips the channel faders to bus <paramref name="bus"/>'s sends (1-based; 0 flips back to the channel
        /// faders): moving a fader sets /ch/NN/mix/BB/level and the motors follow the send levels.
        /// </summary>
        public void ShowSends(int bus)
        {
            if (bus < 0 || bus > LayerSizes[1] || bus == _sendsBus)
            {
                return;
            }

            _sendsBus = bus;
            if (bus > 0)
            {
                _lastSendsBus = bus;
                _layer = 0;
            }

            Rebind();
        }

        /// <summary>Shows encoder page <paramref name="page"/> (see <see cref="EncoderPage"/>).</summary>
        public void SelectEncoderPage(int page)
        {
            if (page < 0 || page > ScenePage || page == _page)
            {
                return;
            }

            _page = page;
            _engine.QueueVisible();
        }

        /// <summary>Parameter id of strip <paramref name="strip"/>'s on switch in the current bank.</summary>
        public int OnId(int strip)
        {
            return _onIds[_layer][Target(strip)];
        }

        /// <summary>Parameter id of strip <paramref name="strip"/>'s pan (-1 on DCAs).</summary>
        public int PanId(int strip)
        {
            return _panIds[_layer][Target(strip)];
        }

        /// <summary>Parameter id of strip <paramref name="strip"/>'s solo switch (a DCA's solos its members on the host).</summary>
        public int SoloId(int strip)
        {
            return _soloIds[_layer][Target(strip)];
        }

        /// <summary>Parameter id of the master fader, -1 when none.</summary>
        public int MainFaderId => _mainId;

        /// <summary>Steps to the next bank (wraps within the layer).</summary>
        public void NextBank()
        {
            SelectBank((Bank + 1) % BankCount);
        }

        /// <summary>Steps to the previous bank (wraps within the layer).</summary>
        public void PreviousBank()
        {
            SelectBank((Bank + BankCount - 1) % BankCount);
        }

        /// <summary>Shows bank <paramref name="bank"/> of the current layer (clamped).</summary>
        public void SelectBank(int bank)
        {
            if (bank < 0)
            {
                bank = 0;
            }
            else if (bank >= BankCount)
            {
                bank = BankCount - 1;
            }

            if (bank == _bankOfLayer[_layer])
            {
                return;
            }

            _bankOfLayer[_layer] = bank;
            Rebind();
        }

        /// <summary>Shows <paramref name="layer"/> at the bank it last showed.</summary>
        public void SelectLayer(Layer layer)
        {
            int l = (int)layer;
            if (l == _layer || l < 0 || l > 2)
            {
                return;
            }

            _layer = l;
            _sendsBus = 0;
            Rebind();
        }

        /// <inheritdoc/>
        public void ScanInputs(long nowMs)
        {
            int channel = SelectedChannel;
            if (channel > 0 && _strip.Follow(channel) && OnChannelPage)
            {
                _engine.QueueVisible();
            }

            for (int s = 0; s < _faderAdc.Length; s++)
            {
                _faders.Update(s, _adc.Read(_faderAdc[s]));
                if (s < Strips && _pins.FaderMotors[s] >= 0)
                {
                    ScanMotorFader(s, nowMs);
                }
                else
                {
                    ScanTakeoverFader(s, nowMs);
                }
            }

            for (int e = 0; e < Strips; e++)
            {
                int detents = _encoders.Update(e, _inputs.Read(_pins.EncoderA[e]), _inputs.Read(_pins.EncoderB[e]), nowMs);
                if (detents != 0)
                {
                    if (_page == 0)
                    {
                        TurnPan(e, detents);
                    }
                    else if (_page == ScenePage)
                    {
                        if (e == 0)
                        {
                            _scenes.Turn(detents);
                        }
                    }
                    else
                    {
                        TurnChannelControl(e, detents);
                    }
                }
            }

            for (int b = 0; b < ButtonCount; b++)
            {
                if (_buttonInputs[b] < 0)
                {
                    continue;
                }

                ButtonEvent ev = _buttons.Update(b, _inputs.Read(_buttonInputs[b]), nowMs);
                if (ev == ButtonEvent.Pressed || ev == ButtonEvent.LongPress)
                {
                    OnButton(b, ev == ButtonEvent.LongPress);
                }
            }
        }

        /// <inheritdoc/>
        public void OnConnected(ResyncQueue queue)
        {
            // The console may have changed while the link was down: learn its size again from the probes' answers.
            for (int l = 0; l < 3; l++)
            {
                _sizes[l] = 0;
                queue.Enqueue(_probeIds[l]);
            }
        }

        /// <inheritdoc/>
        public void OnList(int id, OscMessage message)
        {
        }

        /// <inheritdoc/>
        public void OnAnswer(int id)
        {
            int role = _roleOfId[id];
            // The X32's solo switches answer for all 80 strips whatever the console's size: they tell nothing of it.
            if (role >= RoleFader && role <= RoleName && role != RoleSolo)
            {
                int layer = _layerOfId[id];
                int size = _targetOfId[id] + 1;
                if (size > _sizes[layer])
                {
                    _sizes[layer] = size;
                }
            }
        }

        /// <inheritdoc/>
        public void OnHostValue(int id, long nowMs)
        {
            int role = _roleOfId[id];
            if (role == RoleMain)
            {
                _takeover.SetHostValue(_masterSlot, FaderScanner.StepsOf(_book.Value(id)), _faders.Stable(_masterSlot));
                return;
            }

            if (role == RoleSend)
            {
                if (_sendsBus > 0)
                {
                    ApplyHostFader(_targetOfId[id], id, nowMs);
                }

                return;
            }

            if (role != RoleFader || _layerOfId[id] != _layer || _sendsBus > 0)
            {
                return;
            }

            int target = _targetOfId[id];
            int strip = target - (Bank * Strips);
            if (strip < 0 || strip >= Strips)
            {
                return;
            }

            ApplyHostFader(strip, id, nowMs);
        }

        /// <inheritdoc/>
        public void QueueVisible(ResyncQueue queue)
        {
            for (int s = 0; s < Strips; s++)
            {
                int t = Target(s);
                queue.Enqueue(FaderId(s));
                if (OnChannelPage)
                {
                    int id = _strip.Id(_page - 1, s);
                    if (id >= 0)
                    {
                        queue.Enqueue(id);
                    }
                }

                queue.Enqueue(_onIds[_layer][t]);
                queue.Enqueue(_panIds[_layer][t]);
                queue.Enqueue(_soloIds[_layer][t]);
                queue.Enqueue(_nameIds[_layer][t]);
            }

            queue.Enqueue(_selectId);
            queue.Enqueue(_mainId);
            if (_page == ScenePage)
            {
                _scenes.QueueVisible(queue);
            }
        }

        /// <inheritdoc/>
        public void UpdateLeds()
        {
            LedOutputs leds = _engine.Leds;
            bool selectKnown = _book.IsKnown(_selectId);
            int selected = selectKnown ? (int)_book.Value(_selectId) : -1;
            int selectBase = _layer == 0 ? OscPaths.ChannelSelectBase : OscPaths.BusSelectBase;
            bool channelPage = OnChannelPage && SelectedChannel > 0;
            for (int s = 0; s < Strips; s++)
            {
                int t = Target(s);
                bool shown = t < _sizes[_layer];
                int on = _onIds[_layer][t];
                int solo = _soloIds[_layer][t];
                leds.Set(_pins.MuteLeds[s], shown && _book.IsKnown(on) && _book.Value(on) < 0.5f);
                leds.Set(_pins.SoloLeds[s], shown && solo >= 0 && _book.IsKnown(solo) && _book.Value(solo) >= 0.5f);
                leds.Set(_pins.SelectLeds[s], shown && _layer != 2 && selected == selectBase + t);
                if (_pins.EncoderRings.Length > 0)
                {
                    int id = EncoderId(s);
                    int ring = 0;
                    if (id >= 0 && _book.IsKnown(id) && (_page == 0 ? shown : channelPage))
                    {
                        ring = _page == 0 ? LedRing.FromCentre(_book.Value(id)) : _strip.Ring(_page - 1, s, _book.Value(id));
                    }

                    leds.SetRing(_pins.EncoderRings[s], ring);
                }
            }

            leds.Set(_pins.SendsOnFaderLed, _sendsBus > 0);

            for (int l = 0; l < 3; l++)
            {
                leds.Set(_pins.LayerLeds[l], l == _layer);
            }

            leds.Set(_pins.LinkLed, _engine.Link.IsConnected);
        }

        /// <inheritdoc/>
        public void UpdateDisplay()
        {
            if (_lines.Length == 0)
            {
                return;
            }

            TextLine header = _lines[0];
            header.Clear();
            int first = (Bank * Strips) + 1;
            int digits = _layer == 2 ? 1 : 2;
            int channel = SelectedChannel;
            if (_page == ScenePage)
            {
                header.Append("SCENES");
            }
            else if (_page > 0)
            {
                header.Append("CH");
                if (channel > 0)
                {
                    header.AppendNumber(channel, 2);
                }
                else
                {
                    header.Append("--");
                }

                header.Append(' ').Append(OscPaths.ChannelPageNames[_page - 1]);
            }
            else
            {
                if (_sendsBus > 0)
                {
                    header.Append('B').AppendNumber(_sendsBus, 2).Append(' ');
                }

                header.Append(_layer == 0 ? "CH " : (_layer == 1 ? "BUS " : "DCA "))
                    .AppendNumber(first, digits).Append('-').AppendNumber(first + Strips - 1, digits);
            }

            header.PadTo(_display.Columns - 4).Append(_engine.Link.IsConnected ? "LINK" : "----");
            header.Show(_display, 0);

            for (int row = 0; row < Strips / 2 && row + 1 < _lines.Length; row++)
            {
                TextLine line = _lines[row + 1];
                line.Clear();
                if (_page == ScenePage)
                {
                    _scenes.AppendRow(line, row);
                }
                else if (_page > 0 && channel == 0)
                {
                    line.Append(row == 0 ? "SELECT A CHANNEL" : "");
                }
                else if (_page > 0)
                {
                    _strip.AppendControl(line, _page - 1, row * 2);
                    line.PadTo(_display.Columns / 2);
                    _strip.AppendControl(line, _page - 1, (row * 2) + 1);
                }
                else
                {
                    AppendStripName(line, row * 2);
                    line.PadTo(_display.Columns / 2);
                    AppendStripName(line, (row * 2) + 1);
                }

                line.Show(_display, row + 1);
            }

            int pickupLine = (Strips / 2) + 1;
            if (pickupLine < _lines.Length)
            {
                TextLine line = _lines[pickupLine];
                line.Clear();
                bool any = false;
                for (int s = 0; s < Strips; s++)
                {
                    any |= _pins.FaderMotors[s] < 0;
                }

                if (any)
                {
                    line.Append("PICKUP ");
                    for (int s = 0; s < Strips; s++)
                    {
                        int dir = _pins.FaderMotors[s] >= 0 ? 0 : _takeover.PickupDirection(s, _faders.Stable(s));
                        line.Append(_pins.FaderMotors[s] >= 0 ? ' ' : (dir > 0 ? '^' : (dir < 0 ? 'v' : '=')));
                    }
                }

                line.Show(_display, pickupLine);
            }

            int statusLine = _lines.Length - 1;
            if (statusLine > pickupLine)
            {
                TextLine line = _lines[statusLine];
                line.Clear();
                if (!_engine.Link.IsConnected)
                {
                    line.Append("NO HOST - RETRY");
                }

                line.Show(_display, statusLine);
            }
        }

        private void ScanMotorFader(int s, long nowMs)
        {
            int motor = _pins.FaderMotors[s];
            bool touched = _touch.Update(s, _inputs.Read(_pins.FaderTouchInputs[s]), nowMs);
            _motors.Update(motor, _faders.Position(s), touched, nowMs);
            if (touched)
            {
                _handOwned[s] = true;
            }
            else if (_handOwned[s] && _faders.IsResting(s))
            {
                // The hand let go and the reading has settled: from now on moves come from the motor.
                _handOwned[s] = false;
            }

            int value;
            if (_handOwned[s])
            {
                if (_faders.TryTakeChange(s, nowMs, out value))
                {
                    SendFader(s, value);
                }
            }
            else
            {
                // Moves made by the motor are the host's own value coming back: never send them.
                _faders.MarkSent(s);
            }
        }

        private void ScanTakeoverFader(int s, long nowMs)
        {
            int stable = _faders.Stable(s);
            if (!_takeover.Update(s, stable))
            {
                _faders.MarkSent(s);
                return;
            }

            int value;
            if (_faders.TryTakeChange(s, nowMs, out value))
            {
                if (SendFader(s, value))
                {
                    _takeover.Sent(s, value);
                }
            }
        }

        private bool SendFader(int slot, int value)
        {
            if (slot != _masterSlot && !HasTarget(slot))
            {
                return false;
            }

            int id = slot == _masterSlot ? _mainId : FaderId(slot);
            return _engine.SendLevel(id, value / (float)FaderScanner.MaxValue);
        }

        private void TurnPan(int strip, int detents)
        {
            int id = _panIds[_layer][Target(strip)];
            if (id < 0 || !HasTarget(strip))
            {
                return;
            }

            float value = _book.IsKnown(id) ? _book.Value(id) : 0.5f;
            value += detents * _tuning.EncoderStep;
            value = value < 0 ? 0 : (value > 1 ? 1 : value);
            _engine.SendLevel(id, value);
        }

        private void TurnChannelControl(int encoder, int detents)
        {
            int id = _strip.Id(_page - 1, encoder);
            if (id < 0 || SelectedChannel == 0 || !_book.IsKnown(id))
            {
                // Nothing to turn until the host told where the control stands: a guess would jump it.
                return;
            }

            float value = _strip.Turned(_page - 1, encoder, _book.Value(id), detents);
            if (_book.Kind(id) == ParameterKind.Switch)
            {
                _engine.SendInt(id, (int)value);
            }
            else
            {
                _engine.SendLevel(id, value);
            }
        }

        private void OnButton(int b, bool longPress)
        {
            if (_page == ScenePage && b >= ButtonSelect && b < ButtonBankPrev)
            {
                // On the scenes page the select buttons are its keys (shown on the display).
                _scenes.OnSelect(b - ButtonSelect, longPress);
                return;
            }

            if (b < ButtonBankPrev && !HasTarget(b % Strips))
            {
                return;
            }

            if (b < ButtonSolo)
            {
                if (!longPress)
                {
                    int id = _onIds[_layer][Target(b - ButtonMute)];
                    bool unmuted = !_book.IsKnown(id) || _book.Value(id) >= 0.5f;
                    _engine.SendInt(id, unmuted ? 0 : 1);
                }
            }
            else if (b < ButtonSelect)
            {
                int id = _soloIds[_layer][Target(b - ButtonSolo)];
                if (!longPress && id >= 0)
                {
                    bool soloed = _book.IsKnown(id) && _book.Value(id) >= 0.5f;
                    _engine.SendInt(id, soloed ? 0 : 1);
                }
            }
            else if (b < ButtonBankPrev)
            {
                if (!longPress && _layer != 2)
                {
                    int selectBase = _layer == 0 ? OscPaths.ChannelSelectBase : OscPaths.BusSelectBase;
                    _engine.SendInt(_selectId, selectBase + Target(b - ButtonSelect));
                }
            }
            else if (b == ButtonBankPrev)
            {
                // Press steps one bank; holding jumps to the first.
                if (longPress)
                {
                    SelectBank(0);
                }
                else
                {
                    PreviousBank();
                }
            }
            else if (b == ButtonBankNext)
            {
                if (longPress)
                {
                    SelectBank(BankCount - 1);
                }
                else
                {
                    NextBank();
                }
            }
            else if (b == ButtonSends)
            {
                if (!longPress)
                {
                    // The selected bus, as on an X32; otherwise the bus flipped to last.
                    int selected = _book.IsKnown(_selectId) ? (int)_book.Value(_selectId) - OscPaths.BusSelectBase + 1 : 0;
                    ShowSends(_sendsBus > 0 ? 0 : (selected >= 1 && selected <= _sizes[1] ? selected : _lastSendsBus));
                }
            }
            else if (b == ButtonPage)
            {
                if (!longPress)
                {
                    SelectEncoderPage((_page + 1) % (ScenePage + 1));
                }
            }
            else if (!longPress)
            {
                SelectLayer((Layer)(b - ButtonLayer));
            }
        }

        private void Rebind()
        {
            long now = _engine.NowMs;
            for (int s = 0; s < Strips; s++)
            {
                if (_sendsBus > 0)
                {
                    _book.Renumber(_sendIds[s], OscPaths.ChannelDigitsOffset, Target(s) + 1);
                    _book.Renumber(_sendIds[s], OscPaths.SendBusDigitsOffset, _sendsBus);
                }

                int id = FaderId(s);
                if (_pins.FaderMotors[s] >= 0 && !HasTarget(s))
                {
                    // A blank strip parks its fader at the bottom.
                    _motors.MoveTo(_pins.FaderMotors[s], 0, _faders.Position(s), now);
                }
                else if (_pins.FaderMotors[s] >= 0)
                {
                    ApplyHostFader(s, id, now);
                }
                else if (_book.IsKnown(id))
                {
                    _takeover.SetHostValue(s, FaderScanner.StepsOf(_book.Value(id)), _faders.Stable(s));
                }
                else
                {
                    _takeover.Reset(s);
                }
            }

            _engine.QueueVisible();
        }

        private void ApplyHostFader(int strip, int id, long nowMs)
        {
            if (!_book.IsKnown(id))
            {
                return;
            }

            int steps = FaderScanner.StepsOf(_book.Value(id));
            int motor = _pins.FaderMotors[strip];
            if (motor >= 0)
            {
                // While a hand holds the fader, it wins: the host hears its moves and the motor stays off.
                if (!_touch.IsTouched(strip))
                {
                    _handOwned[strip] = false;
                    _motors.MoveTo(motor, steps, _faders.Position(strip), nowMs);
                }
            }
            else
            {
                _takeover.SetHostValue(strip, steps, _faders.Stable(strip));
            }
        }

        private void AppendStripName(TextLine line, int strip)
        {
            if (!HasTarget(strip))
            {
                return;
            }

            int t = Target(strip);
            line.AppendNumber(t + 1, 2).Append(' ');
            int nameId = _nameIds[_layer][t];
            int n = _book.NameLength(nameId);
            line.AppendUpper(_book.Name(nameId), n < 5 ? n : 5);
        }

        private int Target(int strip)
        {
            return (_bankOfLayer[_layer] * Strips) + strip;
        }

        private void RegisterLayer(int layer, string fader, string on, string pan, string name, int soloBase)
        {
            int n = LayerSizes[layer];
            _faderIds[layer] = new int[n];
            _onIds[layer] = new int[n];
            _panIds[layer] = new int[n];
            _soloIds[layer] = new int[n];
            _nameIds[layer] = new int[n];
            for (int t = 0; t < n; t++)
            {
                int number = t + 1;
                _faderIds[layer][t] = _book.Register(OscPaths.Expand(fader, number), ParameterKind.Level);
                _onIds[layer][t] = _book.Register(OscPaths.Expand(on, number), ParameterKind.Switch);
                _panIds[layer][t] = pan == null ? -1 : _book.Register(OscPaths.Expand(pan, number), ParameterKind.Level);
                _soloIds[layer][t] = _book.Register(OscPaths.Expand(OscPaths.SoloSwitch, soloBase + number), ParameterKind.Switch);
                _nameIds[layer][t] = _book.Register(OscPaths.Expand(name, number), ParameterKind.Name);
            }
        }

        private void MapId(int id, int role, int layer, int target)
        {
            if (id < 0)
            {
                return;
            }

            _roleOfId[id] = role;
            _layerOfId[id] = layer;
            _targetOfId[id] = target;
        }
    }
}
