using MixConsole.ControlSurface.Link;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Output;

namespace MixConsole.ControlSurface.Engine
{
    /// <summary>
    /// The mastering panel's presets page: the host's preset names (<c>/master/preset/list</c>, built-in first, then the
    /// user's), an encoder picks one, a long press of the page button recalls it with <c>/master/preset ,s NAME</c> (the
    /// host crossfades, as from any client). The whole name is kept for the recall; the display shows what fits.
    /// </summary>
    internal sealed class MasterPresetKeys
    {
        /// <summary>Names kept from the host's list (the rest of a longer list cannot be picked).</summary>
        public const int Capacity = OscMessage.MaxArguments;

        /// <summary>Longest preset name the host accepts (its store's limit).</summary>
        public const int NameCapacity = 32;

        private readonly SurfaceEngine _engine;
        private readonly int _listId;
        private readonly byte[] _recallAddress;
        private readonly char[][] _names = new char[Capacity][];
        private readonly int[] _lengths = new int[Capacity];
        private readonly char[] _loaded = new char[NameCapacity];
        private int _loadedLength;
        private int _count = -1;
        private int _pick;

        /// <summary>Registers the page's list (start-up only).</summary>
        public MasterPresetKeys(SurfaceEngine engine, ParameterBook book)
        {
            _engine = engine;
            _listId = book.Register(OscPaths.MasterPresetList, ParameterKind.NameList);
            _recallAddress = OscWriter.EncodeString(OscPaths.MasterPreset);
            for (int i = 0; i < Capacity; i++)
            {
                _names[i] = new char[NameCapacity];
            }
        }

        /// <summary>Parameter id of the preset list.</summary>
        public int ListId => _listId;

        /// <summary>Names the host listed (at most <see cref="Capacity"/>), -1 until it answered.</summary>
        public int Count => _count;

        /// <summary>Index of the picked name in the host's list.</summary>
        public int Pick => _pick;

        /// <summary>Queues what the page shows: the list, asked again each time the page comes up.</summary>
        public void QueueVisible(ResyncQueue queue)
        {
            queue.Enqueue(_listId);
        }

        /// <summary>Takes the host's list; the pick stays on its index, clamped to the new list.</summary>
        public void OnList(OscMessage message)
        {
            int count = message.ArgumentCount < Capacity ? message.ArgumentCount : Capacity;
            for (int i = 0; i < count; i++)
            {
                int length;
                _lengths[i] = message.TryGetString(i, _names[i], out length) ? length : 0;
            }

            _count = count;
            _pick = _pick >= count ? (count > 0 ? count - 1 : 0) : _pick;
        }

        /// <summary>Moves the pick by <paramref name="detents"/>, clamped to the list.</summary>
        public void Turn(int detents)
        {
            int pick = _pick + detents;
            _pick = pick >= _count ? _count - 1 : pick;
            _pick = _pick < 0 ? 0 : _pick;
        }

        /// <summary>Recalls the picked preset; false when there is none or the link is down.</summary>
        public bool Recall()
        {
            if (_count <= 0 || !_engine.Link.SendString(_recallAddress, _names[_pick], _lengths[_pick]))
            {
                return false;
            }

            for (int i = 0; i < _lengths[_pick]; i++)
            {
                _loaded[i] = _names[_pick][i];
            }

            _loadedLength = _lengths[_pick];
            return true;
        }

        /// <summary>Writes row <paramref name="row"/> of the page into <paramref name="line"/> (rows past 4 stay empty).</summary>
        public void AppendRow(TextLine line, int row)
        {
            if (row == 0)
            {
                line.Append("PRESET ");
                if (_count > 0)
                {
                    line.AppendNumber(_pick + 1, 2).Append('/').AppendNumber(_count, 2);
                }
                else
                {
                    line.Append(_count == 0 ? "NONE" : (_engine.Link.IsConnected ? "..." : "--"));
                }
            }
            else if (row == 1 && _count > 0)
            {
                line.AppendUpper(_names[_pick], _lengths[_pick]);
            }
            else if (row == 3)
            {
                line.Append("HOLD PAGE: LOAD");
            }
            else if (row == 4 && _loadedLength > 0)
            {
                line.Append("IN: ").AppendUpper(_loaded, _loadedLength);
            }
        }
    }
}
