using MixConsole.ControlSurface.Mapping;

namespace MixConsole.Panel.Config;

/// <summary>
/// Checks a panel's wiring on the Pi's 40-pin header before anything is opened, listing every problem at once: a
/// GPIO used twice, the ID EEPROM and I2C pins, the audio HAT's pins (its I2S lanes and clock selects, from the
/// hardware profile), I2C addresses that collide, unknown controls and actions.
/// </summary>
public static class PanelWiringCheck
{
    /// <summary>Highest BCM GPIO on the 40-pin header.</summary>
    public const int HeaderGpioCount = 28;

    /// <summary>Control names in the mastering panel's order (its display labels, lower case).</summary>
    public static IReadOnlyList<string> Controls { get; } = [.. OscPaths.MasteringLabels.Select(l => l.ToLowerInvariant())];

    /// <summary>Button actions a panel button can have.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["ab", "bypass", "page"];

    // The page button (main, multiband, presets pages) is optional; the panel needs the others.
    private static readonly string[] RequiredActions = ["ab", "bypass"];

    /// <summary>
    /// Throws <see cref="PanelConfigException"/> naming every problem of <paramref name="config"/> next to an audio HAT
    /// that takes <paramref name="hatGpio"/> and answers on <paramref name="hatI2cAddresses"/> (<paramref name="hatName"/> for the message).
    /// </summary>
    public static void Validate(PanelConfig config, IReadOnlyCollection<int> hatGpio, IReadOnlyCollection<int> hatI2cAddresses, string hatName)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var owners = new Dictionary<int, string>
        {
            [0] = "the HAT ID EEPROM (ID_SD)",
            [1] = "the HAT ID EEPROM (ID_SC)",
        };
        if (config.I2cBus == 1)
        {
            owners[2] = "I2C-1 data (SDA)";
            owners[3] = "I2C-1 clock (SCL)";
        }

        foreach (int pin in hatGpio) owners.TryAdd(pin, $"the audio HAT ({hatName})");

        void Use(int gpio, string owner)
        {
            if (gpio < 0 || gpio >= HeaderGpioCount)
            {
                problems.Add($"{owner} uses GPIO {gpio}, which is not on the 40-pin header (GPIO 0-27)");
            }
            else if (!owners.TryAdd(gpio, owner))
            {
                problems.Add($"GPIO {gpio} is used by both {owners[gpio]} and {owner}");
            }
        }

        var controls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Control(string control, string owner)
        {
            if (!Controls.Contains(control, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{owner} names control '{control}'; the controls are {string.Join(", ", Controls)}");
            }
            else if (!controls.TryAdd(control, owner))
            {
                problems.Add($"control '{control}' is on both {controls[control]} and {owner}");
            }
        }

        for (int i = 0; i < config.Encoders.Count; i++)
        {
            EncoderWiring e = config.Encoders[i];
            string name = $"encoder {i + 1} ({e.Control})";
            Control(e.Control, name);
            Use(e.A, name + " phase A");
            Use(e.B, name + " phase B");
            if (e.Push >= 0) Use(e.Push, name + " push");
        }

        var addresses = new Dictionary<int, string>();
        foreach (int a in hatI2cAddresses) addresses.TryAdd(a, $"the audio HAT ({hatName})");
        void Address(int address, string device)
        {
            if (!addresses.TryAdd(address, device))
            {
                problems.Add($"{device} at I2C address 0x{address:X2} collides with {addresses[address]}");
            }
        }

        if (config.Mcp23017 is { } mcp)
        {
            if (mcp.Address is < 0x20 or > 0x27) problems.Add($"MCP23017 address 0x{mcp.Address:X2} is outside 0x20-0x27");
            Address(mcp.Address, "the MCP23017");
            var inputs = new HashSet<int>();
            foreach (ButtonWiring b in mcp.Buttons)
            {
                if (!Actions.Contains(b.Action)) problems.Add($"button '{b.Action}' is not an action; the actions are {string.Join(", ", Actions)}");
                if (b.Input is < 0 or > 15) problems.Add($"button {b.Action} uses expander input {b.Input}; the MCP23017 has 0-15");
                else if (!inputs.Add(b.Input)) problems.Add($"expander input {b.Input} has two buttons");
            }
        }

        foreach (string action in Actions)
        {
            int count = config.Mcp23017?.Buttons.Count(b => b.Action == action) ?? 0;
            if (RequiredActions.Contains(action) && count != 1) problems.Add($"the panel needs exactly one '{action}' button on the MCP23017");
            else if (count > 1) problems.Add($"the panel takes at most one '{action}' button");
        }

        if (config.Ads1115 is { } adc)
        {
            if (adc.Address is < 0x48 or > 0x4B) problems.Add($"ADS1115 address 0x{adc.Address:X2} is outside 0x48-0x4B");
            Address(adc.Address, "the ADS1115");
            if (adc.SupplyVolts is <= 0.5 or > 4.096) problems.Add($"pot supply {adc.SupplyVolts} V is outside 0.5-4.096 V (the converter's range)");
            var inputs = new HashSet<int>();
            foreach (PotWiring p in adc.Pots)
            {
                Control(p.Control, $"pot AIN{p.Input} ({p.Control})");
                if (p.Input is < 0 or > 3) problems.Add($"pot {p.Control} uses AIN{p.Input}; the ADS1115 has AIN0-3");
                else if (!inputs.Add(p.Input)) problems.Add($"AIN{p.Input} has two pots");
            }
        }

        if (config.Ssd1306 is { } display)
        {
            if (display.Address is not (0x3C or 0x3D)) problems.Add($"SSD1306 address 0x{display.Address:X2} is neither 0x3C nor 0x3D");
            Address(display.Address, "the SSD1306");
        }

        if (config.Profile != "mastering-panel") problems.Add($"profile '{config.Profile}': the Pi panel runs the mastering-panel profile");
        if (problems.Count > 0)
        {
            throw new PanelConfigException($"panel wiring is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):\n - " + string.Join("\n - ", problems));
        }
    }
}
