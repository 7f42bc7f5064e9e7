namespace MixConsole.Store;

/// <summary>The store cannot be opened or fails its integrity check (raised only when recovery was not asked for).</summary>
public sealed class StoreDamagedException(string message, Exception? inner = null) : IOException(message, inner);
