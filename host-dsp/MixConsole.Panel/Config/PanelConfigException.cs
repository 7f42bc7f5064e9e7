namespace MixConsole.Panel.Config;

/// <summary>The panel's configuration is missing, unreadable or wired wrong; the message says what to change.</summary>
public sealed class PanelConfigException(string message) : Exception(message);
