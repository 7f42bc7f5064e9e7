namespace MixConsole.ControlSurface.Mapping
{
    /// <summary>
    /// How a parameter's value travels over OSC.
    /// </summary>
    public enum ParameterKind
    {
        /// <summary>Float 0..1 (faders, pans, master-chain controls).</summary>
        Level = 0,

        /// <summary>Int 0/1 (on, solo, bypass, A/B).</summary>
        Switch = 1,

        /// <summary>String (names).</summary>
        Name = 2,

        /// <summary>Int index (selected strip).</summary>
        Index = 3,

        /// <summary>Link housekeeping (/info): answers only prove the host is alive.</summary>
        Link = 4,
        /// <summary>A list of strings (the mastering preset names): the profile reads the whole answer.</summary>
        NameList = 5,
    }
}
