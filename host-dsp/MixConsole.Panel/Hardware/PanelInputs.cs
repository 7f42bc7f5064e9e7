using System.Device.Gpio;
using Iot.Device.Mcp23xxx;
using MixConsole.ControlSurface.Hardware;
using MixConsole.Panel.Config;

namespace MixConsole.Panel.Hardware;

/// <summary>
/// The panel's contacts as the surface core numbers them: encoder phases (A at 2e, B at 2e + 1, replayed from the
/// event decoder), then the encoders' push switches (GPIO, read each scan), then the MCP23017's 16 inputs (one
/// 16-bit read each scan). Every contact closes to ground against a pull-up: low = closed.
/// </summary>
internal sealed class PanelInputs : IDigitalInputs
{
    /// <summary>Inputs of the MCP23017.</summary>
    public const int ExpanderInputs = 16;

    private readonly GpioController _gpio;
    private readonly GpioEncoders _encoders;
    private readonly int[] _pushPins;
    private readonly Mcp23017? _expander;
    private readonly bool[] _closed;

    public PanelInputs(GpioController gpio, GpioEncoders encoders, int[] pushPins, Mcp23017? expander)
    {
        _gpio = gpio;
        _encoders = encoders;
        _pushPins = pushPins;
        _expander = expander;
        foreach (int pin in pushPins)
        {
            gpio.OpenPin(pin, PinMode.InputPullUp);
        }

        if (expander is not null)
        {
            // All 16 pins inputs with pull-ups (IODIR and GPPU, both ports in one write each).
            expander.WriteUInt16(Register.IODIR, 0xFFFF);
            expander.WriteUInt16(Register.GPPU, 0xFFFF);
        }

        _closed = new bool[ExpanderBase + ExpanderInputs];
    }

    /// <summary>First push switch input.</summary>
    public int PushBase => 2 * _encoders.Count;

    /// <summary>First expander input.</summary>
    public int ExpanderBase => PushBase + _pushPins.Length;

    /// <inheritdoc/>
    public int Count => _closed.Length;

    /// <inheritdoc/>
    public void Refresh()
    {
        for (int e = 0; e < _encoders.Count; e++)
        {
            int s = _encoders.Replay(e);
            _closed[2 * e] = (s & 2) != 0;
            _closed[(2 * e) + 1] = (s & 1) != 0;
        }

        for (int i = 0; i < _pushPins.Length; i++)
        {
            _closed[PushBase + i] = _gpio.Read(_pushPins[i]) == PinValue.Low;
        }

        if (_expander is not null)
        {
            ushort levels = _expander.ReadUInt16(Register.GPIO);
            for (int i = 0; i < ExpanderInputs; i++)
            {
                _closed[ExpanderBase + i] = (levels & (1 << i)) == 0;
            }
        }
    }

    /// <inheritdoc/>
    public bool Read(int input) => _closed[input];
}
