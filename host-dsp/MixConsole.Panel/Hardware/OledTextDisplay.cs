using Iot.Device.Ssd13xx;
using Iot.Device.Ssd13xx.Commands;
using Iot.Device.Ssd13xx.Commands.Ssd1306Commands;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.Panel.Hardware;

/// <summary>
/// The core's 8 x 16 text grid on a 128x64 SSD1306: each line is one 8-pixel page. The controller is set once to
/// horizontal addressing over the whole screen, so a frame is one data write that wraps back to the top-left; frames
/// go out on the display's own thread (1 KB is ~25 ms at 400 kHz and would stall the scan).
/// </summary>
internal sealed class OledTextDisplay : IDisplay, IDisposable
{
    /// <summary>Screen width in pixels.</summary>
    public const int Width = 128;

    /// <summary>Screen height in pixels.</summary>
    public const int Height = 64;

    private readonly Ssd1306 _oled;
    private readonly byte[] _frame = new byte[Width * Height / 8];
    private readonly byte[] _sending = new byte[Width * Height / 8];
    private readonly object _gate = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private bool _dirty;

    private readonly Action<string>? _fault;

    /// <summary>Sets the controller up; <paramref name="fault"/> hears once when it stops answering (the display then goes dark, the panel scans on).</summary>
    public OledTextDisplay(Ssd1306 oled, Action<string>? fault = null)
    {
        _oled = oled ?? throw new ArgumentNullException(nameof(oled));
        _fault = fault;
        _oled.SendCommand(new SetDisplayOff());
        ISsd1306Command[] setup =
        [
            new SetMemoryAddressingMode(SetMemoryAddressingMode.AddressingMode.Horizontal),
            new SetColumnAddress(0, Width - 1),
            new SetPageAddress(PageAddress.Page0, PageAddress.Page7),
            new SetChargePump(true),
        ];
        foreach (ISsd1306Command command in setup)
        {
            _oled.SendCommand(command);
        }

        _oled.SendCommand(new SetDisplayOn());

        _dirty = true;
        _thread = new Thread(SendFrames) { IsBackground = true, Name = "panel display" };
        _thread.Start();
    }

    /// <inheritdoc/>
    public int Lines => Height / PanelFont.CellSize;

    /// <inheritdoc/>
    public int Columns => Width / PanelFont.CellSize;

    /// <summary>Frames sent to the controller.</summary>
    public long FramesSent { get; private set; }

    /// <inheritdoc/>
    public void WriteLine(int line, char[] text, int length)
    {
        Span<byte> page = _frame.AsSpan(line * Width, Width);
        for (int c = 0; c < Columns; c++)
        {
            PanelFont.Glyph(c < length ? text[c] : ' ').CopyTo(page.Slice(c * PanelFont.CellSize));
        }

        _dirty = true;
    }

    /// <inheritdoc/>
    public void Flush()
    {
        if (!_dirty)
        {
            return;
        }

        lock (_gate)
        {
            _frame.CopyTo(_sending, 0);
        }

        _dirty = false;
        _wake.Set();
    }

    private void SendFrames()
    {
        byte[] frame = new byte[_sending.Length];
        while (true)
        {
            _wake.WaitOne();
            if (_stopping)
            {
                return;
            }

            lock (_gate)
            {
                _sending.CopyTo(frame, 0);
            }

            try
            {
                _oled.SendData(frame);
            }
            catch (Exception e) when (PiPanel.IsDeviceFailure(e))
            {
                _fault?.Invoke($"panel display stopped: {e.Message}");
                return;
            }

            FramesSent++;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join(TimeSpan.FromSeconds(2));
        _wake.Dispose();
    }
}
