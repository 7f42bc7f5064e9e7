using System;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.ControlSurface.Device
{
    /// <summary>
    /// Milliseconds since boot from the nanoFramework system timer.
    /// </summary>
    public sealed class SystemClock : IClock
    {
        /// <inheritdoc/>
        public long NowMs => Environment.TickCount64;
    }
}
