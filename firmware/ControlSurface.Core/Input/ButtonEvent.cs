namespace MixConsole.ControlSurface.Input
{
    /// <summary>
    /// What a debounced button did during one scan.
    /// </summary>
    public enum ButtonEvent
    {
        /// <summary>Nothing changed.</summary>
        None = 0,

        /// <summary>The button went down (after debouncing).</summary>
        Pressed = 1,

        /// <summary>The button has been held for the long-press time (reported once per press).</summary>
        LongPress = 2,

        /// <summary>The button came up.</summary>
        Released = 3,
    }
}
