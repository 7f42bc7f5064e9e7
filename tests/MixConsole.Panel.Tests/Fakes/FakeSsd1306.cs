using MixConsole.Panel.Hardware;

namespace MixConsole.Panel.Tests.Fakes;

/// <summary>
/// An SSD1306's command and data stream: a write whose control byte is 0x00 carries one command (memory addressing
/// mode 0x20, column range 0x21, page range 0x22, display on 0xAF / off 0xAE are modelled), one whose control byte is
/// 0x40 carries pixel data into the 128x64 GDDRAM at the address pointer, advancing and wrapping as the controller does.
/// The test reads back pixels and text (cells matched against the panel font).
/// </summary>
internal sealed class FakeSsd1306(int address = 0x3C) : RegisterI2cDevice(address)
{
    public const int Width = 128;
    public const int Pages = 8;

    private readonly byte[] _ram = new byte[Width * Pages];
    private int _mode = 2; // page addressing after reset
    private int _colStart, _colEnd = Width - 1, _pageStart, _pageEnd = Pages - 1;
    private int _col, _page;

    /// <summary>True after display on (0xAF).</summary>
    public bool IsOn { get; private set; }

    /// <summary>Data bytes received.</summary>
    public long DataBytes { get; private set; }

    /// <summary>Pixel (x, y), lit or not.</summary>
    public bool Pixel(int x, int y)
    {
        lock (Gate) return (_ram[((y / 8) * Width) + x] & (1 << (y % 8))) != 0;
    }

    /// <summary>The text of character row <paramref name="line"/> (page), each 8x8 cell read back through the panel font; '?' for a cell no glyph matches.</summary>
    public string Text(int line)
    {
        var text = new char[Width / PanelFont.CellSize];
        lock (Gate)
        {
            for (int c = 0; c < text.Length; c++)
            {
                ReadOnlySpan<byte> cell = _ram.AsSpan((line * Width) + (c * PanelFont.CellSize), PanelFont.CellSize);
                text[c] = '?';
                for (char g = ' '; g <= '~'; g++)
                {
                    if (PanelFont.Glyph(g).SequenceEqual(cell))
                    {
                        text[c] = g;
                        break;
                    }
                }
            }
        }

        return new string(text);
    }

    protected override void OnWrite(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2) return;
        if (bytes[0] == 0x40)
        {
            foreach (byte b in bytes[1..]) Data(b);
        }
        else if (bytes[0] == 0x00)
        {
            Command(bytes[1..]);
        }
    }

    protected override void OnRead(Span<byte> bytes) => bytes.Clear();

    private void Command(ReadOnlySpan<byte> c)
    {
        switch (c[0])
        {
            case 0x20 when c.Length > 1:
                _mode = c[1] & 3;
                break;
            case 0x21 when c.Length > 2:
                (_colStart, _colEnd, _col) = (c[1] & 0x7F, c[2] & 0x7F, c[1] & 0x7F);
                break;
            case 0x22 when c.Length > 2:
                (_pageStart, _pageEnd, _page) = (c[1] & 7, c[2] & 7, c[1] & 7);
                break;
            case 0xAE:
                IsOn = false;
                break;
            case 0xAF:
                IsOn = true;
                break;
        }
    }

    private void Data(byte b)
    {
        _ram[(_page * Width) + _col] = b;
        DataBytes++;
        if (_mode != 0)
        {
            _col = Math.Min(_col + 1, Width - 1);
            return;
        }

        // Horizontal addressing: along the column range, then the next page, wrapping to the start of both.
        if (_col < _colEnd)
        {
            _col++;
            return;
        }

        _col = _colStart;
        _page = _page < _pageEnd ? _page + 1 : _pageStart;
    }
}
