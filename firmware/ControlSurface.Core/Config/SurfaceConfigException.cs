using System;

namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// Thrown at start-up when the configuration cannot work; the message lists every problem found.
    /// </summary>
    public sealed class SurfaceConfigException : Exception
    {
        /// <summary>Creates the exception with the list of problems.</summary>
        public SurfaceConfigException(string message)
            : base(message)
        {
        }
    }
}
