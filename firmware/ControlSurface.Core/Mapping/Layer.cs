namespace MixConsole.ControlSurface.Mapping
{
    /// <summary>
    /// What the fader desk's eight strips control.
    /// </summary>
    public enum Layer
    {
        /// <summary>Input channels 1..32.</summary>
        Channels = 0,

        /// <summary>Mix buses 1..16.</summary>
        Buses = 1,

        /// <summary>DCA groups 1..8.</summary>
        Dcas = 2,
    }
}
