namespace MixConsole.SurfaceSim.Scripting;

/// <summary>A script that cannot run: every problem, each as "FILE:LINE: what is wrong".</summary>
public sealed class ScriptException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
