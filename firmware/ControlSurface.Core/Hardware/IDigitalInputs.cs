namespace MixConsole.ControlSurface.Hardware
{
    /// <summary>
    /// Digital contacts: buttons, encoder phases, touch sensors (I2C expanders such as MCP23017).
    /// </summary>
    public interface IDigitalInputs
    {
        /// <summary>Number of inputs.</summary>
        int Count { get; }

        /// <summary>Samples every input once; called at the start of each scan.</summary>
        void Refresh();

        /// <summary>True when the contact is closed (pressed, touched, phase active) in the last refresh.</summary>
        bool Read(int input);
    }
}
