namespace MixConsole.Store;

/// <summary>The store's folder is held by another process (a running console).</summary>
public sealed class StoreLockedException(string message) : IOException(message);
