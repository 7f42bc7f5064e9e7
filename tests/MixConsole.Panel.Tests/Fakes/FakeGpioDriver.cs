using System.Device.Gpio;

namespace MixConsole.Panel.Tests.Fakes;

/// <summary>
/// A GPIO chip in memory behind System.Device.Gpio's own driver abstraction: pins read what the test set, and a level
/// change raises the registered edge callbacks as the kernel's line events would (on the caller's thread).
/// </summary>
internal sealed class FakeGpioDriver : GpioDriver
{
    private readonly object _gate = new();
    private readonly PinValue[] _levels;
    private readonly PinMode[] _modes;
    private readonly bool[] _open;
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];

    public FakeGpioDriver(int pins = 28)
    {
        _levels = new PinValue[pins];
        _modes = new PinMode[pins];
        _open = new bool[pins];
    }

    protected override int PinCount => _levels.Length;

    /// <summary>True while pin <paramref name="pin"/> is open.</summary>
    public bool IsOpen(int pin) => _open[pin];

    /// <summary>Mode pin <paramref name="pin"/> was set to.</summary>
    public PinMode ModeOf(int pin) => _modes[pin];

    /// <summary>Drives pin <paramref name="pin"/> from outside (a contact), raising edge callbacks on a change.</summary>
    public void SetLevel(int pin, PinValue level)
    {
        (int Pin, PinEventTypes Types, PinChangeEventHandler Handler)[] callbacks;
        lock (_gate)
        {
            if (_levels[pin] == level)
            {
                return;
            }

            _levels[pin] = level;
            callbacks = [.. _callbacks.Where(c => c.Pin == pin)];
        }

        PinEventTypes edge = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (var c in callbacks)
        {
            if ((c.Types & edge) != 0)
            {
                c.Handler(this, new PinValueChangedEventArgs(edge, pin));
            }
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        _open[pinNumber] = true;
    }

    protected override void ClosePin(int pinNumber)
    {
        _open[pinNumber] = false;
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;
        if (mode == PinMode.InputPullUp)
        {
            lock (_gate) _levels[pinNumber] = PinValue.High;
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes[pinNumber];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate) return _levels[pinNumber];
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate) _levels[pinNumber] = value;
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the panel uses callbacks");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate) _callbacks.Add((pinNumber, eventTypes, callback));
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate) _callbacks.RemoveAll(c => c.Pin == pinNumber && c.Handler == callback);
    }

    /// <summary>Callbacks registered now.</summary>
    public int CallbackCount
    {
        get
        {
            lock (_gate) return _callbacks.Count;
        }
    }
}
