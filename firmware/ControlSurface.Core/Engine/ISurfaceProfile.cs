using MixConsole.ControlSurface.Link;
using MixConsole.ControlSurface.Osc;

namespace MixConsole.ControlSurface.Engine
{
    /// <summary>
    /// Behaviour of one surface profile, driven by <see cref="SurfaceEngine"/>.
    /// </summary>
    internal interface ISurfaceProfile
    {
        /// <summary>Reads this scan's inputs, runs the motor loops and sends changes.</summary>
        void ScanInputs(long nowMs);

        /// <summary>The link came up: queue what must be asked before the visible controls (the fader desk's size probes).</summary>
        void OnConnected(ResyncQueue queue);

        /// <summary>The host answered for parameter <paramref name="id"/> (changed or not): it exists on this console.</summary>
        void OnAnswer(int id);

        /// <summary>The host answered list parameter <paramref name="id"/> (<see cref="Mapping.ParameterKind.NameList"/>) with <paramref name="message"/>.</summary>
        void OnList(int id, OscMessage message);

        /// <summary>The host reported a new value for parameter <paramref name="id"/>.</summary>
        void OnHostValue(int id, long nowMs);

        /// <summary>Queues a query for every control currently visible.</summary>
        void QueueVisible(ResyncQueue queue);

        /// <summary>Updates LEDs and rings (change-detected).</summary>
        void UpdateLeds();

        /// <summary>Rebuilds and shows the display lines (change-detected).</summary>
        void UpdateDisplay();
    }
}
