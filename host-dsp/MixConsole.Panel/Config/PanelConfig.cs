using System.Text.Json;
using System.Text.Json.Serialization;

namespace MixConsole.Panel.Config;

/// <summary>
/// The Pi panel's wiring as hardware/pi/panel/NAME.json describes it: GPIO encoders (BCM numbers), the MCP23017's
/// buttons, the ADS1115's pots and the SSD1306, each bound to a mastering-panel control.
/// </summary>
public sealed record PanelConfig
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Surface profile the core runs (the Pi panel is a mastering panel).</summary>
    public string Profile { get; init; } = "mastering-panel";

    /// <summary>GPIO chip number (/dev/gpiochipN), or -1 to find the header's chip by its label (Pi 4: pinctrl-bcm2711, Pi 5: pinctrl-rp1).</summary>
    public int GpioChip { get; init; } = -1;

    /// <summary>I2C bus (/dev/i2c-N) of the MCP23017, ADS1115 and SSD1306; bus 1 is GPIO 2/3 on the header.</summary>
    public int I2cBus { get; init; } = 1;

    /// <summary>Encoders on GPIO, each on one control.</summary>
    public IReadOnlyList<EncoderWiring> Encoders { get; init; } = [];

    /// <summary>The MCP23017 button expander, null when none.</summary>
    public ExpanderWiring? Mcp23017 { get; init; }

    /// <summary>The ADS1115 pot converter, null when none.</summary>
    public AdcWiring? Ads1115 { get; init; }

    /// <summary>The SSD1306 display, null when none.</summary>
    public DisplayWiring? Ssd1306 { get; init; }

    /// <summary>Reads and parses <paramref name="path"/>; a missing or malformed file throws <see cref="PanelConfigException"/>.</summary>
    public static PanelConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PanelConfig>(File.ReadAllText(path), Json)
                ?? throw new PanelConfigException($"panel config {path} is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PanelConfigException($"cannot read panel config {path}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new PanelConfigException($"panel config {path} is not valid: {e.Message}");
        }
    }
}

/// <summary>A quadrature encoder with an optional push switch, contacts to ground (the pins' pull-ups hold them high).</summary>
public sealed record EncoderWiring
{
    /// <summary>Control it turns: input, tilt, low, high, comp, width, target or ceil.</summary>
    public required string Control { get; init; }

    /// <summary>BCM GPIO of phase A.</summary>
    public required int A { get; init; }

    /// <summary>BCM GPIO of phase B.</summary>
    public required int B { get; init; }

    /// <summary>BCM GPIO of the push switch (held while turning = fine steps), -1 when none.</summary>
    public int Push { get; init; } = -1;
}

/// <summary>An MCP23017 with buttons to ground on its inputs (pull-ups on).</summary>
public sealed record ExpanderWiring
{
    /// <summary>7-bit I2C address (0x20-0x27).</summary>
    public int Address { get; init; } = 0x20;

    /// <summary>Buttons: which expander input (0-15: GPA0-7, GPB0-7) does what.</summary>
    public IReadOnlyList<ButtonWiring> Buttons { get; init; } = [];
}

/// <summary>A button on the expander.</summary>
public sealed record ButtonWiring
{
    /// <summary>ab or bypass.</summary>
    public required string Action { get; init; }

    /// <summary>Expander input 0-15.</summary>
    public required int Input { get; init; }
}

/// <summary>An ADS1115 with pots between ground and VDD on its inputs.</summary>
public sealed record AdcWiring
{
    /// <summary>7-bit I2C address (0x48-0x4B).</summary>
    public int Address { get; init; } = 0x49;

    /// <summary>Supply of the pots in volts: the reading at full travel (the converter's range is ±4.096 V).</summary>
    public double SupplyVolts { get; init; } = 3.3;

    /// <summary>Pots: which input (AIN0-3) sets which control.</summary>
    public IReadOnlyList<PotWiring> Pots { get; init; } = [];
}

/// <summary>A pot on the converter.</summary>
public sealed record PotWiring
{
    /// <summary>Control it sets (see <see cref="EncoderWiring.Control"/>).</summary>
    public required string Control { get; init; }

    /// <summary>Converter input 0-3.</summary>
    public required int Input { get; init; }
}

/// <summary>A 128x64 SSD1306 OLED on I2C.</summary>
public sealed record DisplayWiring
{
    /// <summary>7-bit I2C address (0x3C or 0x3D).</summary>
    public int Address { get; init; } = 0x3C;
}
