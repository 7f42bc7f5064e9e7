namespace MixConsole.Control.Server;

/// <summary>
/// Who the server says it is in <c>/info</c>, <c>/xinfo</c> and <c>/status</c>: this console's own name by
/// default, or an X32 or M32 on firmware 4.06 for apps that check the model string before they connect.
/// </summary>
/// <param name="Model">Console model: "MixConsole", "X32" or "M32".</param>
/// <param name="FirmwareVersion">Console version in the fourth string of <c>/info</c> and <c>/xinfo</c>.</param>
/// <param name="ServerVersion">First string of <c>/info</c>; an X32 on fw 4.06 says "V2.07".</param>
/// <param name="ServerName">Second string of <c>/info</c>; null: the console name (an X32 says "osc-server").</param>
public sealed record ConsoleIdentity(string Model, string FirmwareVersion, string ServerVersion, string? ServerName)
{
    /// <summary>The names <see cref="TryParse"/> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["MixConsole", "X32", "M32"];

    /// <summary>This console under its own name, at software version <paramref name="version"/>.</summary>
    public static ConsoleIdentity Own(string version) => new("MixConsole", version, "V" + version, null);

    /// <summary>The identity named <paramref name="name"/> (case-insensitive); false when there is none.</summary>
    public static bool TryParse(string name, string version, out ConsoleIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(name);
        identity = name.ToUpperInvariant() switch
        {
            "MIXCONSOLE" => Own(version),
            "X32" => AsX32("X32"),
            "M32" => AsX32("M32"),
            _ => null!,
        };

        return identity is not null;
    }

    private static ConsoleIdentity AsX32(string model) => new(model, "4.06", "V2.07", "osc-server");
}
