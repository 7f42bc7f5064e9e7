using MixConsole.ControlSurface.Link;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Output;

namespace MixConsole.ControlSurface.Engine
{
    /// <summary>
    /// The fader desk's scenes page: encoder 1 picks a slot (0-99, its name shown as the host has it), select 1 recalls
    /// it, select 2 held saves the desk's console into it (keeping its name, else "SCENE NN"), select 3 takes the last
    /// recall back. The commands are the X32's (<c>/-action/goscene</c>, <c>/save</c>, <c>/-action/undoscene</c>), so
    /// the host's recall fade, safes and undo apply as from any app. One name slot follows the pick (renumbered).
    /// </summary>
    internal sealed class SceneKeys
    {
        /// <summary>Scene slots on the host, numbered from 0 as on the X32.</summary>
        public const int Slots = 100;

        /// <summary>Select button (0-based strip) that recalls the picked slot.</summary>
        public const int RecallStrip = 0;

        /// <summary>Select button (0-based strip) that saves into the picked slot when held.</summary>
        public const int SaveStrip = 1;

        /// <summary>Select button (0-based strip) that takes the last recall back.</summary>
        public const int UndoStrip = 2;

        private const string DefaultName = "SCENE ";

        private readonly SurfaceEngine _engine;
        private readonly ParameterBook _book;
        private readonly int _currentId;
        private readonly int _nameId;
        private readonly int _recallId;
        private readonly byte[] _undoAddress;
        private readonly byte[] _saveAddress;
        private readonly byte[] _sceneKind;
        private readonly char[] _name = new char[ParameterBook.NameCapacity];
        private int _slot;
        private bool _holdHint;

        /// <summary>Registers the page's parameters (start-up only).</summary>
        public SceneKeys(SurfaceEngine engine, ParameterBook book)
        {
            _engine = engine;
            _book = book;
            _currentId = book.Register(OscPaths.SceneCurrent, ParameterKind.Index);
            _nameId = book.Register(OscPaths.SceneName, ParameterKind.Name);
            // Answers to the commands carry nothing the desk shows: registered as links, their replies are ignored.
            _recallId = book.Register(OscPaths.SceneRecall, ParameterKind.Link);
            _undoAddress = OscWriter.EncodeString(OscPaths.SceneUndo);
            _saveAddress = OscWriter.EncodeString(OscPaths.Save);
            _sceneKind = OscWriter.EncodeString(OscPaths.SaveScene);
        }

        /// <summary>The slot the page points at (0-99).</summary>
        public int Slot => _slot;

        /// <summary>The scene the host last recalled, -1 until it told.</summary>
        public int Current => _book.IsKnown(_currentId) ? (int)_book.Value(_currentId) : -1;

        /// <summary>Moves the pick by <paramref name="detents"/> (clamped to 0-99) and asks the host for its name.</summary>
        public void Turn(int detents)
        {
            int slot = _slot + detents;
            slot = slot < 0 ? 0 : (slot >= Slots ? Slots - 1 : slot);
            if (slot == _slot)
            {
                return;
            }

            _slot = slot;
            _holdHint = false;
            _book.Renumber(_nameId, OscPaths.SceneNameDigitsOffset, slot);
            _engine.QueueVisible();
        }

        /// <summary>Queues what the page shows: the current scene and the picked slot's name.</summary>
        public void QueueVisible(ResyncQueue queue)
        {
            queue.Enqueue(_currentId);
            queue.Enqueue(_nameId);
        }

        /// <summary>A select button on the page: strip 1 recalls, strip 2 held saves (pressed: a hint), strip 3 undoes.</summary>
        public void OnSelect(int strip, bool longPress)
        {
            if (strip == RecallStrip && !longPress)
            {
                _engine.SendInt(_recallId, _slot);
            }
            else if (strip == SaveStrip)
            {
                _holdHint = !longPress;
                if (longPress)
                {
                    Save();
                }
            }
            else if (strip == UndoStrip && !longPress)
            {
                _engine.Link.SendQuery(_undoAddress);
            }
        }

        /// <summary>Writes row <paramref name="row"/> (0-3) of the page into <paramref name="line"/>.</summary>
        public void AppendRow(TextLine line, int row)
        {
            if (row == 0)
            {
                line.Append("NOW ");
                int current = Current;
                if (current >= 0)
                {
                    line.AppendNumber(current, 3);
                }
                else
                {
                    line.Append("---");
                }
            }
            else if (row == 1)
            {
                line.Append("SEL ").AppendNumber(_slot, 3).Append(' ');
                if (_book.IsKnown(_nameId))
                {
                    line.AppendUpper(_book.Name(_nameId), _book.NameLength(_nameId));
                }
            }
            else if (row == 2)
            {
                line.Append("1 GO  3 UNDO");
            }
            else
            {
                line.Append(_holdHint ? "HOLD 2 TO SAVE" : "2 HELD: SAVE");
            }
        }

        private void Save()
        {
            int length = _book.IsKnown(_nameId) ? _book.NameLength(_nameId) : 0;
            char[] name = _book.Name(_nameId);
            if (length == 0)
            {
                name = _name;
                for (int i = 0; i < DefaultName.Length; i++)
                {
                    name[i] = DefaultName[i];
                }

                name[DefaultName.Length] = (char)('0' + (_slot / 10));
                name[DefaultName.Length + 1] = (char)('0' + (_slot % 10));
                length = DefaultName.Length + 2;
            }

            if (_engine.Link.SendSave(_saveAddress, _sceneKind, _slot, name, length))
            {
                // The host echoes the new name to subscribers; ask as well, in case this link missed it.
                _engine.QueueVisible();
            }
        }
    }
}
