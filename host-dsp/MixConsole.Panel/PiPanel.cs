using System.Device.I2c;
using Iot.Device.Ads1115;
using Iot.Device.Mcp23xxx;
using Iot.Device.Ssd13xx;
using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Engine;
using MixConsole.ControlSurface.Hardware;
using MixConsole.Panel.Config;
using MixConsole.Panel.Hardware;
using MixConsole.Panel.Link;

namespace MixConsole.Panel;

/// <summary>
/// The rack box's own panel: the surface core's mastering panel on the Pi's GPIO encoders, an MCP23017's buttons,
/// an ADS1115's pots and an SSD1306, scanning at 1 kHz on its own thread and talking to the OSC server in-process.
/// </summary>
public sealed class PiPanel : IDisposable
{
    /// <summary>Milliseconds between two pot conversions (each pot every 4 ms x pots).</summary>
    public const int PotPollMs = 4;

    private readonly PanelDevices _devices;
    private readonly GpioEncoders _encoders;
    private readonly PotConverter _pots;
    private readonly OledTextDisplay? _display;
    private readonly List<IDisposable> _owned = [];
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _lastPotMs = long.MinValue / 2;

    private PiPanel(PanelConfig config, PanelDevices devices, byte[]? pairKey)
    {
        _devices = devices;
        Link = new InProcessOscLink();
        Mcp23017? expander = null;
        Ads1115? adc = null;
        Ssd1306? oled = null;
        try
        {
            _encoders = new GpioEncoders(devices.Gpio, config.Encoders);
            int[] pushPins = [.. config.Encoders.Where(e => e.Push >= 0).Select(e => e.Push)];
            if (config.Mcp23017 is { } m) expander = Own(new Mcp23017(Open(m.Address, "MCP23017")));
            if (config.Ads1115 is { } a)
            {
                adc = Own(new Ads1115(Open(a.Address, "ADS1115"), InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown));
            }

            if (config.Ssd1306 is not null) FrameOnlyImages.Register();
            if (config.Ssd1306 is { } d) oled = Own(new Ssd1306(Open(d.Address, "SSD1306"), OledTextDisplay.Width, OledTextDisplay.Height));
            Inputs = new PanelInputs(devices.Gpio, _encoders, pushPins, expander);
            _pots = new PotConverter(adc, [.. (config.Ads1115?.Pots ?? []).Select(p => p.Input)], config.Ads1115?.SupplyVolts ?? 3.3);
            IDisplay display = oled is null ? new ControlSurface.Virtual.VirtualDisplay(8, 16) : (_display = Own(new OledTextDisplay(oled, message => Fault?.Invoke(message))));
            var none = new NoLightsNoMotors();
            Surface = SurfaceFor(config, Inputs, pairKey);
            Engine = new SurfaceEngine(Surface, new SurfaceHardware(_pots, Inputs, none, none, display, new StopwatchClock(), Link));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The link the OSC server serves (add it with AddTransport before the server starts).</summary>
    public InProcessOscLink Link { get; }

    /// <summary>The surface logic.</summary>
    public SurfaceEngine Engine { get; }

    /// <summary>The core's configuration built from the panel's wiring.</summary>
    public SurfaceConfig Surface { get; }

    internal PanelInputs Inputs { get; }

    /// <summary>"4 encoders, 3 buttons, 4 pots, display on gpiochip0, i2c-1" for the start-up line.</summary>
    public string Description { get; private set; } = "";

    /// <summary>
    /// Checks <paramref name="config"/> against the audio HAT's pins and addresses, opens every device on
    /// <paramref name="devices"/> and builds the surface; throws <see cref="PanelConfigException"/> for wiring, or the
    /// device's own exception when one does not answer.
    /// </summary>
    public static PiPanel Open(PanelConfig config, PanelDevices devices, byte[]? pairKey, IReadOnlyCollection<int> hatGpio, IReadOnlyCollection<int> hatI2cAddresses, string hatName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(devices);
        PanelWiringCheck.Validate(config, hatGpio, hatI2cAddresses, hatName);
        var panel = new PiPanel(config, devices, pairKey);
        panel.Description = $"{config.Encoders.Count} encoders, {config.Mcp23017?.Buttons.Count ?? 0} buttons, {config.Ads1115?.Pots.Count ?? 0} pots, {(config.Ssd1306 is null ? "no display" : "display")} on {devices.Description}";
        return panel;
    }

    /// <summary>Starts scanning (1 kHz) on the panel thread; the server must be started.</summary>
    public void Start()
    {
        Engine.Start();
        _thread = new Thread(Run) { IsBackground = true, Name = "panel" };
        _thread.Start();
    }

    /// <summary>One scan: a pot conversion when due, then the core's scan (inputs, link, display).</summary>
    internal void Step()
    {
        long now = Engine.Hardware.Clock.NowMs;
        if (now - _lastPotMs >= PotPollMs)
        {
            _lastPotMs = now;
            _pots.Poll();
        }

        Engine.Scan();
    }

    /// <summary>Called once, from the panel's threads, when a device stops answering while the panel runs; the panel then stops and the console runs on.</summary>
    public Action<string>? Fault { get; set; }

    private void Run()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Step();
                Thread.Sleep(Surface.Tuning.ScanPeriodMs);
            }
        }
        catch (Exception e) when (IsDeviceFailure(e))
        {
            Fault?.Invoke($"panel stopped, the console runs without it: {e.Message}");
        }
    }

    /// <summary>True for what a GPIO or I2C device, or the library under it, throws when it is missing or stops answering.</summary>
    public static bool IsDeviceFailure(Exception e) => e is IOException or UnauthorizedAccessException or TimeoutException
        or PlatformNotSupportedException or DllNotFoundException or EntryPointNotFoundException or TypeInitializationException
        or InvalidOperationException or ArgumentException;

    /// <summary>The mastering panel's core configuration with this wiring's inputs, pots and pushes.</summary>
    private static SurfaceConfig SurfaceFor(PanelConfig config, PanelInputs inputs, byte[]? pairKey)
    {
        SurfaceConfig surface = SurfaceConfig.CreateMasteringPanel();
        int n = SurfaceConfig.MasteringEncoderCount;
        PinMap p = surface.Pins;
        p.EncoderA = Filled(n);
        p.EncoderB = Filled(n);
        p.EncoderPushButtons = Filled(n);
        p.PotAdcChannels = Filled(n);
        p.EncoderRings = [];
        p.AbLed = p.BypassLed = p.LinkLed = -1;
        int push = inputs.PushBase;
        for (int e = 0; e < config.Encoders.Count; e++)
        {
            int slot = Slot(config.Encoders[e].Control);
            p.EncoderA[slot] = 2 * e;
            p.EncoderB[slot] = (2 * e) + 1;
            if (config.Encoders[e].Push >= 0) p.EncoderPushButtons[slot] = push++;
        }

        foreach (PotWiring pot in config.Ads1115?.Pots ?? [])
        {
            p.PotAdcChannels[Slot(pot.Control)] = pot.Input;
        }

        foreach (ButtonWiring b in config.Mcp23017?.Buttons ?? [])
        {
            if (b.Action == "ab") p.AbButton = inputs.ExpanderBase + b.Input;
            else if (b.Action == "page") p.EncoderPageButton = inputs.ExpanderBase + b.Input;
            else p.BypassButton = inputs.ExpanderBase + b.Input;
        }

        // The core checks its host address's form; the in-process link never uses it.
        surface.Network.HostAddress = "127.0.0.1";
        surface.Network.PairKey = pairKey;
        return surface;
    }

    private static int Slot(string control) => ((List<string>)[.. PanelWiringCheck.Controls]).FindIndex(c => c.Equals(control, StringComparison.OrdinalIgnoreCase));

    private static int[] Filled(int n)
    {
        var a = new int[n];
        Array.Fill(a, -1);
        return a;
    }

    private I2cDevice Open(int address, string device)
    {
        try
        {
            return Own(_devices.OpenI2c(address));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            throw new IOException($"{device} at 0x{address:X2}: {e.Message}", e);
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _encoders?.Dispose();
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _devices.Dispose();
        Link.Dispose();
        _stop.Dispose();
    }
}
