namespace MixConsole.Panel.Tests.Fakes;

/// <summary>
/// An MCP23017's registers (IOCON.BANK = 0, sequential addressing): a write sets the register pointer and then
/// writes on from it, a read reads on from it; GPIOA/GPIOB read the pins, where a pressed button pulls its input low.
/// </summary>
internal sealed class FakeMcp23017(int address = 0x20) : RegisterI2cDevice(address)
{
    public const byte IoDirA = 0x00;
    public const byte GpPuA = 0x0C;
    public const byte GpioA = 0x12;

    private readonly byte[] _registers = InitialRegisters();
    private ushort _pressed;
    private int _pointer;
    private int _portReads;

    /// <summary>Register <paramref name="register"/> as the panel left it.</summary>
    public byte Register(byte register)
    {
        lock (Gate) return _registers[register];
    }

    /// <summary>Presses (true) or releases the button on input <paramref name="input"/> (0-15: GPA0-7, GPB0-7).</summary>
    public void Press(int input, bool pressed)
    {
        lock (Gate) _pressed = (ushort)(pressed ? _pressed | (1 << input) : _pressed & ~(1 << input));
    }

    /// <summary>Reads of the GPIO port registers: the panel's scans.</summary>
    public int PortReads
    {
        get
        {
            lock (Gate) return _portReads;
        }
    }

    /// <summary>
    /// Presses or releases input <paramref name="input"/> and keeps it so until a scan at least
    /// <paramref name="heldMs"/> (longer than its debounce) after the first scan that read it: counting scans alone
    /// loses the edge when a loaded machine bunches them and then stalls the scan thread.
    /// </summary>
    public void PressUntilScanned(int input, bool pressed, int heldMs = 60)
    {
        Press(input, pressed);
        // One read may have begun before the press: the second one after it surely read the new state.
        int before = PortReads;
        ServeWithPanel.WaitUntil(() => PortReads > before + 1, () => "the panel to scan the expander");
        var held = System.Diagnostics.Stopwatch.StartNew();
        ServeWithPanel.WaitUntil(() => held.ElapsedMilliseconds >= heldMs, () => "the hold to pass");
        int after = PortReads;
        ServeWithPanel.WaitUntil(() => PortReads > after, () => "the panel to scan the expander again");
    }

    /// <summary>A short press and release, each seen by the panel's scans.</summary>
    public void Click(int input)
    {
        PressUntilScanned(input, true);
        PressUntilScanned(input, false);
    }

    protected override void OnWrite(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        _pointer = bytes[0];
        for (int i = 1; i < bytes.Length; i++)
        {
            _registers[_pointer % _registers.Length] = bytes[i];
            _pointer = (_pointer + 1) % _registers.Length;
        }
    }

    protected override void OnRead(Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = ReadRegister(_pointer);
            _pointer = (_pointer + 1) % _registers.Length;
        }
    }

    private byte ReadRegister(int register)
    {
        if (register is GpioA or GpioA + 1)
        {
            int port = register - GpioA;
            _portReads++;
            // An input with its pull-up on reads high unless its button is pressed; without the pull-up it floats (read low here).
            byte pullUps = _registers[GpPuA + port];
            byte pressed = (byte)(_pressed >> (8 * port));
            return (byte)(pullUps & ~pressed);
        }

        return _registers[register];
    }

    // After power-on every pin is an input (IODIR = 0xFF), everything else is 0.
    private static byte[] InitialRegisters()
    {
        var r = new byte[0x16];
        r[IoDirA] = 0xFF;
        r[IoDirA + 1] = 0xFF;
        return r;
    }
}
