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
    /// The "mastering-panel" profile: eight controls with LED rings on the mastering chain (input, tilt, low and
    /// high shelf, compression, width, target loudness, ceiling), A/B and bypass buttons with LEDs. Each control is
    /// an encoder (a push switch held while turning gives fine steps) or a pot (soft takeover, as a fader without motor).
    /// Values are the host's normalised 0..1 floats; the display shows them as a percentage of travel.
    /// An optional page button (<see cref="PinMap.EncoderPageButton"/>) steps the encoders through three pages: the
    /// main page above, the multiband page (each band's threshold and make-up, the two crossovers) and the presets page
    /// (<see cref="MasterPresetKeys"/>: any encoder picks; a long press of the page button there recalls the picked preset).
    /// </summary>
    public sealed class MasteringPanelSurface : ISurfaceProfile
    {
        /// <summary>Encoders on the panel.</summary>
        public const int Encoders = SurfaceConfig.MasteringEncoderCount;

        private const int ButtonAb = 0;
        private const int ButtonBypass = 1;
        private const int ButtonPage = 2;

        /// <summary>The main page: input, tilt, shelves, compression, width, target, ceiling.</summary>
        public const int PageMain = 0;

        /// <summary>The multiband page: each band's threshold and make-up gain, the two crossovers.</summary>
        public const int PageBands = 1;

        /// <summary>The presets page: encoder 1 picks a host preset, a long press of the page button recalls it.</summary>
        public const int PagePresets = 2;

        private const int Pages = 3;

        // A held push makes each detent a fifth of a step (0.1 % of travel with the panel's 0.5 % step).
        private const int FineDivisor = 5;

        private readonly SurfaceEngine _engine;
        private readonly ParameterBook _book;
        private readonly IDigitalInputs _inputs;
        private readonly IDisplay _display;
        private readonly PinMap _pins;
        private readonly SurfaceTuning _tuning;
        private readonly QuadratureDecoder _decoder;
        private readonly ButtonDebouncer _buttons;
        private readonly int[] _mainIds = new int[Encoders];
        private readonly int[] _bandIds = new int[Encoders];
        private readonly MasterPresetKeys _presets;
        private readonly int _abId;
        private readonly int _bypassId;
        private readonly TextLine[] _lines;
        private readonly IFaderAdc _adc;
        private readonly FaderScanner _pots;
        private readonly SoftTakeover _takeover;
        private int[] _paramIds;
        private string[] _labels;
        private int _page;
        private bool _pageLongPress;

        internal MasteringPanelSurface(SurfaceEngine engine)
        {
            _engine = engine;
            _book = engine.Parameters;
            _inputs = engine.Hardware.Inputs;
            _display = engine.Hardware.Display;
            _pins = engine.Config.Pins;
            _tuning = engine.Config.Tuning;
            for (int e = 0; e < Encoders; e++)
            {
                _mainIds[e] = _book.Register(OscPaths.MasteringEncoders[e], ParameterKind.Level);
                _bandIds[e] = _book.Register(OscPaths.MasteringBandEncoders[e], ParameterKind.Level);
            }

            _paramIds = _mainIds;
            _labels = OscPaths.MasteringLabels;
            _presets = new MasterPresetKeys(engine, _book);

            _abId = _book.Register(OscPaths.MasterAb, ParameterKind.Switch);
            _bypassId = _book.Register(OscPaths.MasterBypass, ParameterKind.Switch);
            _decoder = new QuadratureDecoder(Encoders, _tuning.Encoders);
            _buttons = new ButtonDebouncer(3, _tuning.DebounceMs, _tuning.LongPressMs);
            _adc = engine.Hardware.Adc;
            _pots = new FaderScanner(Encoders, _adc.FullScale, _tuning.Faders);
            _takeover = new SoftTakeover(Encoders, _tuning.TakeoverToleranceSteps);
            _lines = new TextLine[_display.Lines];
            for (int i = 0; i < _lines.Length; i++)
            {
                _lines[i] = new TextLine(_display.Columns);
            }
        }

        /// <summary>Parameter id of encoder <paramref name="encoder"/> on the page shown (the main page's on the presets page).</summary>
        public int ParameterId(int encoder)
        {
            return _paramIds[encoder];
        }

        /// <summary>The page shown: <see cref="PageMain"/>, <see cref="PageBands"/> or <see cref="PagePresets"/>.</summary>
        public int Page => _page;

        /// <summary>Names the presets page holds from the host's list, -1 until it answered.</summary>
        public int PresetCount => _presets.Count;

        /// <summary>Index of the preset the presets page points at.</summary>
        public int PresetPick => _presets.Pick;

        /// <summary>Parameter id of the A/B switch.</summary>
        public int AbId => _abId;

        /// <summary>Parameter id of the bypass switch.</summary>
        public int BypassId => _bypassId;

        /// <summary>Detents counted on encoder <paramref name="encoder"/> before acceleration.</summary>
        public int RawDetents(int encoder)
        {
            return _decoder.RawDetents(encoder);
        }

        /// <inheritdoc/>
        public void ScanInputs(long nowMs)
        {
            for (int e = 0; e < Encoders; e++)
            {
                if (HasPot(e))
                {
                    ScanPot(e, nowMs);
                }
                else if (_pins.EncoderA[e] >= 0)
                {
                    ScanEncoder(e, nowMs);
                }
            }

            if (_buttons.Update(ButtonAb, _inputs.Read(_pins.AbButton), nowMs) == ButtonEvent.Pressed)
            {
                Toggle(_abId);
            }

            if (_buttons.Update(ButtonBypass, _inputs.Read(_pins.BypassButton), nowMs) == ButtonEvent.Pressed)
            {
                Toggle(_bypassId);
            }

            if (_pins.EncoderPageButton >= 0)
            {
                ScanPageButton(nowMs);
            }
        }

        /// <inheritdoc/>
        public void OnConnected(ResyncQueue queue)
        {
        }

        /// <inheritdoc/>
        public void OnAnswer(int id)
        {
        }

        /// <inheritdoc/>
        public void OnList(int id, OscMessage message)
        {
            if (id == _presets.ListId)
            {
                _presets.OnList(message);
            }
        }

        /// <inheritdoc/>
        public void OnHostValue(int id, long nowMs)
        {
            for (int e = 0; e < Encoders; e++)
            {
                if (_paramIds[e] == id && HasPot(e) && _page != PagePresets)
                {
                    // Another client moved it: the pot must come back to the new value before it acts again.
                    _takeover.SetHostValue(e, FaderScanner.StepsOf(_book.Value(id)), _pots.Stable(e));
                }
            }
        }

        /// <inheritdoc/>
        public void QueueVisible(ResyncQueue queue)
        {
            if (_page == PagePresets)
            {
                _presets.QueueVisible(queue);
            }
            else
            {
                for (int e = 0; e < Encoders; e++)
                {
                    queue.Enqueue(_paramIds[e]);
                }
            }

            queue.Enqueue(_abId);
            queue.Enqueue(_bypassId);
        }

        /// <inheritdoc/>
        public void UpdateLeds()
        {
            LedOutputs leds = _engine.Leds;
            for (int e = 0; e < Encoders && e < _pins.EncoderRings.Length; e++)
            {
                int id = _paramIds[e];
                leds.SetRing(_pins.EncoderRings[e], _page != PagePresets && _book.IsKnown(id) ? LedRing.Fill(_book.Value(id)) : 0);
            }

            leds.Set(_pins.AbLed, _book.IsKnown(_abId) && _book.Value(_abId) >= 0.5f);
            leds.Set(_pins.BypassLed, _book.IsKnown(_bypassId) && _book.Value(_bypassId) >= 0.5f);
            leds.Set(_pins.LinkLed, _engine.Link.IsConnected);
        }

        /// <inheritdoc/>
        public void UpdateDisplay()
        {
            for (int e = 0; e < Encoders && e < _lines.Length; e++)
            {
                TextLine line = _lines[e];
                line.Clear();
                if (_page == PagePresets)
                {
                    _presets.AppendRow(line, e);
                    line.Show(_display, e);
                    continue;
                }

                line.Append(_labels[e]).PadTo(7);
                int id = _paramIds[e];
                if (_book.IsKnown(id))
                {
                    int permille = (int)((_book.Value(id) * 1000f) + 0.5f);
                    line.PadTo(permille >= 1000 ? 10 : (permille >= 100 ? 11 : 12));
                    line.AppendNumber(permille / 10, 1).Append('.').AppendNumber(permille % 10, 1).Append('%');
                }
                else
                {
                    line.PadTo(_engine.Link.IsConnected ? 13 : 14).Append(_engine.Link.IsConnected ? "..." : "--");
                }

                line.Show(_display, e);
            }
        }

        private bool HasPot(int e)
        {
            return _pins.PotAdcChannels.Length > 0 && _pins.PotAdcChannels[e] >= 0;
        }

        // Short press (released before the long-press time): next page. Long press on the presets page: recall.
        private void ScanPageButton(long nowMs)
        {
            ButtonEvent e = _buttons.Update(ButtonPage, _inputs.Read(_pins.EncoderPageButton), nowMs);
            if (e == ButtonEvent.Pressed)
            {
                _pageLongPress = false;
            }
            else if (e == ButtonEvent.LongPress)
            {
                _pageLongPress = true;
                if (_page == PagePresets)
                {
                    _presets.Recall();
                }
            }
            else if (e == ButtonEvent.Released && !_pageLongPress)
            {
                ShowPage((_page + 1) % Pages);
            }
        }

        private void ShowPage(int page)
        {
            _page = page;
            _paramIds = page == PageBands ? _bandIds : _mainIds;
            _labels = page == PageBands ? OscPaths.MasteringBandLabels : OscPaths.MasteringLabels;
            for (int e = 0; e < Encoders; e++)
            {
                // Pots are absolute: each must pick up the new page's value before it acts.
                _takeover.Reset(e);
            }

            _engine.QueueVisible();
        }

        private void ScanEncoder(int e, long nowMs)
        {
            int detents = _decoder.Update(e, _inputs.Read(_pins.EncoderA[e]), _inputs.Read(_pins.EncoderB[e]), nowMs);
            if (detents == 0)
            {
                return;
            }

            if (_page == PagePresets)
            {
                // Any encoder picks: a panel may have pots where the first controls are (the Pi's mastering box).
                _presets.Turn(detents);
                return;
            }

            int id = _paramIds[e];
            if (!_book.IsKnown(id))
            {
                // Without the host's value a relative turn would invent one: ask instead.
                _engine.Link.SendQuery(_book.Address(id));
                return;
            }

            bool fine = _pins.EncoderPushButtons.Length > 0 && _pins.EncoderPushButtons[e] >= 0 && _inputs.Read(_pins.EncoderPushButtons[e]);
            float step = fine ? _tuning.EncoderStep / FineDivisor : _tuning.EncoderStep;
            float value = _book.Value(id) + (detents * step);
            _engine.SendLevel(id, value < 0 ? 0 : (value > 1 ? 1 : value));
        }

        private void ScanPot(int e, long nowMs)
        {
            _pots.Update(e, _adc.Read(_pins.PotAdcChannels[e]));
            int id = _paramIds[e];
            if (_page == PagePresets || !_book.IsKnown(id))
            {
                // Until the host's value is known the pot cannot pick it up; the resync asks for it.
                _pots.MarkSent(e);
                return;
            }

            if (_takeover.HostValue(e) < 0)
            {
                _takeover.SetHostValue(e, FaderScanner.StepsOf(_book.Value(id)), _pots.Stable(e));
            }

            if (!_takeover.Update(e, _pots.Stable(e)))
            {
                _pots.MarkSent(e);
                return;
            }

            int value;
            if (_pots.TryTakeChange(e, nowMs, out value) && _engine.SendLevel(id, value / (float)FaderScanner.MaxValue))
            {
                _takeover.Sent(e, value);
            }
        }

        private void Toggle(int id)
        {
            bool on = _book.IsKnown(id) && _book.Value(id) >= 0.5f;
            _engine.SendInt(id, on ? 0 : 1);
        }
    }
}
