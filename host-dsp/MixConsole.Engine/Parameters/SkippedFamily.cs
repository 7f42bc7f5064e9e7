namespace MixConsole.Engine.Parameters;

/// <summary>Lines of one family that did not come across whole.</summary>
/// <param name="Family">The node path with numbers as '#'.</param>
/// <param name="PartlyRead">True when the lines were applied but carried fields this console lacks.</param>
/// <param name="Reason">Why.</param>
/// <param name="Lines">How many lines.</param>
public sealed record SkippedFamily(string Family, bool PartlyRead, string Reason, int Lines);
