using Iot.Device.Max7219;

namespace MixConsole.Panel.Hardware;

/// <summary>
/// 8x8 glyphs for printable ASCII from Iot.Device.Bindings' CP437 font: one byte per column, bit 0 the top row,
/// which is the SSD1306's page layout. Glyphs are left-aligned in their 8-column cell.
/// </summary>
public static class PanelFont
{
    /// <summary>Pixels per character cell, both ways.</summary>
    public const int CellSize = 8;

    private const char First = ' ';
    private const char Last = '~';
    private static readonly byte[] Table = Build();

    /// <summary>The 8 column bytes of <paramref name="c"/> (a space for anything outside printable ASCII).</summary>
    public static ReadOnlySpan<byte> Glyph(char c) =>
        Table.AsSpan((c is >= First and <= Last ? c - First : 0) * CellSize, CellSize);

    private static byte[] Build()
    {
        var table = new byte[(Last - First + 1) * CellSize];
        for (char c = First; c <= Last; c++)
        {
            var columns = Fonts.CP437[c];
            for (int x = 0; x < columns.Count && x < CellSize; x++)
            {
                table[((c - First) * CellSize) + x] = columns[x];
            }
        }

        return table;
    }
}
