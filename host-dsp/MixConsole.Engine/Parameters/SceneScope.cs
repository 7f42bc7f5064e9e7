namespace MixConsole.Engine.Parameters;

/// <summary>Which parameters a scene file saves and recalls.</summary>
public enum SceneScope
{
    /// <summary>
    /// The mix, as an X32 scene or snapshot holds it: every parameter with <see cref="ParameterSpec.InScenes"/>.
    /// Console state (the strip selection) is not written, and a file that names it loads with it left as it is.
    /// </summary>
    Mix,

    /// <summary>Every parameter, console state included: what the console keeps across a restart (serve --state).</summary>
    WholeConsole,
}
