namespace MixConsole.Store;

/// <summary>How the store came up at start; anything but <see cref="Opened"/> and <see cref="Created"/> is said loudly.</summary>
public enum StoreCondition
{
    /// <summary>The store was there and passed its integrity check.</summary>
    Opened,

    /// <summary>There was no store: a new empty one was made.</summary>
    Created,

    /// <summary>The store was damaged (moved aside, kept) or missing, and the newest good backup took its place.</summary>
    RecoveredFromBackup,

    /// <summary>The store was damaged (moved aside, kept) and no good backup existed: a new empty one was made.</summary>
    StartedFromDefaults,
}
