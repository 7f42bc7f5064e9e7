using System.Device.Gpio;
using MixConsole.Panel.Config;

namespace MixConsole.Panel.Hardware;

/// <summary>
/// Rotary encoders on GPIO, decoded from pin-change events: every edge of A or B steps a 16-entry quadrature table
/// on the GPIO event thread, so no step is lost between scans. <see cref="Replay"/> hands the steps to the surface
/// core's own decoder one quadrature state per scan, as if it had read the pins itself.
/// </summary>
internal sealed class GpioEncoders : IDisposable
{
    // Index (previous state << 2) | state, state = A << 1 | B with a closed contact = 1: +1 one quarter clockwise.
    private static readonly int[] Quarter = [0, 1, -1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 0, -1, 1, 0];

    private readonly GpioController _gpio;
    private readonly int[] _pinA;
    private readonly int[] _pinB;
    private readonly int[] _encoderOfPin = new int[PanelWiringCheck.HeaderGpioCount];
    private readonly int[] _state;
    private readonly long[] _quarters;
    private readonly long[] _replayed;
    private readonly int[] _replayState;

    public GpioEncoders(GpioController gpio, IReadOnlyList<EncoderWiring> encoders)
    {
        _gpio = gpio;
        int n = encoders.Count;
        _pinA = new int[n];
        _pinB = new int[n];
        _state = new int[n];
        _quarters = new long[n];
        _replayed = new long[n];
        _replayState = new int[n];
        Array.Fill(_encoderOfPin, -1);
        for (int e = 0; e < n; e++)
        {
            _pinA[e] = encoders[e].A;
            _pinB[e] = encoders[e].B;
            _encoderOfPin[_pinA[e]] = e;
            _encoderOfPin[_pinB[e]] = e;
            gpio.OpenPin(_pinA[e], PinMode.InputPullUp);
            gpio.OpenPin(_pinB[e], PinMode.InputPullUp);
            _state[e] = (Closed(_pinA[e]) ? 2 : 0) | (Closed(_pinB[e]) ? 1 : 0);
            _replayState[e] = _state[e];
            gpio.RegisterCallbackForPinValueChangedEvent(_pinA[e], PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
            gpio.RegisterCallbackForPinValueChangedEvent(_pinB[e], PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
        }
    }

    public int Count => _pinA.Length;

    /// <summary>Quarter steps decoded so far on encoder <paramref name="encoder"/> (clockwise positive).</summary>
    public long Quarters(int encoder) => Interlocked.Read(ref _quarters[encoder]);

    /// <summary>Moves the replayed phases of <paramref name="encoder"/> one quarter towards the decoded count; returns its (A, B) closed state.</summary>
    public int Replay(int encoder)
    {
        long behind = Interlocked.Read(ref _quarters[encoder]) - _replayed[encoder];
        int s = _replayState[encoder];
        if (behind > 0)
        {
            s = s == 0 ? 1 : (s == 1 ? 3 : (s == 3 ? 2 : 0));
            _replayed[encoder]++;
        }
        else if (behind < 0)
        {
            s = s == 0 ? 2 : (s == 2 ? 3 : (s == 3 ? 1 : 0));
            _replayed[encoder]--;
        }

        _replayState[encoder] = s;
        return s;
    }

    private bool Closed(int pin) => _gpio.Read(pin) == PinValue.Low;

    // On the GPIO event thread: the edge says the new level, so no read is needed.
    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        int pin = args.PinNumber;
        int e = (uint)pin < (uint)_encoderOfPin.Length ? _encoderOfPin[pin] : -1;
        if (e < 0)
        {
            return;
        }

        bool closed = args.ChangeType == PinEventTypes.Falling;
        int bit = pin == _pinA[e] ? 2 : 1;
        int previous = _state[e];
        int next = closed ? previous | bit : previous & ~bit;
        _state[e] = next;
        int q = Quarter[(previous << 2) | next];
        if (q != 0)
        {
            Interlocked.Add(ref _quarters[e], q);
        }
    }

    public void Dispose()
    {
        for (int e = 0; e < _pinA.Length; e++)
        {
            _gpio.UnregisterCallbackForPinValueChangedEvent(_pinA[e], OnEdge);
            _gpio.UnregisterCallbackForPinValueChangedEvent(_pinB[e], OnEdge);
        }
    }
}
