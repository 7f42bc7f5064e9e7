namespace MixConsole.ControlSurface.Config
{
    /// <summary>
    /// The two surface profiles.
    /// </summary>
    public static class ProfileNames
    {
        /// <summary>Eight strips (fader, pan encoder, mute/solo/select), master fader, bank and layer buttons.</summary>
        public const string FaderDesk = "fader-desk";

        /// <summary>Eight encoders with LED rings on the mastering chain, A/B and bypass buttons.</summary>
        public const string MasteringPanel = "mastering-panel";
    }
}
