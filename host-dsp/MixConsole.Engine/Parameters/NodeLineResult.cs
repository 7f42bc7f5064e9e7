namespace MixConsole.Engine.Parameters;

/// <summary>What <see cref="NodeLine.Apply"/> did with one line.</summary>
/// <param name="Node">The line's node path.</param>
/// <param name="Known">False when this console has no such node (nothing applied).</param>
/// <param name="Applied">Values set.</param>
/// <param name="ExtraTokens">Tokens past this console's parameters of the node (fields it does not have).</param>
/// <param name="MissingTokens">Parameters of the node the line gave no token for (left as they were).</param>
/// <param name="Problem">Why the line was refused (nothing applied), or null.</param>
public sealed record NodeLineResult(string Node, bool Known, int Applied, int ExtraTokens, int MissingTokens, string? Problem)
{
    internal static NodeLineResult Unknown(string node) => new(node, false, 0, 0, 0, null);

    internal static NodeLineResult Refused(string node, string problem) => new(node, true, 0, 0, 0, problem);
}
