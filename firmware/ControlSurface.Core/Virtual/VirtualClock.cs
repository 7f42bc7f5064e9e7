using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Virtual
{
    /// <summary>
    /// A clock that moves only when told: tests and the simulator step time deterministically.
    /// </summary>
    public sealed class VirtualClock : IClock
    {
        /// <inheritdoc/>
        public long NowMs { get; private set; }

        /// <summary>Moves time forward by <paramref name="ms"/>.</summary>
        public void Advance(long ms)
        {
            NowMs += ms;
        }
    }
}
