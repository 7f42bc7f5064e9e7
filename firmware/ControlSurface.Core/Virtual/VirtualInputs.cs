using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Virtual
{
    /// <summary>
    /// Digital inputs set by a test or the simulator; Refresh latches them like an expander read.
    /// </summary>
    public sealed class VirtualInputs : IDigitalInputs
    {
        private readonly bool[] _live;
        private readonly bool[] _latched;

        /// <summary>Creates <paramref name="count"/> open contacts.</summary>
        public VirtualInputs(int count)
        {
            _live = new bool[count];
            _latched = new bool[count];
        }

        /// <inheritdoc/>
        public int Count => _live.Length;

        /// <summary>Refreshes since start-up.</summary>
        public int RefreshCount { get; private set; }

        /// <summary>Closes (true) or opens (false) contact <paramref name="input"/>.</summary>
        public void Set(int input, bool closed)
        {
            _live[input] = closed;
        }

        /// <summary>Live level of <paramref name="input"/>.</summary>
        public bool Get(int input)
        {
            return _live[input];
        }

        /// <inheritdoc/>
        public void Refresh()
        {
            for (int i = 0; i < _live.Length; i++)
            {
                _latched[i] = _live[i];
            }

            RefreshCount++;
        }

        /// <inheritdoc/>
        public bool Read(int input)
        {
            return _latched[input];
        }
    }
}
