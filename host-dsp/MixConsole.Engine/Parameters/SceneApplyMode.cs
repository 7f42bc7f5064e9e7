namespace MixConsole.Engine.Parameters;

/// <summary>What a scene does to parameters it does not name.</summary>
public enum SceneApplyMode
{
    /// <summary>Parameters not named return to their defaults: the scene is the whole console state.</summary>
    ResetOthersToDefaults,

    /// <summary>Parameters not named keep their current values: the scene is a partial recall.</summary>
    KeepOthers,
}
