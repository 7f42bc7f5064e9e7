namespace MixConsole.Engine.Parameters;

/// <summary>A scene that cannot be loaded; the message names the bad path or value.</summary>
public sealed class SceneFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> (null when the problem is not one parameter's).</summary>
    public SceneFormatException(string message, string? path = null, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The parameter path at fault, or null when the whole document is.</summary>
    public string? Path { get; }
}
